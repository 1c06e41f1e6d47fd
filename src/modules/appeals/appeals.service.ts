// The appeals register: creating, reading, listing, changing, assigning and commenting on appeals, each
// write in one transaction with its history. Knows nothing of HTTP.
import type { Ctx } from '../../context.ts';
import type { Queryable } from '../../db/db.ts';
import { AppError, type FieldError, forbidden, notFound } from '../../server/errors.ts';
import { type AttachmentInfo, historyValue, linkToAppeal, loadStaged } from '../attachments/attachments.service.ts';
import { authorize, canSeeUnit, type Actor } from '../auth/actor.ts';
import { checkOwner, recordEvents } from './appeals.access.ts';
import { requireCategoryFor } from '../categories/categories.service.ts';
import { checkCustomFields } from '../custom-fields/custom-fields.service.ts';
import { resolveForAppeal } from '../customers/customers.service.ts';
import { idempotent } from '../idempotency/idempotency.service.ts';
import { requireUnit } from '../units/units.service.ts';
import { presentAppeal } from './appeals.present.ts';
import * as repo from './appeals.repo.ts';
import type { Appeal, CreateAppealInput } from './appeals.schema.ts';
import { checkUnitSubmission, recordRejectedSubmission } from './submission.ts';

/** Clock skew we forgive when a client says when the customer spoke. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

function unitForSubmitter(actor: Actor, unitId: string | undefined): string | undefined {
  if (actor.role !== 'unit_responsible') return unitId;
  const own = unitId ?? (actor.unitIds.length === 1 ? actor.unitIds[0] : undefined);
  if (!own) throw new AppError('validation_failed', 'Say which of your units submits this', [{ path: 'unitId', code: 'required', message: 'Say which of your units submits this' }]);
  if (!actor.unitIds.includes(own)) throw forbidden('You may submit only for your own units');
  return own;
}

async function insertAppeal(tx: Queryable, actor: Actor, input: CreateAppealInput, unitId: string | undefined): Promise<Appeal> {
  const errors: FieldError[] = [];
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : new Date();
  if (receivedAt.getTime() > Date.now() + FUTURE_TOLERANCE_MS) errors.push({ path: 'receivedAt', code: 'in_the_future', message: 'receivedAt cannot be in the future' });
  const collect = async (check: () => Promise<unknown>) => {
    try {
      await check();
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'validation_failed') throw err;
      errors.push(...err.fields);
    }
  };
  let unit: Awaited<ReturnType<typeof requireUnit>> | undefined;
  await collect(async () => (unit = unitId ? await requireUnit(tx, unitId) : undefined));
  if (input.categoryId) await collect(() => requireCategoryFor(tx, input.categoryId!, input.kind));
  const ownerError = await checkOwner(tx, actor, input.ownerId ?? null, 'ownerId');
  if (ownerError) errors.push(ownerError);
  errors.push(...(await checkCustomFields(tx, input.kind, input.customFields)));
  let customer: { id: string; name: string | null } | undefined;
  await collect(async () => (customer = await resolveForAppeal(tx, input.customer)));
  let attachments: AttachmentInfo[] = [];
  if (input.attachmentIds.length) await collect(async () => (attachments = await loadStaged(tx, actor, input.attachmentIds)));
  if (errors.length) throw new AppError('validation_failed', errors[0]!.message, errors);

  if (unit) await checkUnitSubmission(tx, actor, unit, input, customer!.name, attachments);
  const row = await repo.insertWithEvent(tx, {
    kind: input.kind, channel: input.channel, status: input.ownerId ? 'open' : 'new', priority: input.priority,
    subject: input.subject, description: input.description, unitId: unitId ?? null, categoryId: input.categoryId ?? null,
    customerId: customer!.id, ownerId: input.ownerId ?? null, createdBy: actor.id, sequenceNumber: input.sequenceNumber ?? null,
    receivedAt, tags: [...new Set(input.tags)], customFields: input.customFields,
  });
  if (attachments.length) {
    await linkToAppeal(tx, input.attachmentIds, row.id);
    await recordEvents(tx, row.id, actor.id, attachments.map((a) => ({ action: 'attachment_added', newValue: historyValue(a) })));
  }
  return presentAppeal(row);
}

export async function createAppeal(ctx: Ctx, actor: Actor, input: CreateAppealInput, idempotencyKey?: string) {
  authorize(actor, 'appeals:create');
  const unitId = unitForSubmitter(actor, input.unitId);
  try {
    return await idempotent(ctx.db, actor.id, idempotencyKey, 'POST /api/v1/appeals', input, (tx) => insertAppeal(tx, actor, input, unitId));
  } catch (err) {
    // The rejected attempt is counted outside the rolled-back transaction: it is a metric of the unit.
    if (err instanceof AppError && err.code === 'submission_rejected' && unitId) await recordRejectedSubmission(ctx.db, unitId, actor.id, err.fields);
    throw err;
  }
}

export async function getAppeal(ctx: Ctx, actor: Actor, id: string): Promise<Appeal> {
  authorize(actor, 'appeals:read');
  const row = await repo.findById(ctx.db, id);
  if (!row || !canSeeUnit(actor, row.unitId)) throw notFound('Appeal');
  return presentAppeal(row);
}
