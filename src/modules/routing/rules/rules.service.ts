// Routing rules: an admin's ordered if-then rules, kept in this process's cache and evaluated in pure code
// (rules-engine.ts) when an appeal is created or changed. This file loads the facts rules look at and writes the
// notifications they ask for inside the caller's transaction (the appeals module writes the appeal's own
// changes, history and replies). The CRUD and the dry run are in rules.manage.ts.
import type { Ctx } from '../../../context.ts';
import type { Queryable } from '../../../db/db.ts';
import { AppError } from '../../../server/errors.ts';
import type { Actor } from '../../auth/actor.ts';
import { notify } from '../../notifications/notifications.service.ts';
import { calendarOf, cachedSnapshot } from '../../sla/sla.snapshot.ts';
import { isWorkingTime } from '../../sla/working-time.ts';
import { requireUnit } from '../../units/units.service.ts';
import {
  type Effect,
  type EngineRule,
  type Evaluation,
  evaluateRules,
  renderReply,
  type RuleAppeal,
  type RuleEvent,
  type Suggestion,
  type TraceEntry,
} from './rules-engine.ts';
import { usesBusinessHours, usesCustomerTags, usesUnitType } from './rule-conditions.ts';
import { cachedCategoryFor } from '../../categories/categories.service.ts';
import { checkQueueAttestation } from '../../queues/queues.attestation.ts';
import * as repo from './rules.repo.ts';

/** The cache entry of the active rules; a change to the rules clears it. */
export const RULES_CACHE_KEY = 'routing-rules';

/** The active rules, from this process's cache (a change here clears it; another process's shows within the TTL). */
export const cachedRules = (ctx: Ctx, db: Queryable): Promise<readonly EngineRule[]> =>
  ctx.cache.get(RULES_CACHE_KEY, () => repo.listActive(db));

/** Whether the active rules look at the customer's tags: only then must the create path know the customer first. */
export const rulesNeedCustomer = async (ctx: Ctx, db: Queryable) => usesCustomerTags(await cachedRules(ctx, db));

export interface RuleFacts {
  appeal: Omit<RuleAppeal, 'unitType'>;
  unitType?: string | null | undefined;
  customerId: string | null;
  /** When the appeal arrived (create) or changed (update): the business-hours condition looks at it. */
  at: Date;
  suggestion?: Suggestion | null | undefined;
}

/** Evaluates the cached rules; null when there is nothing to evaluate (no rules, no suggestion). */
export async function evaluateFor(
  ctx: Ctx,
  db: Queryable,
  event: RuleEvent,
  facts: RuleFacts,
): Promise<Evaluation | null> {
  const rules = await cachedRules(ctx, db);
  if (!facts.suggestion && !rules.some((rule) => rule.events.includes(event))) {
    return null;
  }
  return evaluateWith(db, { rules, event, facts });
}

/** What to evaluate: the rules, the event, the facts, and the customer's tags when the caller knows them. */
export interface EvaluationRequest {
  rules: readonly EngineRule[];
  event: RuleEvent;
  facts: RuleFacts;
  customerTags?: string[] | undefined;
}

/** Evaluates rules, loading only the facts they look at (the unit's type, the customer's tags, business hours). */
export async function evaluateWith(db: Queryable, request: EvaluationRequest): Promise<Evaluation> {
  const { rules, event, facts } = request;
  let unitType = facts.unitType ?? null;
  if (facts.unitType === undefined && facts.appeal.unitId && usesUnitType(rules)) {
    unitType = (await requireUnit(db, facts.appeal.unitId)).type;
  }
  const customerTags =
    request.customerTags ?? (usesCustomerTags(rules) ? (await repo.customerOf(db, facts.customerId)).tags : []);
  let insideBusinessHours = true;
  if (usesBusinessHours(rules)) {
    const snap = await cachedSnapshot(db);
    insideBusinessHours = isWorkingTime(calendarOf(snap, snap.csCalendarId), facts.at);
  }
  return evaluateRules(
    rules,
    { ...facts.appeal, unitType },
    { event, now: facts.at, insideBusinessHours, customerTags, suggestion: facts.suggestion },
  );
}

/** The trace as history events of the appeal. */
export const traceEvents = (evaluation: Evaluation): { action: string; newValue: unknown }[] =>
  evaluation.trace.map((entry) => ({ action: 'rule_applied', newValue: entry }));

