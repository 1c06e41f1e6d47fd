// Changing an appeal: fields, status, owner. Every changed field becomes a history event in the same
// transaction; nothing changes when any part of the request is invalid.
import type { Ctx } from '../../context.ts';
import type { Queryable } from '../../db/db.ts';
import { type FieldError, fieldErrorCollector, notFound, validationFailed } from '../../server/errors.ts';
import { authorize, canSeeUnit, type Actor } from '../auth/actor.ts';
import { requireCategoryFor } from '../categories/categories.service.ts';
import { checkCustomFields } from '../custom-fields/custom-fields.service.ts';
import { requireCustomer } from '../customers/customers.service.ts';
import { publishAppealEvents } from '../events/events.service.ts';
import { onAppealChanged, slaOfAppeal } from '../sla/sla.service.ts';
import { requireUnit } from '../units/units.service.ts';
import { checkQueueAttestation, requireQueue } from '../queues/queues.attestation.ts';
import type { Effect } from '../routing/rules/rules-engine.ts';
import {
  evaluateFor,
  fieldChanges,
  notifyForRules,
  repliesForRules,
  traceEvents,
  withAttestedOwner,
  withFittingCategory,
} from '../routing/rules/rules.service.ts';
import { insertSubtaskIn } from '../subtasks/subtasks.service.ts';
import { onAppealStatusChanged } from '../surveys/invitations.service.ts';
import { presentAppeal } from './appeals.present.ts';
import * as repo from './appeals.repo.ts';
import type { Appeal, UpdateAppealInput } from './appeals.schema.ts';
import { checkOwner, checkOwnerChange } from './appeals.access.ts';

const CLOSED = new Set(['resolved', 'closed']);

async function lockVisible(tx: Queryable, actor: Actor, id: string): Promise<repo.AppealRow> {
  const row = await repo.findById(tx, id, true);
  if (!row || !canSeeUnit(actor, row.unitId)) {
    throw notFound('Appeal');
  }
  return row;
}

/** A change to an appeal: who asks for what, on the appeal as it is (locked) in their transaction. */
export interface AppealChange {
  ctx: Ctx;
  tx: Queryable;
  actor: Actor;
  current: repo.AppealRow;
  input: UpdateAppealInput;
}

async function validateChange({ ctx, tx, actor, current, input }: AppealChange): Promise<FieldError[]> {
  const { errors, collect } = fieldErrorCollector();
  const kind = input.kind ?? current.kind;
  const categoryId = input.categoryId === undefined ? current.categoryId : input.categoryId;
  if (categoryId && (input.categoryId !== undefined || input.kind !== undefined)) {
    await collect(() => requireCategoryFor(tx, categoryId, kind));
  }
  const { unitId, customerId } = input;
  if (unitId) {
    await collect(() => requireUnit(tx, unitId));
  }
  if (customerId) {
    await collect(() => requireCustomer(tx, customerId));
  }
  if (input.ownerId !== undefined && input.ownerId !== current.ownerId) {
    checkOwnerChange(actor, current.ownerId);
    const ownerError = await checkOwner(tx, actor, input.ownerId, 'ownerId');
    if (ownerError) {
      errors.push(ownerError);
    }
  }
  // An appeal in a queue may be owned only by someone attested for it (queues.attestation.ts).
  const newQueueId = input.queueId;
  if (newQueueId && newQueueId !== current.queueId) {
    await collect(() => requireQueue(tx, newQueueId));
  }
  const queueId = input.queueId === undefined ? current.queueId : input.queueId;
  const ownerId = input.ownerId === undefined ? current.ownerId : input.ownerId;
  if (queueId && ownerId && (ownerId !== current.ownerId || queueId !== current.queueId)) {
    await collect(() => checkQueueAttestation(tx, queueId, ownerId, actor));
  }
  if (input.customFields || input.kind) {
    errors.push(...(await checkCustomFields(ctx, tx, kind, { ...current.customFields, ...input.customFields })));
  }
  return errors;
}

/** Status side effects: resolving stamps resolved_at, closing stamps closed_at, reopening clears both. */
function statusStamps(from: string, to: string): Record<string, Date | null> {
  if (from === to) {
    return {};
  }
  if (to === 'resolved') {
    return { resolvedAt: new Date() };
  }
  if (to === 'closed') {
    return from === 'resolved' ? { closedAt: new Date() } : { closedAt: new Date(), resolvedAt: new Date() };
  }
  return CLOSED.has(from) ? { resolvedAt: null, closedAt: null } : {};
}

function diff(current: repo.AppealRow, next: Record<string, unknown>): repo.EventInput[] {
  const events: repo.EventInput[] = [];
  for (const [field, value] of Object.entries(next)) {
    if (field === 'resolvedAt' || field === 'closedAt') {
      continue;
    }
    const old = current[field as keyof repo.AppealRow];
    if (JSON.stringify(old) !== JSON.stringify(value)) {
      events.push({ action: 'updated', field, oldValue: old ?? null, newValue: value ?? null });
    }
  }
  return events;
}

