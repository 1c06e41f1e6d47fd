// Routing rules: an admin's ordered if-then rules, kept in this process's cache and evaluated in pure code
// (rules-engine.ts) when an appeal is created or changed. This file loads the facts rules look at, writes the
// notifications they ask for inside the caller's transaction (the appeals module writes the appeal's own
// changes, history and replies), and serves the CRUD and the dry run.
import type { Ctx } from '../../../context.ts';
import type { Queryable } from '../../../db/db.ts';
import { AppError, type FieldError, notFound } from '../../../server/errors.ts';
import { authorize, type Actor } from '../../auth/actor.ts';
import { idempotent, type Outcome } from '../../idempotency/idempotency.service.ts';
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
  usesBusinessHours,
  usesCustomerTags,
  usesUnitType,
} from './rules-engine.ts';
import { cachedCategoryFor } from '../../categories/categories.service.ts';
import { checkQueueAttestation } from '../../queues/queues.attestation.ts';
import * as repo from './rules.repo.ts';
import type { CreateRuleInput, DryRunInput, Rule, RuleAction, UpdateRuleInput } from './rules.schema.ts';

const CACHE_KEY = 'routing-rules';

const present = (r: repo.RuleRow): Rule => ({
  id: r.id,
  name: r.name,
  position: r.position,
  active: r.active,
  events: r.events,
  conditions: r.conditions as Rule['conditions'],
  actions: r.actions as Rule['actions'],
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/** The active rules, from this process's cache (a change here clears it; another process's shows within the TTL). */
export const cachedRules = (ctx: Ctx, db: Queryable): Promise<readonly EngineRule[]> =>
  ctx.cache.get(CACHE_KEY, () => repo.listActive(db));

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
  if (!facts.suggestion && !rules.some((r) => r.events.includes(event))) {
    return null;
  }
  return evaluateWith(db, rules, event, facts);
}

async function evaluateWith(
  db: Queryable,
  rules: readonly EngineRule[],
  event: RuleEvent,
  facts: RuleFacts,
  knownCustomerTags?: string[],
): Promise<Evaluation> {
  let unitType = facts.unitType ?? null;
  if (facts.unitType === undefined && facts.appeal.unitId && usesUnitType(rules)) {
    unitType = (await requireUnit(db, facts.appeal.unitId)).type;
  }
  const customerTags =
    knownCustomerTags ?? (usesCustomerTags(rules) ? (await repo.customerOf(db, facts.customerId)).tags : []);
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
export const traceEvents = (e: Evaluation): { action: string; newValue: unknown }[] =>
  e.trace.map((t) => ({ action: 'rule_applied', newValue: t }));

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
  const replies = effects.filter((e) => e.type === 'reply');
  if (replies.length === 0) {
    return [];
  }
  const customer = await repo.customerOf(db, appeal.customerId);
  return replies.map((e) => renderReply(e.body, { customerName: customer.name, number: appeal.number }));
}

/** The appeal fields an evaluation changes, as the appeals repo names them; assigning a new appeal opens it. */
/**
 * A rule may not put a category on an appeal of a kind the category is not for (or a retired one): that change is
 * dropped and the trace says why.
 */
export async function withFittingCategory(ctx: Ctx, e: Evaluation, kind: string): Promise<Evaluation> {
  const categoryId = e.changes.categoryId;
  if (!categoryId) {
    return e;
  }
  try {
    await cachedCategoryFor(ctx, categoryId, kind);
    return e;
  } catch (err) {
    if (!(err instanceof AppError)) {
      throw err;
    }
    const { categoryId: _refused, ...changes } = e.changes;
    const reason = err.fields[0]?.code ?? err.code;
    return {
      ...e,
      changes,
      trace: [
        ...e.trace,
        { ruleId: null, ruleName: 'taxonomy', action: 'category_refused', detail: { categoryId, reason } },
      ],
    };
  }
}

/**
 * A rule may not give an appeal in a queue to someone the queue's attestation refuses (not certified, or only
 * under a supervisor's review the acting user cannot give): that assignment is dropped and the trace says why.
 */
export async function withAttestedOwner(
  db: Queryable,
  e: Evaluation,
  appeal: { queueId: string | null },
  actor: Actor,
): Promise<Evaluation> {
  const ownerId = e.changes.ownerId;
  const queueId = e.changes.queueId ?? appeal.queueId;
  if (!ownerId || !queueId) {
    return e;
  }
  try {
    await checkQueueAttestation(db, queueId, ownerId, actor);
    return e;
  } catch (err) {
    if (!(err instanceof AppError)) {
      throw err;
    }
    const { ownerId: _refused, ...changes } = e.changes;
    return {
      ...e,
      changes,
      trace: [
        ...e.trace,
        {
          ruleId: null,
          ruleName: 'attestation',
          action: 'assign_refused',
          detail: { ownerId, queueId, reason: err.code },
        },
      ],
    };
  }
}

export function fieldChanges(e: Evaluation, status: string): Record<string, unknown> {
  const set: Record<string, unknown> = { ...e.changes };
  if (e.changes.ownerId && status === 'new') {
    set.status = 'open';
  }
  return set;
}

// The CRUD of rules.

async function checkReferences(db: Queryable, actions: readonly RuleAction[]): Promise<void> {
  const wanted = { categories: new Set<string>(), queues: new Set<string>(), users: new Set<string>() };
  for (const a of actions) {
    if (a.type === 'set_category') {
      wanted.categories.add(a.categoryId);
    }
    if (a.type === 'set_queue') {
      wanted.queues.add(a.queueId);
    }
    if (a.type === 'assign') {
      wanted.users.add(a.userId);
    }
    if (a.type === 'notify') {
      for (const id of a.userIds ?? []) {
        wanted.users.add(id);
      }
    }
    if (a.type === 'add_subtask') {
      if (a.queueId) {
        wanted.queues.add(a.queueId);
      }
      if (a.assigneeId) {
        wanted.users.add(a.assigneeId);
      }
    }
  }
  const found = {
    categories: await repo.existing(db, 'categories', [...wanted.categories]),
    queues: await repo.existing(db, 'queues', [...wanted.queues]),
    users: await repo.existing(db, 'users', [...wanted.users]),
  };
  const errors: FieldError[] = [];
  const check = (table: keyof typeof found, id: string | undefined, path: string) => {
    if (id !== undefined && !found[table].has(id)) {
      errors.push({ path, code: 'unknown_reference', message: `No such ${table.slice(0, -1).replace('ie', 'y')}` });
    }
  };
  actions.forEach((a, i) => {
    if (a.type === 'set_category') {
      check('categories', a.categoryId, `actions.${i}.categoryId`);
    }
    if (a.type === 'set_queue') {
      check('queues', a.queueId, `actions.${i}.queueId`);
    }
    if (a.type === 'assign') {
      check('users', a.userId, `actions.${i}.userId`);
    }
    if (a.type === 'notify') {
      (a.userIds ?? []).forEach((id, j) => check('users', id, `actions.${i}.userIds.${j}`));
    }
    if (a.type === 'add_subtask') {
      check('queues', a.queueId, `actions.${i}.queueId`);
      check('users', a.assigneeId, `actions.${i}.assigneeId`);
    }
  });
  if (errors.length) {
    throw new AppError('validation_failed', errors[0]!.message, errors);
  }
}

export async function listRules(ctx: Ctx, actor: Actor): Promise<Rule[]> {
  authorize(actor, 'settings:read');
  return (await repo.list(ctx.db)).map(present);
}

export async function getRule(ctx: Ctx, actor: Actor, id: string): Promise<Rule> {
  authorize(actor, 'settings:read');
  const row = await repo.findById(ctx.db, id);
  if (!row) {
    throw notFound('Rule');
  }
  return present(row);
}

export async function createRule(ctx: Ctx, actor: Actor, input: CreateRuleInput, key?: string): Promise<Outcome<Rule>> {
  authorize(actor, 'settings:write');
  return idempotent(
    { db: ctx.db, userId: actor.id, key, route: 'POST /api/v1/routing/rules', request: input },
    async (tx) => {
      await checkReferences(tx, input.actions);
      return present(await repo.insert(tx, input));
    },
  ).finally(() => ctx.cache.deletePrefix(CACHE_KEY));
}

export async function updateRule(ctx: Ctx, actor: Actor, id: string, input: UpdateRuleInput): Promise<Rule> {
  authorize(actor, 'settings:write');
  return ctx.db
    .transaction(async (tx) => {
      if (input.actions) {
        await checkReferences(tx, input.actions);
      }
      const row = await repo.update(tx, id, input);
      if (!row) {
        throw notFound('Rule');
      }
      return present(row);
    })
    .finally(() => ctx.cache.deletePrefix(CACHE_KEY));
}

export async function deleteRule(ctx: Ctx, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'settings:write');
  const removed = await repo.remove(ctx.db, id);
  ctx.cache.deletePrefix(CACHE_KEY);
  if (!removed) {
    throw notFound('Rule');
  }
}

/** What the active rules would do to an appeal like this one, without writing anything. */
export async function dryRun(ctx: Ctx, actor: Actor, input: DryRunInput) {
  authorize(actor, 'settings:read');
  const rules = await repo.listActive(ctx.db);
  const unitType = input.unitId ? (await requireUnit(ctx.db, input.unitId)).type : null;
  const { event, customerTags, at, ...appeal } = input;
  const facts: RuleFacts = { appeal, unitType, customerId: null, at: at ? new Date(at) : new Date() };
  const { changes, effects, trace, loopStopped } = await evaluateWith(ctx.db, rules, event, facts, customerTags);
  return { changes, effects, trace, loopStopped };
}
