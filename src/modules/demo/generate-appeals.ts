// Pure, streaming generation of demo appeals: day by day over the last N years, in arrays of ~5,000, so a
// million appeals never sit in memory together. Numbers follow creation time, as they would in a live
// register. Texts and timelines draw from the given source; message bodies from a fork of it, so turning
// messages off changes nothing else.
import { allocate, CHANNEL_HOURS, DAY_MS, dayShare, dayWeights, HOUR_MS, weekdayOf } from './calendar.ts';
import { mixPickers, unitTypesFor, type MixPickers } from './appeal-mix.ts';
import { planLifecycle } from './lifecycle.ts';
import type {
  AppealKind,
  Channel,
  CustomerRef,
  DemoAppeal,
  DemoEvent,
  DemoMessage,
  DemoOrg,
  DemoUnit,
} from './model.ts';
import { indexOrg, SUBMITTING, type OrgIndex } from './org-index.ts';
import { dayMonthEn, dayMonthRu } from './products.ts';
import { weightedPicker, type Rng } from './random.ts';
import { threadText } from './texts.thread.ts';
import { appealText } from './texts.ts';

export interface AppealOptions {
  count: number;
  years: number;
  /** The present of the generated world; every appeal is created before it. */
  baseDate: Date;
  withMessages: boolean;
  /** The register number of the first appeal (1 in an empty database). */
  firstNumber?: number;
  batchSize?: number;
}

interface Skeleton {
  kind: AppealKind;
  code: string;
  unit: DemoUnit | undefined;
  channel: Channel;
  customer: CustomerRef | null;
  customerIndex: number;
  createdAt: number;
  receivedAt: number;
}

const MOSCOW_MS = 3 * HOUR_MS;
const RATINGS = weightedPicker<number>([
  [1, 15],
  [2, 10],
  [3, 12],
  [4, 23],
  [5, 40],
]);

/** The first day of the generated range: `years` calendar years before the base date. */
export function rangeStart(baseDate: Date, years: number): Date {
  const start = new Date(baseDate.getTime());
  start.setUTCFullYear(start.getUTCFullYear() - Math.floor(years));
  return new Date(start.getTime() - Math.round((years % 1) * 365.25 * DAY_MS));
}

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

