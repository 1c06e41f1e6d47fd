// The life of one demo appeal as a timeline: taken by an agent, sent to the unit, waiting on the customer,
// resolved, closed. The timeline is planned in full, then cut at the base date, so an appeal's status, its
// stamps and its history always agree with its age: old appeals are closed, this morning's are new.
import { DAY_MS, HOUR_MS } from './calendar.ts';
import type { AppealKind, Channel, Status } from './model.ts';
import type { Rng } from './random.ts';
import type { ThreadText } from './texts.thread.ts';

const MINUTE_MS = 60_000;

export type Step =
  | { at: number; type: 'status'; from: Status; to: Status; actorId: string | null }
  | { at: number; type: 'owner'; to: string; actorId: string }
  | {
      at: number;
      type: 'message';
      direction: 'inbound' | 'outbound' | 'note';
      channel: string;
      authorId: string | null;
      text: ThreadText;
    };

export interface LifecycleInput {
  kind: AppealKind;
  channel: Channel;
  createdAt: number;
  /** The present of the generated world: nothing happens after it. */
  base: number;
  ownerId: string;
  /** Who reports for the unit concerned, when the unit is one that can be asked. */
  unitResponsibleId: string | null;
  supervisorId: string | null;
  /** Whether anyone can answer the customer (anonymous posts get no reply). */
  contactable: boolean;
  customerHasEmail: boolean;
}

export interface Lifecycle {
  status: Status;
  ownerId: string | null;
  resolvedAt: number | null;
  closedAt: number | null;
  updatedAt: number;
  /** Chronological, up to the base date. */
  steps: Step[];
}

/** The channel an agent answers on: the customer's own where it is two-way, else e-mail or a call. */
export function replyChannel(channel: Channel, hasEmail: boolean): string {
  if (channel === 'chat' || channel === 'social' || channel === 'review_site' || channel === 'sms') {
    return channel;
  }
  if (channel === 'phone' || channel === 'callback') {
    return 'phone';
  }
  return hasEmail ? 'email' : 'phone';
}

function takeUpDelay(rng: Rng, channel: Channel): number {
  if (channel === 'phone' || channel === 'callback') {
    return rng.int(0, 120) * 1000;
  }
  if (channel === 'chat') {
    return rng.int(30, 300) * 1000;
  }
  if (channel === 'store_submission' || channel === 'edms') {
    return Math.min(2 * DAY_MS, rng.logNormal(40 * MINUTE_MS, 0.8));
  }
  return Math.min(3 * DAY_MS, rng.logNormal(75 * MINUTE_MS, 1.0));
}

/** The timeline being planned: its steps, its clock and the status it has reached. */
interface Timeline {
  readonly steps: Step[];
  now(): number;
  wait(ms: number): void;
  take(ownerId: string): void;
  move(to: Status, actorId: string | null): void;
  say(direction: 'inbound' | 'outbound' | 'note', text: ThreadText, authorId: string | null): void;
}

function startTimeline(input: LifecycleInput): Timeline {
  const steps: Step[] = [];
  const reply = replyChannel(input.channel, input.customerHasEmail);
  let now = input.createdAt;
  let status: Status = 'new';
  return {
    steps,
    now: () => now,
    wait(ms) {
      now += Math.max(1000, Math.round(ms));
    },
    take(ownerId) {
      steps.push({ at: now, type: 'owner', to: ownerId, actorId: ownerId });
    },
    move(to, actorId) {
      steps.push({ at: now, type: 'status', from: status, to, actorId });
      status = to;
    },
    say(direction, text, authorId) {
      const channel = direction === 'note' ? 'internal' : direction === 'outbound' ? reply : input.channel;
      steps.push({ at: now, type: 'message', direction, channel, authorId, text });
    },
  };
}

/** The customer is asked for details and answers some hours later. */
function askCustomer(rng: Rng, line: Timeline, ownerId: string, medianAnswerMs: number): void {
  line.say('outbound', 'askDetails', ownerId);
  line.move('pending_customer', ownerId);
  line.wait(rng.logNormal(medianAnswerMs, 1.0));
  line.say('inbound', 'followUp', null);
  line.move('open', null);
}

