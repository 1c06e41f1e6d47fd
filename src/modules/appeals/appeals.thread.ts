// The conversation on an appeal (inbound, outbound, internal notes) and its history.
import type { Ctx } from '../../context.ts';
import type { Queryable } from '../../db/db.ts';
import { forbidden } from '../../server/errors.ts';
import { authorize, type Actor } from '../auth/actor.ts';
import { publishAppealEvents } from '../events/events.service.ts';
import { queueReply } from '../mail/outbound/queue.ts';
import { nudgeOutbox } from '../mail/outbound/sender.ts';
import { onMessage } from '../sla/sla.service.ts';
import { applyChange, lockVisible } from './appeals.changes.ts';
import * as repo from './appeals.repo.ts';
import type { CreateMessageInput, HistoryEvent, Message } from './appeals.schema.ts';
import { visibleAppeal } from './appeals.access.ts';

const presentMessage = (message: repo.MessageRow): Message => ({
  ...message,
  createdAt: message.createdAt.toISOString(),
  delivery: message.delivery
    ? { ...message.delivery, sentAt: message.delivery.sentAt ? new Date(message.delivery.sentAt).toISOString() : null }
    : null,
  mail: message.mail ?? null,
});

/**
 * Status a message moves the appeal to: an agent's reply opens a new appeal, a customer's answer reopens a
 * waiting one.
 */
function statusAfter(direction: string, status: string): string | undefined {
  if (direction === 'outbound' && status === 'new') {
    return 'open';
  }
  if (direction === 'inbound' && (status === 'pending_customer' || status === 'resolved')) {
    return 'open';
  }
  return undefined;
}

export async function addMessage(
  ctx: Ctx,
  actor: Actor,
  appealId: string,
  input: CreateMessageInput,
): Promise<Message> {
  authorize(actor, 'appeals:comment');
  // Unit staff write internal notes (the outcome report); talking to the customer is Customer Service's job.
  if (actor.role === 'unit_responsible' && input.direction !== 'note') {
    throw forbidden('Unit staff may add internal notes only');
  }
  const { message, appeal } = await ctx.db.transaction((tx) => addMessageIn({ ctx, tx, actor, appealId, input }));
  publishAppealEvents(ctx, [appeal], 'message');
  if (message.delivery) {
    nudgeOutbox(ctx);
  }
  return presentMessage(message);
}

/**
 * Adds a message inside the caller's transaction (an e-mail reply is stored with its mail record and files).
 * Answers the message and the appeal as the message left it, for announcing after the commit.
 */
/** A message someone adds to an appeal, inside their transaction. */
export interface NewMessage {
  ctx: Ctx;
  tx: Queryable;
  actor: Actor;
  appealId: string;
  input: CreateMessageInput;
}

export async function addMessageIn({
  ctx,
  tx,
  actor,
  appealId,
  input,
}: NewMessage): Promise<{ message: repo.MessageRow; appeal: repo.AppealRow }> {
  const appeal = await lockVisible(tx, actor, appealId);
  const channel = input.direction === 'note' ? 'internal' : (input.channel ?? appeal.channel);
  const message = await repo.insertMessage(tx, {
    appealId,
    direction: input.direction,
    channel,
    body: input.body,
    authorId: actor.id,
  });
  await repo.insertEvents(tx, appealId, actor.id, [
    { action: 'message_added', newValue: { messageId: message.id, direction: input.direction } },
  ]);
  const status = statusAfter(input.direction, appeal.status);
  const after = status
    ? await applyChange({ ctx, tx, actor, current: appeal, input: { status: status as 'open' } })
    : appeal;
  // Replies meet response targets, a unit's note is its completion report, the customer writing again starts a clock.
  await onMessage(tx, { ...appeal, status: status ?? appeal.status }, message, actor);
  // An e-mail reply goes to the outbox in this transaction: rolled back, nothing is sent.
  const delivery =
    input.direction === 'outbound'
      ? await queueReply(ctx, tx, {
          appealId,
          appealMessageId: message.id,
          channel,
          body: input.body,
          authorId: actor.id,
        })
      : null;
  return { message: delivery ? { ...message, delivery } : message, appeal: after };
}

export async function listMessages(ctx: Ctx, actor: Actor, appealId: string): Promise<Message[]> {
  await visibleAppeal(ctx.db, actor, appealId);
  return (await repo.listMessages(ctx.db, appealId, true)).map(presentMessage);
}

export async function history(ctx: Ctx, actor: Actor, appealId: string): Promise<HistoryEvent[]> {
  await visibleAppeal(ctx.db, actor, appealId);
  return (await repo.listEvents(ctx.db, appealId)).map((e) => ({ ...e, at: e.at.toISOString() }));
}
