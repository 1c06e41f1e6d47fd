// The proportions of the demo appeal flow: kinds, categories per kind (with seasonal shifts), channels per
// kind, priorities, and which kind of unit a category concerns. Category codes are those of
// 002_seed_taxonomy.sql; the demo loader checks they exist before it starts.
import { channelWeekdayFactor } from './calendar.ts';
import type { AppealKind, Channel, Priority, UnitType } from './model.ts';
import { weightedPicker, type Rng, type Weighted } from './random.ts';

export const KIND_MIX: readonly Weighted<AppealKind>[] = [
  ['incident', 70],
  ['thanks', 15],
  ['question', 10],
  ['wish', 3],
  ['review', 2],
];

export const CATEGORY_MIX: Readonly<Record<AppealKind, readonly Weighted<string>[]>> = {
  incident: [
    ['product_quality_conflict', 18],
    ['promo_terms_claim', 10],
    ['poor_consultation', 10],
    ['delivery', 11],
    ['repair', 9],
    ['installation', 5],
    ['quality_certificate_request', 2],
    ['poor_service', 2],
    ['poor_service.rudeness', 5],
    ['poor_service.incompetence', 5],
    ['poor_service.ignored', 4],
    ['long_service', 1],
    ['long_service.checkout_queue', 6],
    ['long_service.staff_shortage', 4],
    ['long_service.warehouse', 4],
    ['long_service.paperwork', 2],
    ['long_service.it_failure', 2],
    ['long_service.credit', 2],
  ],
  thanks: [
    ['thanks_staff', 65],
    ['thanks_service', 35],
  ],
  question: [
    ['question_order', 35],
    ['question_general', 30],
    ['delivery', 12],
    ['repair', 10],
    ['installation', 8],
    ['quality_certificate_request', 5],
  ],
  wish: [
    ['wish_assortment', 50],
    ['wish_service', 50],
  ],
  review: [
    ['review_product', 60],
    ['review_store', 40],
  ],
};

/** Air conditioners are installed in summer; deliveries and queues peak with the November–December sales. */
function seasonal(code: string, month: number): number {
  if (code === 'installation') {
    return month >= 5 && month <= 7 ? 1.8 : 1;
  }
  if (code === 'delivery' || code === 'question_order') {
    return month >= 10 ? 1.5 : 1;
  }
  if (code === 'long_service.checkout_queue' || code === 'promo_terms_claim') {
    return month >= 10 ? 1.4 : 1;
  }
  return 1;
}

const CHANNEL_MIX: Readonly<Record<AppealKind, readonly Weighted<Channel>[]>> = {
  incident: [
    ['phone', 30],
    ['email', 20],
    ['web_form', 12],
    ['chat', 8],
    ['callback', 5],
    ['store_submission', 12],
    ['edms', 4],
    ['social', 4],
    ['review_site', 3],
    ['sms', 2],
  ],
  thanks: [
    ['store_submission', 25],
    ['email', 20],
    ['web_form', 15],
    ['phone', 15],
    ['social', 10],
    ['review_site', 10],
    ['chat', 3],
    ['sms', 2],
  ],
  question: [
    ['phone', 35],
    ['chat', 25],
    ['email', 15],
    ['web_form', 10],
    ['callback', 10],
    ['sms', 3],
    ['social', 2],
  ],
  wish: [
    ['web_form', 30],
    ['email', 25],
    ['phone', 15],
    ['chat', 10],
    ['social', 10],
    ['store_submission', 10],
  ],
  review: [
    ['review_site', 70],
    ['social', 20],
    ['web_form', 10],
  ],
};

const PRIORITY_MIX: Readonly<Record<AppealKind, readonly Weighted<Priority>[]>> = {
  incident: [
    ['low', 5],
    ['normal', 70],
    ['high', 18],
    ['urgent', 7],
  ],
  thanks: [
    ['low', 70],
    ['normal', 30],
  ],
  question: [
    ['low', 20],
    ['normal', 80],
  ],
  wish: [
    ['low', 70],
    ['normal', 30],
  ],
  review: [
    ['low', 20],
    ['normal', 60],
    ['high', 20],
  ],
};

/** The kind of unit an appeal of a category is about; stores unless the category says otherwise. */
export function unitTypesFor(code: string, rng: Rng): UnitType {
  if (code === 'repair') {
    return 'service_centre';
  }
  if (code === 'installation') {
    return rng.chance(0.85) ? 'services' : 'store';
  }
  if (code === 'quality_certificate_request') {
    return rng.chance(0.5) ? 'document_service' : 'store';
  }
  if (code === 'question_general') {
    return rng.chance(0.4) ? 'call_centre' : 'store';
  }
  if (code === 'thanks_staff') {
    const draw = rng.next();
    return draw < 0.75 ? 'store' : draw < 0.9 ? 'service_centre' : 'call_centre';
  }
  if (code === 'thanks_service') {
    return rng.chance(0.2) ? 'service_centre' : 'store';
  }
  return 'store';
}

export interface MixPickers {
  kind: (rng: Rng) => AppealKind;
  /** A category of the kind, as the month (0–11) shifts the seasons. */
  category: (kind: AppealKind, month: number, rng: Rng) => string;
  /** A channel of the kind, as people use channels on the weekday (Monday 0). */
  channel: (kind: AppealKind, weekday: number, rng: Rng) => Channel;
  priority: (kind: AppealKind, rng: Rng) => Priority;
}

function byKind<T>(make: (kind: AppealKind) => T): Record<AppealKind, T> {
  return {
    incident: make('incident'),
    thanks: make('thanks'),
    question: make('question'),
    wish: make('wish'),
    review: make('review'),
  };
}

/** The picker a precomputed table holds for a month or weekday. */
function pickerAt<T>(pickers: readonly ((rng: Rng) => T)[], at: number): (rng: Rng) => T {
  const picker = pickers[at];
  if (!picker) {
    throw new RangeError(`appeal mix: no picker for ${at}`);
  }
  return picker;
}

const MONTHS = Array.from({ length: 12 }, (_, month) => month);
const WEEKDAYS = Array.from({ length: 7 }, (_, weekday) => weekday);

/** Precomputes every table once per run: the hot loop then draws in O(log n) without allocating. */
export function mixPickers(): MixPickers {
  const categories = byKind((kind) =>
    MONTHS.map((month) =>
      weightedPicker(CATEGORY_MIX[kind].map(([code, weight]) => [code, weight * seasonal(code, month)] as const)),
    ),
  );
  const channels = byKind((kind) =>
    WEEKDAYS.map((weekday) =>
      weightedPicker(
        CHANNEL_MIX[kind].map(
          ([channel, weight]) => [channel, weight * channelWeekdayFactor(channel, weekday)] as const,
        ),
      ),
    ),
  );
  const priorities = byKind((kind) => weightedPicker(PRIORITY_MIX[kind]));
  return {
    kind: weightedPicker(KIND_MIX),
    category: (kind, month, rng) => pickerAt(categories[kind], month)(rng),
    channel: (kind, weekday, rng) => pickerAt(channels[kind], weekday)(rng),
    priority: (kind, rng) => priorities[kind](rng),
  };
}

/** Every category code the mix can produce: the loader checks them against the database. */
export function categoryCodes(): string[] {
  return [...new Set(Object.values(CATEGORY_MIX).flatMap((list) => list.map(([code]) => code)))];
}