/** An incident: acknowledged, often checked with the unit, sometimes discussed, rarely escalated, remedied. */
function incident(rng: Rng, line: Timeline, input: LifecycleInput): void {
  const owner = input.ownerId;
  if (input.contactable && input.channel !== 'phone' && rng.chance(0.6)) {
    line.wait(rng.int(1, 10) * MINUTE_MS);
    line.say('outbound', 'acknowledge', owner);
  }
  if (input.unitResponsibleId && rng.chance(0.55)) {
    line.wait(rng.int(5, 60) * MINUTE_MS);
    line.say('note', 'noteToUnit', owner);
    line.move('pending_unit', owner);
    // A few stay with the unit for weeks: the backlog a supervisor chases.
    line.wait(rng.chance(0.006) ? rng.logNormal(40 * DAY_MS, 0.5) : rng.logNormal(20 * HOUR_MS, 0.9));
    line.say('note', 'unitReport', input.unitResponsibleId);
    line.move('open', input.unitResponsibleId);
  }
  if (input.contactable && rng.chance(0.3)) {
    line.wait(rng.int(10, 120) * MINUTE_MS);
    askCustomer(rng, line, owner, 8 * HOUR_MS);
  }
  if (rng.chance(0.15)) {
    line.wait(rng.int(5, 60) * MINUTE_MS);
    line.say('note', 'noteGeneral', owner);
  }
  if (input.supervisorId && rng.chance(0.05)) {
    line.wait(rng.int(30, 240) * MINUTE_MS);
    line.say('note', 'noteEscalation', input.supervisorId);
  }
  // Deciding and arranging the remedy (a refund, a replacement, a repeat delivery) takes about a day.
  line.wait(rng.logNormal(18 * HOUR_MS, 1.0));
}

/** A question: now and then a detail to ask first, then a couple of hours to answer. */
function question(rng: Rng, line: Timeline, input: LifecycleInput): void {
  if (input.contactable && rng.chance(0.1)) {
    line.wait(rng.int(5, 60) * MINUTE_MS);
    askCustomer(rng, line, input.ownerId, 6 * HOUR_MS);
  }
  line.wait(rng.logNormal(2 * HOUR_MS, 1.0));
}

/** Thanks and wishes are passed on to whom they concern, with a note; reviews are answered. */
function passedOn(rng: Rng, line: Timeline, input: LifecycleInput): void {
  line.wait(
    input.kind === 'wish'
      ? rng.logNormal(DAY_MS, 0.8)
      : input.kind === 'review'
        ? rng.logNormal(6 * HOUR_MS, 0.8)
        : rng.logNormal(2 * HOUR_MS, 1.0),
  );
  if (input.kind !== 'review') {
    line.say('note', 'noteRouted', input.ownerId);
  }
}

export function planLifecycle(rng: Rng, input: LifecycleInput): Lifecycle {
  const owner = input.ownerId;
  const line = startTimeline(input);
  line.wait(takeUpDelay(rng, input.channel));
  line.take(owner);
  line.move('open', owner);
  if (input.kind === 'incident') {
    incident(rng, line, input);
  } else if (input.kind === 'question') {
    question(rng, line, input);
  } else {
    passedOn(rng, line, input);
  }
  if (input.contactable) {
    line.say('outbound', 'resolve', owner);
  }
  line.move('resolved', owner);
  const resolvedAt = line.now();
  line.wait((input.kind === 'thanks' ? rng.int(1, 3) : rng.int(3, 7)) * DAY_MS + rng.int(0, 12) * HOUR_MS);
  line.move('closed', null);
  const closedAt = line.now();

  // Cut at the base date: what has not happened yet is not in the history.
  const past = line.steps.filter((step) => step.at <= input.base);
  const statuses = past.filter((step): step is Extract<Step, { type: 'status' }> => step.type === 'status');
  return {
    status: statuses.at(-1)?.to ?? 'new',
    ownerId: past.some((step) => step.type === 'owner') ? owner : null,
    resolvedAt: resolvedAt <= input.base ? resolvedAt : null,
    closedAt: closedAt <= input.base ? closedAt : null,
    updatedAt: past.at(-1)?.at ?? input.createdAt,
    steps: past,
  };
}
