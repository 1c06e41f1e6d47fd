// Re-planning the deadlines of appeals already written: on re-classification and on an administrator's
// recomputation (the policy is matched afresh), and on a status change (the same targets pause, resume or stop).
import type { Queryable } from '../../db/db.ts';
import type { Metric } from './appeal-sla.schema.ts';
import { type TargetDefinition, type TargetRow, planTargets } from './sla-plan.ts';
import { type SlaAppeal, matchedPolicy, targetDefinitions } from './sla.match.ts';
import { type PolicyDef, READ_MAX_AGE_MS, calendarOf, freshSnapshot } from './sla.snapshot.ts';
import * as syncRepo from './sla-sync.repo.ts';
import * as targetsRepo from './sla-targets.repo.ts';

const DEFAULT_PAUSE_STATUSES = ['pending_customer'];
/** Metrics met by a message: a target of one added after the fact is met already if the message was written. */
const MET_BY_MESSAGES: readonly Metric[] = ['first_response', 'completion_report'];

/** An appeal with the policy it matches now, that policy's targets for it, and the targets it has. */
interface Matched {
  appeal: SlaAppeal;
  policy: PolicyDef | null;
  definitions: TargetDefinition[];
  existing: targetsRepo.StoredTarget[];
}

/** When the appeals that gain a target met by a message were first answered and first reported on. */
async function messageFactsFor(
  tx: Queryable,
  matched: readonly Matched[],
): Promise<Map<string, syncRepo.MessageFacts>> {
  const gainsMessageTarget = ({ definitions, existing }: Matched) =>
    definitions.some(
      (definition) =>
        MET_BY_MESSAGES.includes(definition.metric) && !existing.some((target) => target.metric === definition.metric),
    );
  const ids = matched.filter(gainsMessageTarget).map(({ appeal }) => appeal.id);
  return new Map((await syncRepo.messageFacts(tx, ids)).map((facts) => [facts.appealId, facts]));
}

/**
 * Re-matches each appeal's policy with the current configuration and rewrites its targets: new metrics are
 * added (met already when the reply or report happened), dropped ones removed, deadlines recomputed.
 * Returns the number of targets written or removed.
 */
export async function syncAppeals(tx: Queryable, ids: readonly string[], now: Date, lock = false): Promise<number> {
  const snap = await freshSnapshot(tx);
  const appeals = await syncRepo.appealsForSync(tx, ids, lock);
  const targets = await targetsRepo.targetsByAppeal(tx, ids);
  const matched: Matched[] = [];
  for (const appeal of appeals) {
    const unit = appeal.unitId && appeal.unitType ? { id: appeal.unitId, type: appeal.unitType } : null;
    const policy = await matchedPolicy(tx, snap, appeal, unit);
    const definitions = policy ? targetDefinitions(snap, policy, unit) : [];
    matched.push({ appeal, policy, definitions, existing: targets.get(appeal.id) ?? [] });
  }
  const facts = await messageFactsFor(tx, matched);
  const upserts: (TargetRow & { appealId: string })[] = [];
  const deletes: number[] = [];
  for (const { appeal, policy, definitions, existing } of matched) {
    const plan = planTargets({
      appeal,
      definitions,
      pauseStatuses: policy?.pauseStatuses ?? [],
      existing,
      facts: facts.get(appeal.id) ?? {},
      calendar: (id) => calendarOf(snap, id),
      now,
    });
    upserts.push(...plan.upserts.map((row) => ({ ...row, appealId: appeal.id })));
    deletes.push(...plan.deleteIds);
  }
  await targetsRepo.remove(tx, deletes);
  await targetsRepo.upsert(tx, upserts);
  return upserts.length + deletes.length;
}

/** After a status change alone: the appeal's own targets pause, resume or stop by its policy's pause statuses. */
export async function syncStatus(tx: Queryable, appeal: SlaAppeal, now: Date): Promise<void> {
  const existing = await targetsRepo.targetsOf(tx, [appeal.id]);
  if (existing.length === 0) {
    return;
  }
  const snap = await freshSnapshot(tx, READ_MAX_AGE_MS);
  const policyId = existing.find((target) => target.policyId)?.policyId;
  const policy = policyId ? snap.policyById.get(policyId) : undefined;
  const plan = planTargets({
    appeal,
    definitions: null,
    pauseStatuses: policy?.pauseStatuses ?? DEFAULT_PAUSE_STATUSES,
    existing,
    facts: {},
    calendar: (id) => calendarOf(snap, id),
    now,
  });
  await targetsRepo.upsert(
    tx,
    plan.upserts.map((row) => ({ ...row, appealId: appeal.id })),
  );
}
