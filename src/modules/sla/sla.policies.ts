// SLA policies: which appeals get which deadlines, whose calendar counts, what pauses the clock, who hears of
// warnings and breaches and how a breach escalates. Changes apply to new appeals; POST /sla/recompute applies
// them to open ones.
import type { Ctx } from '../../context.ts';
import type { Queryable } from '../../db/db.ts';
import { AppError, type FieldError, notFound } from '../../server/errors.ts';
import { checkOwner } from '../appeals/appeals.access.ts';
import { authorize, type Actor } from '../auth/actor.ts';
import { configChange } from './sla.calendars.ts';
import * as repo from './sla.repo.ts';
import type { CreateSlaPolicyInput, SlaPolicy, UpdateSlaPolicyInput } from './sla.schema.ts';

const FINISHED = new Set(['resolved', 'closed']);

const present = (p: repo.PolicyRow): SlaPolicy => ({
  id: p.id,
  name: p.name,
  position: p.position,
  active: p.active,
  conditions: p.conditions as SlaPolicy['conditions'],
  targets: p.targets as SlaPolicy['targets'],
  calendarSource: p.calendarSource,
  pauseStatuses: p.pauseStatuses as SlaPolicy['pauseStatuses'],
  warnAtPercent: p.warnAtPercent,
  notify: p.notify as SlaPolicy['notify'],
  escalation: p.escalation as SlaPolicy['escalation'],
  createdAt: p.createdAt.toISOString(),
  updatedAt: p.updatedAt.toISOString(),
});

/** Every rule a policy must meet beyond its shape; all problems at once, each naming its field. */
async function policyErrors(tx: Queryable, actor: Actor, p: CreateSlaPolicyInput): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  p.targets.forEach((t, i) => {
    if (seen.has(t.metric)) {
      errors.push({ path: `targets.${i}.metric`, code: 'duplicate_metric', message: `${t.metric} is listed twice` });
    }
    seen.add(t.metric);
  });
  if (seen.has('next_response') && !seen.has('first_response')) {
    errors.push({
      path: 'targets',
      code: 'next_without_first',
      message: 'A next-response target needs a first-response target',
    });
  }
  p.pauseStatuses.forEach((s, i) => {
    if (FINISHED.has(s)) {
      errors.push({
        path: `pauseStatuses.${i}`,
        code: 'invalid_value',
        message: `${s} ends the clocks; it cannot pause them`,
      });
    }
  });
  const units = p.conditions.unitIds ?? [];
  if (units.length) {
    const known = await repo.existingUnitIds(tx, units);
    units.forEach(
      (u, i) =>
        known.has(u) || errors.push({ path: `conditions.unitIds.${i}`, code: 'unknown_unit', message: 'No such unit' }),
    );
  }
  const categories = p.conditions.categoryIds ?? [];
  if (categories.length) {
    const known = await repo.existingCategoryIds(tx, categories);
    categories.forEach(
      (c, i) =>
        known.has(c) ||
        errors.push({ path: `conditions.categoryIds.${i}`, code: 'unknown_category', message: 'No such category' }),
    );
  }
  for (const when of ['onWarning', 'onBreach'] as const) {
    const ownerId = p.escalation[when]?.ownerId;
    if (ownerId) {
      const e = await checkOwner(tx, actor, ownerId, `escalation.${when}.ownerId`);
      if (e) {
        errors.push(e);
      }
    }
  }
  return errors;
}

async function checkPolicy(tx: Queryable, actor: Actor, p: CreateSlaPolicyInput, id: string | null) {
  const errors = await policyErrors(tx, actor, p);
  if (errors.length) {
    throw new AppError('validation_failed', `${errors[0]!.path}: ${errors[0]!.message}`, errors);
  }
  const other = await repo.findPolicyByName(tx, p.name);
  if (other && other.id !== id) {
    throw new AppError('conflict', 'A policy with this name exists', [
      { path: 'name', code: 'taken', message: 'A policy with this name exists' },
    ]);
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
    return present((await repo.findPolicy(tx, await repo.insertPolicy(tx, input)))!);
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
      ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
    } as SlaPolicy;
    await checkPolicy(tx, actor, next, id);
    await repo.updatePolicy(tx, id, next);
    return present((await repo.findPolicy(tx, id))!);
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
