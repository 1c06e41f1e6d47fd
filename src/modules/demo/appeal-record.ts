// The full record of a demo appeal, made from its skeleton once every earlier appeal is final (numbers follow
// creation time): its words, priority, people, timeline, the unit's own register number, tags, history and
// thread. Texts and timelines draw from the main source; message bodies from their own, so turning messages off
// changes nothing else.
import type { Skeleton } from './appeal-draw.ts';
import type { MixPickers } from './appeal-mix.ts';
import { DAY_MS } from './calendar.ts';
import { planLifecycle, type Lifecycle } from './lifecycle.ts';
import type {
  AppealKind,
  CustomerRef,
  DemoAppeal,
  DemoEvent,
  DemoMessage,
  DemoOrg,
  DemoUnit,
  Priority,
} from './model.ts';
import { SUBMITTING, type OrgIndex } from './org-index.ts';
import { dayMonthEn, dayMonthRu } from './products.ts';
import { weightedPicker, type Rng } from './random.ts';
import type { TextContext } from './template.ts';
import { threadText } from './texts.thread.ts';
import { appealText } from './texts.ts';

/** What making records needs, and what it remembers from one appeal to the next. */
export interface RecordContext {
  rng: Rng;
  /** The source of message bodies and ids. */
  messageRng: Rng;
  org: DemoOrg;
  index: OrgIndex;
  mix: MixPickers;
  /** The present of the generated world, epoch milliseconds. */
  base: number;
  withMessages: boolean;
  /** 1 for each customer who has written before. */
  seenCustomers: Uint8Array;
  /** The last number of each unit's register, by unit and year. */
  sequences: Map<string, number>;
}

const RATINGS = weightedPicker<number>([
  [1, 15],
  [2, 10],
  [3, 12],
  [4, 23],
  [5, 40],
]);
/** Moscow's offset, for appeals about no unit. */
const DEFAULT_OFFSET_MINUTES = 180;

/** The store the texts name: the appeal's own, else one of the chain's, else the chain itself. */
function storeLabel(context: RecordContext, unit: DemoUnit | undefined): DemoUnit['label'] {
  const store = unit?.type === 'store' ? unit : context.index.store(context.rng);
  const chain = context.org.chain;
  return store?.label ?? { ru: `«${chain}»`, en: chain, acc: chain };
}

/** Low ratings and VIP customers raise the priority the mix gives the kind. */
function drawPriority(context: RecordContext, kind: AppealKind, rating: number | null, customer: CustomerRef | null) {
  const priority: Priority = context.mix.priority(kind, context.rng);
  return (rating !== null && rating <= 2) || (customer?.vip && priority === 'normal') ? 'high' : priority;
}

/** The unit's own register restarts every year: ST-004-2024-0137. */
function nextSequenceNumber(sequences: Map<string, number>, unit: DemoUnit, localMs: number): string {
  const year = new Date(localMs).getUTCFullYear();
  const key = `${unit.id}:${year}`;
  const last = (sequences.get(key) ?? 0) + 1;
  sequences.set(key, last);
  return `${unit.code ?? 'U'}-${year}-${String(last).padStart(4, '0')}`;
}

/** repeat (the customer wrote before), vip, escalated, english; marks the customer as seen. */
function appealTags(seenCustomers: Uint8Array, skeleton: Skeleton, life: Lifecycle): string[] {
  const tags: string[] = [];
  if (skeleton.customerIndex >= 0) {
    if (seenCustomers[skeleton.customerIndex]) {
      tags.push('repeat');
    }
    seenCustomers[skeleton.customerIndex] = 1;
  }
  if (skeleton.customer?.vip) {
    tags.push('vip');
  }
  if (life.steps.some((step) => step.type === 'message' && step.text === 'noteEscalation')) {
    tags.push('escalated');
  }
  if (skeleton.customer?.english) {
    tags.push('english');
  }
  return tags;
}

