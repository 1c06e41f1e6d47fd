// The first draw of a demo appeal, made as soon as its day comes: its kind, category, unit, channel, customer,
// and when it was registered and reached the company. Pure; the order of the draws is part of the output (the
// same seed gives the same appeals), so each step draws from the source in a fixed order.
import { unitTypesFor, type MixPickers } from './appeal-mix.ts';
import { channelHourPickers, DAY_MS, HOUR_MS } from './calendar.ts';
import type { AppealKind, Channel, CustomerRef, DemoUnit } from './model.ts';
import { SUBMITTING, type OrgIndex } from './org-index.ts';
import type { Rng } from './random.ts';

/** An appeal before its words and timeline: enough to put it in creation order. */
export interface Skeleton {
  kind: AppealKind;
  code: string;
  unit: DemoUnit | undefined;
  channel: Channel;
  customer: CustomerRef | null;
  /** The customer's place in the list, -1 for an anonymous appeal. */
  customerIndex: number;
  createdAt: number;
  receivedAt: number;
}

/** The instants appeals are registered in: [start, end) in epoch milliseconds. */
export interface AppealWindow {
  start: number;
  end: number;
}

/** Which day, as the mix needs it: days since 1970-01-01, weekday (Monday 0) and month (0–11). */
export interface DrawDay {
  day: number;
  weekday: number;
  month: number;
}

export interface SkeletonSources {
  rng: Rng;
  mix: MixPickers;
  index: OrgIndex;
  customers: readonly CustomerRef[];
  window: AppealWindow;
}

/** Moscow's offset, for appeals about no unit. */
const DEFAULT_OFFSET_MINUTES = 180;

/** How long before its registration an appeal reached the company (a store's transfer lag, mail polling). */
function receivedLag(rng: Rng, channel: Channel): number {
  switch (channel) {
    case 'store_submission':
      return Math.min(22 * HOUR_MS, rng.logNormal(90 * 60_000, 0.9));
    case 'edms':
      return Math.min(23 * HOUR_MS, rng.logNormal(4 * HOUR_MS, 0.7));
    case 'social':
    case 'review_site':
      return Math.min(23 * HOUR_MS, rng.logNormal(2 * HOUR_MS, 1.0));
    case 'email':
      return rng.int(5, 900) * 1000;
    default:
      return rng.int(0, 30) * 1000;
  }
}

/** Only units that submit appeals themselves use the store-submission and EDMS channels; others wrote an e-mail. */
function submittable(channel: Channel, unit: DemoUnit | undefined): Channel {
  const submitted = channel === 'store_submission' || channel === 'edms';
  return submitted && !(unit && SUBMITTING.has(unit.type)) ? 'email' : channel;
}

/** A customer's place in the list, or -1: public posts are often anonymous, a quarter come from regulars. */
function drawCustomerIndex(rng: Rng, customerCount: number, channel: Channel): number {
  const anonymous = customerCount === 0 || ((channel === 'social' || channel === 'review_site') && rng.chance(0.4));
  if (anonymous) {
    return -1;
  }
  // A quarter of the appeals come from a small core of returning customers.
  return rng.chance(0.25) ? Math.floor(customerCount * rng.next() ** 3) : rng.int(0, customerCount - 1);
}

/**
 * When the appeal was registered: an hour the channel is busy on the unit's local day, inside the window. On the
 * window's first and last day the busy hours may lie outside it; then any time inside will do.
 */
function drawCreatedAt(rng: Rng, hour: (rng: Rng) => number, localMidnight: number, window: AppealWindow): number {
  const inside = (at: number) => at >= window.start && at < window.end;
  const draw = () => localMidnight + hour(rng) * HOUR_MS + rng.int(0, HOUR_MS - 1);
  let createdAt = draw();
  for (let tries = 0; tries < 8 && !inside(createdAt); tries++) {
    createdAt = draw();
  }
  if (inside(createdAt)) {
    return createdAt;
  }
  let from = Math.max(window.start, localMidnight);
  let to = Math.min(window.end, localMidnight + DAY_MS);
  if (to <= from) {
    [from, to] =
      localMidnight >= window.end - DAY_MS
        ? [window.end - 3 * HOUR_MS, window.end]
        : [window.start, window.start + 3 * HOUR_MS];
  }
  return from + Math.floor(rng.next() * (to - from));
}

/** Draws skeletons for a day; the hour pickers are built once. */
export function skeletonDrawer(sources: SkeletonSources): (on: DrawDay) => Skeleton {
  const { rng, mix, index, customers, window } = sources;
  const hours = channelHourPickers();
  return ({ day, weekday, month }) => {
    const kind = mix.kind(rng);
    const code = mix.category(kind, month, rng);
    const unit = index.unitOf(unitTypesFor(code, rng), rng) ?? index.store(rng) ?? index.anyUnit(rng);
    let channel = submittable(mix.channel(kind, weekday, rng), unit);
    const customerIndex = drawCustomerIndex(rng, customers.length, channel);
    const customer = customers[customerIndex] ?? null;
    if (channel === 'email' && customer && !customer.hasEmail) {
      channel = 'web_form';
    }
    const localMidnight = day * DAY_MS - (unit?.offsetMinutes ?? DEFAULT_OFFSET_MINUTES) * 60_000;
    const createdAt = drawCreatedAt(rng, hours[channel], localMidnight, window);
    return {
      kind,
      code,
      unit,
      channel,
      customer,
      customerIndex,
      createdAt,
      receivedAt: createdAt - Math.round(receivedLag(rng, channel)),
    };
  };
}