export function* appealBatches(
  rng: Rng,
  org: DemoOrg,
  customers: readonly CustomerRef[],
  options: AppealOptions,
): Generator<DemoAppeal[]> {
  const msgRng = rng.fork();
  const mix = mixPickers();
  const index = indexOrg(rng, org);
  const hours = new Map<Channel, (r: Rng) => number>(
    Object.entries(CHANNEL_HOURS).map(([c, w]) => [c as Channel, weightedPicker(w.map((x, h) => [h, x] as const))]),
  );
  const base = options.baseDate.getTime();
  // A day's margin keeps received_at (always less than a day earlier) inside the range too.
  const windowStart = rangeStart(options.baseDate, options.years).getTime() + DAY_MS;
  const fromDay = Math.floor(windowStart / DAY_MS);
  const toDay = Math.floor((base - 1) / DAY_MS);
  const days = dayWeights(rng, fromDay, toDay);
  // The first and the last day are partial: weigh them by the share of a day's traffic they cover (Moscow time).
  const hourOf = (ms: number, day: number) => (ms + MOSCOW_MS - day * DAY_MS) / HOUR_MS;
  const edge = (d: number) =>
    Math.max(0.01, dayShare(Math.max(0, hourOf(windowStart, d)), Math.min(24, hourOf(base, d))));
  const counts = allocate(
    options.count,
    days.map((d) => d.weight * edge(d.day)),
  );
  const seenCustomers = new Uint8Array(customers.length);
  const sequences = new Map<string, number>();
  let number = options.firstNumber ?? 1;

  const skeleton = (day: number, weekday: number, month: number): Skeleton => {
    const kind = mix.kind(rng);
    const code = mix.category[kind][month]!(rng);
    const unit = index.unitOf(unitTypesFor(code, rng), rng) ?? index.store(rng) ?? index.anyUnit(rng);
    let channel = mix.channel[kind][weekday]!(rng);
    if ((channel === 'store_submission' || channel === 'edms') && !(unit && SUBMITTING.has(unit.type))) {
      channel = 'email';
    }
    const anonymous =
      customers.length === 0 || ((channel === 'social' || channel === 'review_site') && rng.chance(0.4));
    // A quarter of the appeals come from a small core of returning customers.
    const customerIndex = anonymous
      ? -1
      : rng.chance(0.25)
        ? Math.floor(customers.length * rng.next() ** 3)
        : rng.int(0, customers.length - 1);
    const customer = customerIndex >= 0 ? customers[customerIndex]! : null;
    if (channel === 'email' && customer && !customer.hasEmail) {
      channel = 'web_form';
    }
    const localMidnight = day * DAY_MS - (unit?.offsetMinutes ?? 180) * 60_000;
    const hour = hours.get(channel)!;
    let createdAt = localMidnight + hour(rng) * HOUR_MS + rng.int(0, HOUR_MS - 1);
    for (let tries = 0; tries < 8 && (createdAt < windowStart || createdAt >= base); tries++) {
      createdAt = localMidnight + hour(rng) * HOUR_MS + rng.int(0, HOUR_MS - 1);
    }
    if (createdAt < windowStart || createdAt >= base) {
      // The channel's busy hours lie outside the range on its first or last day: any time inside will do.
      let lo = Math.max(windowStart, localMidnight);
      let hi = Math.min(base, localMidnight + DAY_MS);
      if (hi <= lo) {
        [lo, hi] =
          localMidnight >= base - DAY_MS ? [base - 3 * HOUR_MS, base] : [windowStart, windowStart + 3 * HOUR_MS];
      }
      createdAt = lo + Math.floor(rng.next() * (hi - lo));
    }
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

  const state: FinalizeState = { rng, msgRng, org, index, mix, base, options, seenCustomers, sequences };
  const finish = (sk: Skeleton): DemoAppeal => finalize(state, sk, number++);

  let pending: Skeleton[] = [];
  let batch: DemoAppeal[] = [];
  const size = options.batchSize ?? 5_000;
  for (let i = 0; i < days.length; i++) {
    const day = days[i]!.day;
    const weekday = weekdayOf(day);
    const month = new Date(day * DAY_MS).getUTCMonth();
    for (let j = 0; j < counts[i]!; j++) {
      pending.push(skeleton(day, weekday, month));
    }
    // Appeals of later days start at the next local midnight of the easternmost unit; all before it are final.
    const cutoff = (day + 1) * DAY_MS - index.maxOffsetMs;
    pending.sort((a, b) => a.createdAt - b.createdAt);
    let split = 0;
    while (split < pending.length && pending[split]!.createdAt < cutoff) {
      split++;
    }
    for (const sk of pending.slice(0, split)) {
      batch.push(finish(sk));
      if (batch.length >= size) {
        yield batch;
        batch = [];
      }
    }
    pending = pending.slice(split);
  }
  for (const sk of pending) {
    batch.push(finish(sk));
  }
  if (batch.length) {
    yield batch;
  }
}

interface FinalizeState {
  rng: Rng;
  msgRng: Rng;
  org: DemoOrg;
  index: OrgIndex;
  mix: MixPickers;
  base: number;
  options: AppealOptions;
  seenCustomers: Uint8Array;
  sequences: Map<string, number>;
}

function finalize(st: FinalizeState, sk: Skeleton, number: number): DemoAppeal {
  const { rng, msgRng, org, index } = st;
  const { kind, unit, channel, customer } = sk;
  const english = customer?.english ?? false;
  const rating = kind === 'review' ? RATINGS(rng) : null;
  const offsetMs = (unit?.offsetMinutes ?? 180) * 60_000;
  const storeLabel = (unit?.type === 'store' ? unit : index.store(rng))?.label ?? {
    ru: `«${org.chain}»`,
    en: org.chain,
    acc: org.chain,
  };
  const text = appealText(rng, {
    kind,
    categoryCode: sk.code,
    channel,
    english,
    writer: customer,
    localMs: sk.createdAt + offsetMs,
    store: storeLabel,
    chain: org.chain,
    rating,
  });
  let priority = st.mix.priority[kind](rng);
  if ((rating !== null && rating <= 2) || (customer?.vip && priority === 'normal')) {
    priority = 'high';
  }
  const owner = index.owner(rng, channel === 'phone' || channel === 'callback', english);
  const submitted = channel === 'store_submission' || channel === 'edms';
  const responsible = unit && SUBMITTING.has(unit.type) ? index.responsibleOf(unit.id) : null;
  const createdBy = channel === 'phone' ? owner.id : submitted ? responsible : null;
  const life = planLifecycle(rng, {
    kind,
    channel,
    createdAt: sk.createdAt,
    base: st.base,
    ownerId: owner.id,
    unitResponsibleId: responsible,
    supervisorId: index.supervisor(rng)?.id ?? null,
    contactable: customer !== null,
    customerHasEmail: customer?.hasEmail ?? false,
  });

  let sequenceNumber: string | null = null;
  if (submitted && unit) {
    // The unit's own register restarts every year: ST-004-2024-0137.
    const year = new Date(sk.createdAt + offsetMs).getUTCFullYear();
    const key = `${unit.id}:${year}`;
    const n = (st.sequences.get(key) ?? 0) + 1;
    st.sequences.set(key, n);
    sequenceNumber = `${unit.code ?? 'U'}-${year}-${String(n).padStart(4, '0')}`;
  }
  const tags: string[] = [];
  if (sk.customerIndex >= 0) {
    if (st.seenCustomers[sk.customerIndex]) {
      tags.push('repeat');
    }
    st.seenCustomers[sk.customerIndex] = 1;
  }
  if (customer?.vip) {
    tags.push('vip');
  }
  if (life.steps.some((s) => s.type === 'message' && s.text === 'noteEscalation')) {
    tags.push('escalated');
  }
  if (english) {
    tags.push('english');
  }

  const id = rng.uuid();
  const events: DemoEvent[] = [
    {
      actorId: createdBy,
      at: sk.createdAt,
      action: 'created',
      field: null,
      oldValue: null,
      newValue: { number, status: 'new' },
    },
  ];
  const messages: DemoMessage[] = [];
  const deadlineMs = sk.createdAt + offsetMs + 2 * DAY_MS;
  const deadline = dayMonthRu(deadlineMs);
  const deadlineEn = dayMonthEn(deadlineMs);
  for (const step of life.steps) {
    if (step.type === 'owner') {
      events.push({
        actorId: step.actorId,
        at: step.at,
        action: 'updated',
        field: 'ownerId',
        oldValue: null,
        newValue: step.to,
      });
    } else if (step.type === 'status') {
      events.push({
        actorId: step.actorId,
        at: step.at,
        action: 'updated',
        field: 'status',
        oldValue: step.from,
        newValue: step.to,
      });
    } else if (st.options.withMessages) {
      const author = step.authorId ?? owner.id;
      const body = threadText(msgRng, text.ctx, step.text, {
        kind,
        categoryCode: sk.code,
        english,
        channel: step.channel,
        number,
        agent: index.person(author),
        unitName: unit?.label.acc ?? 'ответственное подразделение',
        deadline,
        deadlineEn,
      });
      const messageId = msgRng.uuid();
      messages.push({
        id: messageId,
        direction: step.direction,
        channel: step.channel,
        body,
        authorId: step.authorId,
        at: step.at,
      });
      events.push({
        actorId: step.authorId,
        at: step.at,
        action: 'message_added',
        field: null,
        oldValue: null,
        newValue: { messageId, direction: step.direction },
      });
    }
  }

  return {
    id,
    number,
    kind,
    channel,
    status: life.status,
    priority,
    subject: text.subject,
    description: text.description,
    unitId: unit?.id ?? null,
    categoryCode: sk.code,
    customerId: customer?.id ?? null,
    ownerId: life.ownerId,
    createdBy,
    sequenceNumber,
    receivedAt: sk.receivedAt,
    createdAt: sk.createdAt,
    updatedAt: life.updatedAt,
    resolvedAt: life.resolvedAt,
    closedAt: life.closedAt,
    tags,
    messages,
    events,
  };
}