/** The appeal as notifications and replies name it. */
export interface EffectTarget {
  id: string;
  number: number;
  subject: string;
  customerId: string | null;
  updatedAt: Date;
}

/** Writes the notifications rules asked for, in the caller's transaction. */
export async function notifyForRules(tx: Queryable, appeal: EffectTarget, effects: readonly Effect[]): Promise<void> {
  for (const effect of effects) {
    if (effect.type !== 'notify') {
      continue;
    }
    const userIds = [...new Set([...effect.userIds, ...(await repo.activeUsersWithRoles(tx, effect.roles))])];
    await notify(
      tx,
      userIds.map((userId) => ({
        userId,
        appealId: appeal.id,
        kind: 'rule_notification',
        dedupeKey: `rule:${effect.ruleId}:${appeal.id}:${appeal.updatedAt.toISOString()}`,
        payload: {
          ruleId: effect.ruleId,
          ruleName: effect.ruleName,
          appealNumber: appeal.number,
          subject: appeal.subject,
        },
      })),
    );
  }
}

/** The bodies of the template replies rules asked for, placeholders filled. */
export async function repliesForRules(
  db: Queryable,
  appeal: EffectTarget,
  effects: readonly Effect[],
): Promise<string[]> {
  const replies = effects.filter((effect) => effect.type === 'reply');
  if (replies.length === 0) {
    return [];
  }
  const customer = await repo.customerOf(db, appeal.customerId);
  return replies.map((reply) => renderReply(reply.body, { customerName: customer.name, number: appeal.number }));
}

/**
 * Runs a check of one change an evaluation makes; when the check refuses it (an AppError), the change is dropped
 * and the trace says why. Other errors pass through.
 */
async function unlessRefused(
  evaluation: Evaluation,
  change: 'categoryId' | 'ownerId',
  check: () => Promise<unknown>,
  refusal: (error: AppError) => TraceEntry,
): Promise<Evaluation> {
  try {
    await check();
    return evaluation;
  } catch (err) {
    if (!(err instanceof AppError)) {
      throw err;
    }
    const changes = { ...evaluation.changes };
    delete changes[change];
    return { ...evaluation, changes, trace: [...evaluation.trace, refusal(err)] };
  }
}

/**
 * A rule may not put a category on an appeal of a kind the category is not for (or a retired one): that change is
 * dropped and the trace says why.
 */
export async function withFittingCategory(ctx: Ctx, evaluation: Evaluation, kind: string): Promise<Evaluation> {
  const categoryId = evaluation.changes.categoryId;
  if (!categoryId) {
    return evaluation;
  }
  return unlessRefused(
    evaluation,
    'categoryId',
    () => cachedCategoryFor(ctx, categoryId, kind),
    (error) => ({
      ruleId: null,
      ruleName: 'taxonomy',
      action: 'category_refused',
      detail: { categoryId, reason: error.fields[0]?.code ?? error.code },
    }),
  );
}

/**
 * A rule may not give an appeal in a queue to someone the queue's attestation refuses (not certified, or only
 * under a supervisor's review the acting user cannot give): that assignment is dropped and the trace says why.
 */
export async function withAttestedOwner(
  db: Queryable,
  evaluation: Evaluation,
  appeal: { queueId: string | null },
  actor: Actor,
): Promise<Evaluation> {
  const ownerId = evaluation.changes.ownerId;
  const queueId = evaluation.changes.queueId ?? appeal.queueId;
  if (!ownerId || !queueId) {
    return evaluation;
  }
  return unlessRefused(
    evaluation,
    'ownerId',
    () => checkQueueAttestation(db, queueId, ownerId, actor),
    (error) => ({
      ruleId: null,
      ruleName: 'attestation',
      action: 'assign_refused',
      detail: { ownerId, queueId, reason: error.code },
    }),
  );
}

/** The appeal fields an evaluation changes, as the appeals repo names them; assigning a new appeal opens it. */
export function fieldChanges(evaluation: Evaluation, status: string): Record<string, unknown> {
  const set: Record<string, unknown> = { ...evaluation.changes };
  if (evaluation.changes.ownerId && status === 'new') {
    set.status = 'open';
  }
  return set;
}
