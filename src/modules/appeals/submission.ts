// Where the appeals register meets submission quality: which creations are a unit's submission, and what
// happens when one fails the unit type's rules.
import type { Ctx } from '../../context.ts';
import type { Queryable } from '../../db/db.ts';
import { AppError, type FieldError } from '../../server/errors.ts';
import type { AttachmentInfo } from '../attachments/attachments.service.ts';
import type { Actor } from '../auth/actor.ts';
import { cachedCategoryFor } from '../categories/categories.service.ts';
import { checkSubmission } from '../submissions/submission-check.ts';
import { recordRejection, rulesForUnitType } from '../submissions/submissions.service.ts';
import { cachedUnit } from '../units/units.service.ts';
import type { CreateAppealInput } from './appeals.schema.ts';

const UNIT_CHANNELS = new Set(['store_submission', 'edms']);

/** A unit's own staff, or a unit channel (store submission, EDMS), hands an incident to Customer Service. */
export const isUnitSubmission = (actor: Actor, input: Pick<CreateAppealInput, 'kind' | 'channel'>) =>
  input.kind === 'incident' && (actor.role === 'unit_responsible' || UNIT_CHANNELS.has(input.channel));

/** What a unit submits: the appeal's input, with the customer's name as known and the files it brings. */
export interface UnitSubmission {
  unit: { type: string };
  input: CreateAppealInput;
  customerName: string | null;
  attachments: AttachmentInfo[];
}

export async function checkUnitSubmission(
  ctx: Ctx,
  actor: Actor,
  { unit, input, customerName, attachments }: UnitSubmission,
): Promise<void> {
  if (!isUnitSubmission(actor, input)) {
    return;
  }
  const rules = await rulesForUnitType(ctx, unit.type);
  if (!rules) {
    return;
  }
  const failures = checkSubmission(rules, {
    description: input.description,
    sequenceNumber: input.sequenceNumber,
    customerName: 'id' in input.customer ? customerName : input.customer.name,
    attachments,
  });
  if (failures.length) {
    throw new AppError(
      'submission_rejected',
      `The submission misses ${failures.length} requirement(s) of this unit`,
      failures,
    );
  }
}

export const recordRejectedSubmission = (db: Queryable, unitId: string, userId: string, failures: FieldError[]) =>
  recordRejection(db, unitId, userId, failures);

/**
 * Loads what planning a new appeal reads from caches (unit, category, the unit type's rules) before a
 * transaction opens: PGlite has one connection, so a cold load through ctx.db inside the transaction would wait
 * for that transaction forever. Errors are left for the plan to report.
 */
export async function warmPlanCaches(
  ctx: Ctx,
  actor: Actor,
  input: CreateAppealInput,
  unitId: string | undefined,
): Promise<void> {
  if (input.categoryId) {
    await cachedCategoryFor(ctx, input.categoryId, input.kind).catch(() => undefined);
  }
  const unit = unitId ? await cachedUnit(ctx, unitId).catch(() => undefined) : undefined;
  if (unit && isUnitSubmission(actor, input)) {
    await rulesForUnitType(ctx, unit.type);
  }
}