export async function applyChange(change: AppealChange): Promise<repo.AppealRow> {
  const { ctx, tx, actor, current, input } = change;
  const errors = await validateChange(change);
  if (errors.length) {
    throw validationFailed(errors);
  }
  const given = Object.entries(input).filter(([, value]) => value !== undefined);
  const next: Record<string, unknown> = Object.fromEntries(given);
  if (input.customFields) {
    next.customFields = Object.fromEntries(
      Object.entries({ ...current.customFields, ...input.customFields }).filter(([, value]) => value !== null),
    );
  }
  if (input.tags) {
    next.tags = [...new Set(input.tags)];
  }
  // Taking a new appeal opens it.
  if (input.ownerId && current.status === 'new' && input.status === undefined) {
    next.status = 'open';
  }
  Object.assign(next, statusStamps(current.status, (next.status as string | undefined) ?? current.status));
  const events = diff(current, next);
  if (events.length === 0) {
    return current;
  }
  const row = await repo.update(tx, current.id, next);
  await repo.insertEvents(tx, current.id, actor.id, events);
  // Rules on 'update' run once after the change; what they change does not run them again (no loops).
  const ruled = await applyUpdateRules(ctx, tx, actor, row);
  await onAppealChanged(tx, current, ruled);
  await onAppealStatusChanged(tx, current, ruled);
  return ruled;
}

/** What routing rules ask beyond the appeal's fields: notifications and template replies (outbound messages). */
export async function writeRuleEffects(
  tx: Queryable,
  actorId: string,
  row: repo.AppealRow,
  effects: readonly Effect[],
): Promise<void> {
  if (effects.length === 0) {
    return;
  }
  await notifyForRules(tx, row, effects);
  for (const body of await repliesForRules(tx, row, effects)) {
    await repo.insertMessage(tx, {
      appealId: row.id,
      direction: 'outbound',
      channel: row.channel,
      body,
      authorId: actorId,
    });
  }
  for (const effect of effects) {
    if (effect.type !== 'subtask') {
      continue;
    }
    const input = {
      title: effect.title,
      ...(effect.queueId ? { queueId: effect.queueId } : {}),
      ...(effect.assigneeId ? { assigneeId: effect.assigneeId } : {}),
      ...(effect.dueInWorkingMinutes !== null ? { dueInWorkingMinutes: effect.dueInWorkingMinutes } : {}),
    };
    await insertSubtaskIn(tx, { actorId, appeal: { id: row.id, unitId: row.unitId }, input });
  }
}

/** Rules with the 'update' event: their changes are one more update, with history, in the same transaction. */
async function applyUpdateRules(ctx: Ctx, tx: Queryable, actor: Actor, row: repo.AppealRow): Promise<repo.AppealRow> {
  const actorId = actor.id;
  const evaluated = await evaluateFor(ctx, tx, 'update', { appeal: row, customerId: row.customerId, at: new Date() });
  const evaluation =
    evaluated && (await withAttestedOwner(tx, await withFittingCategory(ctx, evaluated, row.kind), row, actor));
  if (!evaluation || evaluation.trace.length === 0) {
    return row;
  }
  const set = fieldChanges(evaluation, row.status);
  const next = Object.keys(set).length ? await repo.update(tx, row.id, set) : row;
  await repo.insertEvents(tx, row.id, actorId, [...diff(row, set), ...traceEvents(evaluation)]);
  await writeRuleEffects(tx, actorId, next, evaluation.effects);
  return next;
}

export async function updateAppeal(ctx: Ctx, actor: Actor, id: string, input: UpdateAppealInput): Promise<Appeal> {
  authorize(actor, 'appeals:update');
  return published(
    ctx,
    await ctx.db.transaction(async (tx) => {
      const row = await applyChange({ ctx, tx, actor, current: await lockVisible(tx, actor, id), input });
      return presentAppeal(row, await slaOfAppeal(tx, row.id, ctx.clock.now()));
    }),
  );
}

export async function assignAppeal(ctx: Ctx, actor: Actor, id: string, ownerId: string | null): Promise<Appeal> {
  authorize(actor, 'appeals:update');
  return published(
    ctx,
    await ctx.db.transaction(async (tx) => {
      const current = await lockVisible(tx, actor, id);
      const row = await applyChange({ ctx, tx, actor, current, input: { ownerId } });
      return presentAppeal(row, await slaOfAppeal(tx, row.id, ctx.clock.now()));
    }),
  );
}

/** Announces the changed appeal to live views, after its transaction committed. */
function published(ctx: Ctx, appeal: Appeal): Appeal {
  publishAppealEvents(ctx, [appeal], 'updated');
  return appeal;
}

export { lockVisible };
