// SLA policies: which appeals get which deadlines, whose calendar counts, what pauses the clock, who hears of
// warnings and breaches and how a breach escalates. Changes apply to new appeals; POST /sla/recompute applies
// them to open ones.
import type { Ctx } from '../../context.ts';
import type { Queryable } from '../../db/db.ts';
import { type FieldError, notFound } from '../../server/errors.ts';
import { checkOwner } from '../appeals/appeals.access.ts';
import { authorize, type Actor } from '../auth/actor.ts';
import { configChange, invalidFields, nameTaken } from './sla.config-change.ts';
import * as repo from './sla.repo.ts';
import type { CreateSlaPolicyInput, SlaPolicy, UpdateSlaPolicyInput } from './sla.schema.ts';

const FINISHED = new Set(['resolved', 'closed']);

const present = (policy: repo.PolicyRow): SlaPolicy => ({
  id: policy.id,
  name: policy.name,
  position: policy.position,
  active: policy.active,
  conditions: policy.conditions as SlaPolicy['conditions'],
  targets: policy.targets as SlaPolicy['targets'],
  calendarSource: policy.calendarSource,
  pauseStatuses: policy.pauseStatuses as SlaPolicy['pauseStatuses'],
  warnAtPercent: policy.warnAtPercent,
  notify: policy.notify as SlaPolicy['notify'],
  escalation: policy.escalation as SlaPolicy['escalation'],
  createdAt: policy.createdAt.toISOString(),
  updatedAt: policy.updatedAt.toISOString(),
});

/** A metric listed twice, a next response without a first one, a finishing status that would pause. */
function targetErrors(policy: CreateSlaPolicyInput): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  policy.targets.forEach((target, index) => {
    if (seen.has(target.metric)) {
      errors.push({
        path: `targets.${index}.metric`,
        code: 'duplicate_metric',
        message: `${target.metric} is listed twice`,
      });
    }
    seen.add(target.metric);
  });
  if (seen.has('next_response') && !seen.has('first_response')) {
    errors.push({
      path: 'targets',
      code: 'next_without_first',
      message: 'A next-response target needs a first-response target',
    });
  }
  policy.pauseStatuses.forEach((status, index) => {
    if (FINISHED.has(status)) {
      errors.push({
        path: `pauseStatuses.${index}`,
        code: 'invalid_value',
        message: `${status} ends the clocks; it cannot pause them`,
      });
    }
  });
  return errors;
}

/** Units and categories the conditions name that do not exist. */
async function conditionErrors(tx: Queryable, conditions: CreateSlaPolicyInput['conditions']): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const units = conditions.unitIds ?? [];
  const knownUnits = units.length ? await repo.existingUnitIds(tx, units) : new Set<string>();
  units.forEach((id, index) => {
    if (!knownUnits.has(id)) {
      errors.push({ path: `conditions.unitIds.${index}`, code: 'unknown_unit', message: 'No such unit' });
    }
  });
  const categories = conditions.categoryIds ?? [];
  const knownCategories = categories.length ? await repo.existingCategoryIds(tx, categories) : new Set<string>();
  categories.forEach((id, index) => {
    if (!knownCategories.has(id)) {
      errors.push({ path: `conditions.categoryIds.${index}`, code: 'unknown_category', message: 'No such category' });
    }
  });
  return errors;
}

/** Every rule a policy must meet beyond its shape; all problems at once, each naming its field. */
async function policyErrors(tx: Queryable, actor: Actor, policy: CreateSlaPolicyInput): Promise<FieldError[]> {
  const errors = [...targetErrors(policy), ...(await conditionErrors(tx, policy.conditions))];
  for (const when of ['onWarning', 'onBreach'] as const) {
    const ownerId = policy.escalation[when]?.ownerId;
    const error = ownerId ? await checkOwner(tx, actor, ownerId, `escalation.${when}.ownerId`) : undefined;
    if (error) {
      errors.push(error);
    }
  }
  return errors;
}

async function checkPolicy(tx: Queryable, actor: Actor, policy: CreateSlaPolicyInput, id: string | null) {
  const errors = await policyErrors(tx, actor, policy);
  if (errors.length) {
    throw invalidFields(errors);
  }
  const other = await repo.findPolicyByName(tx, policy.name);
  if (other && other.id !== id) {
    throw nameTaken('policy');
  }
}

export async function listPolicies(ctx: Ctx, actor: Actor): Promise<SlaPolicy[]> {
  authorize(actor, 'settings:read');
  return (await repo.listPolicies(ctx.db)).map(present);
}

export async function getPolicy(ctx: Ctx, actor: Actor, id: string): Promise<SlaPolicy> {
  authorize(actor, 'settings:read');
  const row = await repo.findPolicy(ctx.db, id);
  if (!row) {
    throw notFound('SLA policy');
  }
  return present(row);
}

export async function createPolicy(ctx: Ctx, actor: Actor, input: CreateSlaPolicyInput): Promise<SlaPolicy> {
  authorize(actor, 'settings:write');
  return configChange(ctx, async (tx) => {
    await checkPolicy(tx, actor, input, null);
    return present(await repo.writtenPolicy(tx, await repo.insertPolicy(tx, input)));
  });
}

export async function updatePolicy(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: UpdateSlaPolicyInput,
): Promise<SlaPolicy> {
  authorize(actor, 'settings:write');
  return configChange(ctx, async (tx) => {
    const current = await repo.findPolicy(tx, id);
    if (!current) {
      throw notFound('SLA policy');
    }
    const next = {
      ...present(current),
      ...Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)),
    } as SlaPolicy;
    await checkPolicy(tx, actor, next, id);
    await repo.updatePolicy(tx, id, next);
    return present(await repo.writtenPolicy(tx, id));
  });
}

/** Open appeals keep the deadlines it gave them until recomputed. */
export async function deletePolicy(ctx: Ctx, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'settings:write');
  await configChange(ctx, async (tx) => {
    if (!(await repo.deletePolicy(tx, id))) {
      throw notFound('SLA policy');
    }
  });
}
