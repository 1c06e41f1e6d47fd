// Submission quality: the rules each unit type's submissions must meet (data, edited by admins) and the
// log of rejected submissions, counted per unit as a measure of how well a unit hands incidents over.
import type { Ctx } from '../../context.ts';
import type { Queryable } from '../../db/db.ts';
import { AppError, type FieldError, invalidField, validationFailed } from '../../server/errors.ts';
import { authorize, unitScope, type Actor } from '../auth/actor.ts';
import * as repo from './submissions.repo.ts';
import {
  type RejectionCount,
  type RejectionQuery,
  SubmissionRules,
  UNIT_TYPES,
  type UnitTypeRules,
} from './submissions.schema.ts';

const present = (row: repo.RulesRow): UnitTypeRules => ({
  unitType: row.unitType,
  rules: SubmissionRules.parse(row.rules),
  updatedAt: row.updatedAt.toISOString(),
});

/** The rules for a unit type, or null when its submissions are not checked (cached for a few seconds). */
export function rulesForUnitType(ctx: Ctx, unitType: string): Promise<SubmissionRules | null> {
  return ctx.cache.get(`submission-rules:${unitType}`, async () => {
    const row = await repo.findRules(ctx.db, unitType);
    return row ? SubmissionRules.parse(row.rules) : null;
  });
}

/** Logs a failed submission; call it outside the rolled-back transaction of the attempt. */
export async function recordRejection(
  db: Queryable,
  unitId: string,
  userId: string | null,
  failures: FieldError[],
): Promise<void> {
  await repo.insertRejection(db, unitId, userId, failures);
}

export async function listRules(ctx: Ctx, actor: Actor): Promise<UnitTypeRules[]> {
  authorize(actor, 'settings:read');
  return (await repo.listRules(ctx.db)).map(present);
}

export async function setRules(
  ctx: Ctx,
  actor: Actor,
  unitType: string,
  rules: SubmissionRules,
): Promise<UnitTypeRules> {
  authorize(actor, 'settings:write');
  if (!(UNIT_TYPES as readonly string[]).includes(unitType)) {
    throw invalidField('unitType', 'unknown_unit_type', `Unit type must be one of: ${UNIT_TYPES.join(', ')}`);
  }
  const parsed = SubmissionRules.safeParse(rules);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => ({
      path: issue.path.join('.'),
      code: 'invalid_value',
      message: issue.message,
    }));
    throw new AppError('validation_failed', fields[0]?.message ?? 'Invalid rules', fields);
  }
  const duplicates = duplicateKinds(parsed.data.requiredDocuments);
  if (duplicates.length > 0) {
    throw validationFailed(duplicates);
  }
  const saved = present(await repo.upsertRules(ctx.db, unitType, parsed.data));
  ctx.cache.deletePrefix('submission-rules:');
  return saved;
}

export async function rejectionCounts(ctx: Ctx, actor: Actor, query: RejectionQuery = {}): Promise<RejectionCount[]> {
  authorize(actor, 'settings:read');
  const from = query.from ? new Date(query.from) : null;
  const to = query.to ? new Date(query.to) : null;
  if (from && to && from >= to) {
    throw invalidField('query.to', 'before_from', '"to" must be later than "from"');
  }
  return repo.countRejections(ctx.db, { from, to, unitId: query.unitId ?? null, scope: unitScope(actor) });
}

// One entry per kind: two entries for "scan" would leave it unclear which minimum applies.
function duplicateKinds(required: SubmissionRules['requiredDocuments']): FieldError[] {
  const seen = new Set<string>();
  return required.flatMap(({ kind }, index) => {
    if (!seen.has(kind)) {
      return (seen.add(kind), []);
    }
    return [
      {
        path: `requiredDocuments.${index}.kind`,
        code: 'duplicate_kind',
        message: `Document kind "${kind}" is listed twice`,
      },
    ];
  });
}