interface HistoryInput {
  skeleton: Skeleton;
  number: number;
  createdBy: string | null;
  ownerId: string;
  life: Lifecycle;
  textContext: TextContext;
  offsetMs: number;
}

/** The appeal's history (created, then each step of its timeline) and, when asked for, its thread. */
function history(context: RecordContext, input: HistoryInput): { events: DemoEvent[]; messages: DemoMessage[] } {
  const { skeleton, number } = input;
  const events: DemoEvent[] = [
    {
      actorId: input.createdBy,
      at: skeleton.createdAt,
      action: 'created',
      field: null,
      oldValue: null,
      newValue: { number, status: 'new' },
    },
  ];
  const messages: DemoMessage[] = [];
  const deadlineMs = skeleton.createdAt + input.offsetMs + 2 * DAY_MS;
  const deadline = dayMonthRu(deadlineMs);
  const deadlineEn = dayMonthEn(deadlineMs);
  for (const step of input.life.steps) {
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
    } else if (context.withMessages) {
      const body = threadText(context.messageRng, input.textContext, step.text, {
        kind: skeleton.kind,
        categoryCode: skeleton.code,
        english: skeleton.customer?.english ?? false,
        channel: step.channel,
        number,
        agent: context.index.person(step.authorId ?? input.ownerId),
        unitName: skeleton.unit?.label.acc ?? 'ответственное подразделение',
        deadline,
        deadlineEn,
      });
      const messageId = context.messageRng.uuid();
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
  return { events, messages };
}

/** The whole appeal, numbered `number`. */
export function makeRecord(context: RecordContext, skeleton: Skeleton, number: number): DemoAppeal {
  const { rng, index } = context;
  const { kind, unit, channel, customer } = skeleton;
  const english = customer?.english ?? false;
  const rating = kind === 'review' ? RATINGS(rng) : null;
  const offsetMs = (unit?.offsetMinutes ?? DEFAULT_OFFSET_MINUTES) * 60_000;
  const store = storeLabel(context, unit);
  const text = appealText(rng, {
    kind,
    categoryCode: skeleton.code,
    channel,
    english,
    writer: customer,
    localMs: skeleton.createdAt + offsetMs,
    store,
    chain: context.org.chain,
    rating,
  });
  const priority = drawPriority(context, kind, rating, customer);
  const owner = index.owner(rng, channel === 'phone' || channel === 'callback', english);
  const submitted = channel === 'store_submission' || channel === 'edms';
  const responsible = unit && SUBMITTING.has(unit.type) ? index.responsibleOf(unit.id) : null;
  const createdBy = channel === 'phone' ? owner.id : submitted ? responsible : null;
  const supervisorId = index.supervisor(rng)?.id ?? null;
  const life = planLifecycle(rng, {
    kind,
    channel,
    createdAt: skeleton.createdAt,
    base: context.base,
    ownerId: owner.id,
    unitResponsibleId: responsible,
    supervisorId,
    contactable: customer !== null,
    customerHasEmail: customer?.hasEmail ?? false,
  });
  const sequenceNumber =
    submitted && unit ? nextSequenceNumber(context.sequences, unit, skeleton.createdAt + offsetMs) : null;
  const tags = appealTags(context.seenCustomers, skeleton, life);
  const id = rng.uuid();
  const { events, messages } = history(context, {
    skeleton,
    number,
    createdBy,
    ownerId: owner.id,
    life,
    textContext: text.ctx,
    offsetMs,
  });
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
    categoryCode: skeleton.code,
    customerId: customer?.id ?? null,
    ownerId: life.ownerId,
    createdBy,
    sequenceNumber,
    receivedAt: skeleton.receivedAt,
    createdAt: skeleton.createdAt,
    updatedAt: life.updatedAt,
    resolvedAt: life.resolvedAt,
    closedAt: life.closedAt,
    tags,
    messages,
    events,
  };
}
