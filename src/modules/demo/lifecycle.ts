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

export function planLifecycle(rng: Rng, input: LifecycleInput): Lifecycle {
  const steps: Step[] = [];
  const owner = input.ownerId;
  const reply = replyChannel(input.channel, input.customerHasEmail);
  let status: Status = 'new';
  let t = input.createdAt;
  const move = (to: Status, actorId: string | null) => {
    steps.push({ at: t, type: 'status', from: status, to, actorId });
    status = to;
  };
  const say = (direction: 'inbound' | 'outbound' | 'note', text: ThreadText, authorId: string | null) =>
    steps.push({
      at: t,
      type: 'message',
      direction,
      channel: direction === 'note' ? 'internal' : direction === 'outbound' ? reply : input.channel,
      authorId,
      text,
    });
  const wait = (ms: number) => {
    t += Math.max(1000, Math.round(ms));
  };

  wait(takeUpDelay(rng, input.channel));
  steps.push({ at: t, type: 'owner', to: owner, actorId: owner });
  move('open', owner);
  const ask = input.contactable && input.channel !== 'phone';
  if (input.kind === 'incident') {
    if (ask && rng.chance(0.6)) {
      wait(rng.int(1, 10) * MINUTE_MS);
      say('outbound', 'acknowledge', owner);
    }
    if (input.unitResponsibleId && rng.chance(0.55)) {
      wait(rng.int(5, 60) * MINUTE_MS);
      say('note', 'noteToUnit', owner);
      move('pending_unit', owner);
      // A few stay with the unit for weeks: the backlog a supervisor chases.
      wait(rng.chance(0.006) ? rng.logNormal(40 * DAY_MS, 0.5) : rng.logNormal(20 * HOUR_MS, 0.9));
      say('note', 'unitReport', input.unitResponsibleId);
      move('open', input.unitResponsibleId);
    }
    if (input.contactable && rng.chance(0.3)) {
      wait(rng.int(10, 120) * MINUTE_MS);
      say('outbound', 'askDetails', owner);
      move('pending_customer', owner);
      wait(rng.logNormal(8 * HOUR_MS, 1.0));
      say('inbound', 'followUp', null);
      move('open', null);
    }
    if (rng.chance(0.15)) {
      wait(rng.int(5, 60) * MINUTE_MS);
      say('note', 'noteGeneral', owner);
    }
    if (input.supervisorId && rng.chance(0.05)) {
      wait(rng.int(30, 240) * MINUTE_MS);
      say('note', 'noteEscalation', input.supervisorId);
    }
    // Deciding and arranging the remedy (a refund, a replacement, a repeat delivery) takes about a day.
    wait(rng.logNormal(18 * HOUR_MS, 1.0));
  } else if (input.kind === 'question') {
    if (input.contactable && rng.chance(0.1)) {
      wait(rng.int(5, 60) * MINUTE_MS);
      say('outbound', 'askDetails', owner);
      move('pending_customer', owner);
      wait(rng.logNormal(6 * HOUR_MS, 1.0));
      say('inbound', 'followUp', null);
      move('open', null);
    }
    wait(rng.logNormal(2 * HOUR_MS, 1.0));
  } else {
    wait(
      input.kind === 'wish'
        ? rng.logNormal(DAY_MS, 0.8)
        : input.kind === 'review'
          ? rng.logNormal(6 * HOUR_MS, 0.8)
          : rng.logNormal(2 * HOUR_MS, 1.0),
    );
    if (input.kind !== 'review') {
      say('note', 'noteRouted', owner);
    }
  }
  if (input.contactable) {
    say('outbound', 'resolve', owner);
  }
  move('resolved', owner);
  const resolvedAt = t;
  wait((input.kind === 'thanks' ? rng.int(1, 3) : rng.int(3, 7)) * DAY_MS + rng.int(0, 12) * HOUR_MS);
  move('closed', null);
  const closedAt = t;

  const past = steps.filter((s) => s.at <= input.base);
  const statuses = past.filter((s): s is Extract<Step, { type: 'status' }> => s.type === 'status');
  return {
    status: statuses.length ? statuses[statuses.length - 1]!.to : 'new',
    ownerId: past.some((s) => s.type === 'owner') ? owner : null,
    resolvedAt: resolvedAt <= input.base ? resolvedAt : null,
    closedAt: closedAt <= input.base ? closedAt : null,
    updatedAt: past.length ? past[past.length - 1]!.at : input.createdAt,
    steps: past,
  };
}
