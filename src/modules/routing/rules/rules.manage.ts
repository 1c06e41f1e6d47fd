// The administrator's side of routing rules: reading and writing them (every category, queue and user an action
// names must exist) and the dry run that shows what the active rules would do, without writing anything.
import type { Ctx } from '../../../context.ts';
import type { Queryable } from '../../../db/db.ts';
import { type FieldError, notFound, validationFailed } from '../../../server/errors.ts';
import { authorize, type Actor } from '../../auth/actor.ts';
import { idempotent, type Outcome } from '../../idempotency/idempotency.service.ts';
import { requireUnit } from '../../units/units.service.ts';
import * as repo from './rules.repo.ts';
import type { CreateRuleInput, DryRunInput, Rule, RuleAction, UpdateRuleInput } from './rules.schema.ts';
import { evaluateWith, RULES_CACHE_KEY, type RuleFacts } from './rules.service.ts';

const present = (row: repo.RuleRow): Rule => ({
  id: row.id,
  name: row.name,
  position: row.position,
  active: row.active,
  events: row.events,
  conditions: row.conditions as Rule['conditions'],
  actions: row.actions as Rule['actions'],
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

type Referenced = 'categories' | 'queues' | 'users';

/** An id an action names, with the table it must be in and the field that names it. */
interface Reference {
  table: Referenced;
  id: string;
  path: string;
}

function referencesOf(actions: readonly RuleAction[]): Reference[] {
  return actions.flatMap((action, index): Reference[] => {
    const at = `actions.${index}`;
    switch (action.type) {
      case 'set_category':
        return [{ table: 'categories', id: action.categoryId, path: `${at}.categoryId` }];
      case 'set_queue':
        return [{ table: 'queues', id: action.queueId, path: `${at}.queueId` }];
      case 'assign':
        return [{ table: 'users', id: action.userId, path: `${at}.userId` }];
      case 'notify':
        return (action.userIds ?? []).map((id, user): Reference => ({
          table: 'users',
          id,
          path: `${at}.userIds.${user}`,
        }));
      case 'add_subtask': {
        const { queueId, assigneeId } = action;
        const queue: Reference[] = queueId ? [{ table: 'queues', id: queueId, path: `${at}.queueId` }] : [];
        const assignee: Reference[] = assigneeId ? [{ table: 'users', id: assigneeId, path: `${at}.assigneeId` }] : [];
        return [...queue, ...assignee];
      }
      default:
        return [];
    }
  });
}

async function checkReferences(db: Queryable, actions: readonly RuleAction[]): Promise<void> {
  const references = referencesOf(actions);
  const wanted = (table: Referenced) => [
    ...new Set(references.filter((ref) => ref.table === table).map((ref) => ref.id)),
  ];
  const found = {
    categories: await repo.existing(db, 'categories', wanted('categories')),
    queues: await repo.existing(db, 'queues', wanted('queues')),
    users: await repo.existing(db, 'users', wanted('users')),
  };
  const errors: FieldError[] = references
    .filter((ref) => !found[ref.table].has(ref.id))
    .map((ref) => ({
      path: ref.path,
      code: 'unknown_reference',
      message: `No such ${ref.table.slice(0, -1).replace('ie', 'y')}`,
    }));
  if (errors.length) {
    throw validationFailed(errors);
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
  ).finally(() => ctx.cache.deletePrefix(RULES_CACHE_KEY));
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
    .finally(() => ctx.cache.deletePrefix(RULES_CACHE_KEY));
}

export async function deleteRule(ctx: Ctx, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'settings:write');
  const removed = await repo.remove(ctx.db, id);
  ctx.cache.deletePrefix(RULES_CACHE_KEY);
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
  const facts: RuleFacts = { appeal, unitType, customerId: null, at: at ? new Date(at) : ctx.clock.now() };
  const evaluation = await evaluateWith(ctx.db, { rules, event, facts, customerTags });
  const { changes, effects, trace, loopStopped } = evaluation;
  return { changes, effects, trace, loopStopped };
}
