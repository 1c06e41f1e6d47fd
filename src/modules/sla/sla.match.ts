// Which policy an appeal falls under and the target definitions it gives the appeal, read from a snapshot of the
// SLA configuration (the policies, the unit and Customer Service calendars).
import type { Queryable } from '../../db/db.ts';
import { matchPolicy } from './policy-match.ts';
import { type PlanAppeal, type TargetDefinition, warnMinutesOf } from './sla-plan.ts';
import { type PolicyDef, type Snapshot, calendarIdFor, categoryPath } from './sla.snapshot.ts';
import * as repo from './sla.repo.ts';

/** What the SLA engine reads of an appeal (the appeals register's row fits). */
export interface SlaAppeal extends PlanAppeal {
  id: string;
  kind: string;
  channel: string;
  priority: string;
  unitId: string | null;
  categoryId: string | null;
  customerId: string | null;
  tags: string[];
}

/** The appeal's unit, as policy conditions and unit calendars need it; null for an appeal without a unit. */
export type AppealUnit = { id: string; type: string } | null;

/** The first active policy whose conditions the appeal meets, or null. */
export async function matchedPolicy(
  db: Queryable,
  snap: Snapshot,
  appeal: SlaAppeal,
  unit: AppealUnit,
): Promise<PolicyDef | null> {
  return matchPolicy(snap.policies, {
    unitId: appeal.unitId,
    unitType: unit?.type ?? null,
    channel: appeal.channel,
    kind: appeal.kind,
    priority: appeal.priority,
    tags: appeal.tags,
    categoryPath: await categoryPath(db, snap, appeal.categoryId),
    customerTags: snap.usesCustomerTags && appeal.customerId ? await repo.customerTags(db, appeal.customerId) : [],
  });
}

/** The policy's targets for an appeal of this unit, each on the calendar it counts on. */
export function targetDefinitions(snap: Snapshot, policy: PolicyDef, unit: AppealUnit): TargetDefinition[] {
  return policy.targets.map((target) => ({
    metric: target.metric,
    minutes: target.minutes,
    warnMinutes: warnMinutesOf(target.minutes, policy.warnAtPercent),
    calendarId: calendarIdFor(snap, target.calendar, unit),
    policyId: policy.id,
  }));
}
