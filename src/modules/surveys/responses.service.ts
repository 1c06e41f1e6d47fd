// Owns: the supervisor's view of survey responses — the filtered list with each response's answers — and the
// qualification of a response's negative answers by their cause.
import type { Ctx } from '../../context.ts';
import { invalidField, notFound } from '../../server/errors.ts';
import { type Actor, canSeeUnit } from '../auth/actor.ts';
import * as repo from './responses.repo.ts';
import { authorizeSurvey, unitsInScope } from './surveys.access.ts';
import type { QualifyInput, ResponseQueryInput } from './surveys.schema.ts';

/** A date is the start of that day in UTC; a date-time is that instant. */
const dayOrInstant = (value: string | undefined) =>
  value ? new Date(value.length === 10 ? `${value}T00:00:00Z` : value) : undefined;

export async function listResponses(ctx: Ctx, actor: Actor, query: ResponseQueryInput) {
  authorizeSurvey(actor, 'read');
  const rows = await repo.listResponses(ctx.db, {
    negative: query.negative,
    qualified: query.qualified,
    unitIds: unitsInScope(actor, query.unitId),
    surveyId: query.surveyId,
    from: dayOrInstant(query.from),
    to: dayOrInstant(query.to),
    limit: query.limit,
  });
  return rows.map(presentResponse);
}

const presentResponse = (row: repo.ResponseRow) => ({
  ...row,
  sentAt: row.sentAt?.toISOString() ?? null,
  completedAt: row.completedAt?.toISOString() ?? null,
  qualifiedAt: row.qualifiedAt?.toISOString() ?? null,
});

/**
 * Qualifies a response's negative answers by their cause (null clears it). Only answers can be qualified: a
 * silent customer said nothing to qualify, and a wholly positive response has nothing negative in it.
 */
export async function qualifyResponse(ctx: Ctx, actor: Actor, id: string, input: QualifyInput) {
  authorizeSurvey(actor, 'qualify');
  await ctx.db.transaction(async (tx) => {
    const target = await repo.findForQualification(tx, id);
    if (!target || !canSeeUnit(actor, target.unitId)) {
      throw notFound('Response');
    }
    if (!['answering', 'completed', 'lapsed'].includes(target.status)) {
      throw invalidField('qualification', 'not_answered', 'Only answered surveys can be qualified');
    }
    if (!target.negative && input.qualification !== null) {
      throw invalidField('qualification', 'not_negative', 'This response has no negative answer to qualify');
    }
    await repo.qualify(tx, id, { qualification: input.qualification, note: input.note, by: actor.id });
  });
  const [row] = await repo.listResponses(ctx.db, { id, unitIds: null, limit: 1 });
  if (!row) {
    throw notFound('Response');
  }
  return presentResponse(row);
}
