// Escalation of a warning or breach by its policy's rule: raise the priority, reassign (or unassign), tag.
// Runs as a job after the scan, through the appeals register's own change path, so the history shows each
// changed field (with no actor: the system) and the SLA re-plans as for any change.
import type { Ctx } from '../../context.ts';
import { AppError } from '../../server/errors.ts';
import { applyChange, lockVisible } from '../appeals/appeals.changes.ts';
import { recordEvents } from '../appeals/appeals.access.ts';
import { PRIORITIES, type UpdateAppealInput } from '../appeals/appeals.schema.ts';
import type { Actor } from '../auth/actor.ts';
import { alertForEscalation } from './sla-scan.repo.ts';
import type { EscalationAction } from './sla.schema.ts';

// Changes made by a rule are recorded without an actor (actor_id NULL). The admin role lets the rule assign to
// anyone, as the administrator who wrote it may; applyChange reads nothing else of the actor.
const SYSTEM = {
  id: null,
  email: 'sla@otklik.local',
  name: 'SLA',
  role: 'admin',
  locale: 'ru',
  unitIds: [],
} as unknown as Actor;

const rank = (priority: string) => PRIORITIES.indexOf(priority as (typeof PRIORITIES)[number]);

/** The priority one step above, or the highest when it is the highest already. */
const oneUp = (priority: string) => PRIORITIES[Math.min(rank(priority) + 1, PRIORITIES.length - 1)];

/** What the action changes on an appeal in this state; null when it is already so. Never lowers the priority. */
export function escalationChange(
  appeal: { priority: string; ownerId: string | null; tags: string[] },
  action: EscalationAction,
): UpdateAppealInput | null {
  const change: UpdateAppealInput = {};
  const wanted = action.priority === 'raise' ? oneUp(appeal.priority) : action.priority;
  if (wanted && rank(wanted) > rank(appeal.priority)) {
    change.priority = wanted;
  }
  if (action.ownerId !== undefined && action.ownerId !== appeal.ownerId) {
    change.ownerId = action.ownerId;
  }
  const tags = [...new Set([...appeal.tags, ...(action.addTags ?? [])])];
  if (tags.length !== appeal.tags.length) {
    change.tags = tags;
  }
  return Object.keys(change).length ? change : null;
}

export async function escalateAlert(ctx: Ctx, alertId: number, _now: Date): Promise<'escalated' | 'skipped'> {
  return ctx.db.transaction(async (tx) => {
    const alert = await alertForEscalation(tx, alertId);
    const action = alert?.escalation?.[alert.kind === 'warning' ? 'onWarning' : 'onBreach'] as
      EscalationAction | undefined;
    // Met since the alert (or the rule is gone): nothing to escalate.
    if (!alert || !action || alert.targetMetAt) {
      return 'skipped';
    }
    const appeal = await lockVisible(tx, SYSTEM, alert.appealId);
    if (appeal.status === 'resolved' || appeal.status === 'closed') {
      return 'skipped';
    }
    const change = escalationChange(appeal, action);
    if (!change) {
      return 'skipped';
    }
    await recordEvents(tx, appeal.id, null, [
      {
        action: 'sla_escalated',
        newValue: { alertId, kind: alert.kind, metric: alert.metric, policyId: alert.policyId },
      },
    ]);
    try {
      await applyChange({ ctx, tx, actor: SYSTEM, current: appeal, input: change });
    } catch (err) {
      // The rule names an owner who may no longer own appeals: escalate what can be escalated.
      if (!(err instanceof AppError) || err.code !== 'validation_failed' || change.ownerId === undefined) {
        throw err;
      }
      const { ownerId: _dropped, ...rest } = change;
      if (Object.keys(rest).length) {
        await applyChange({ ctx, tx, actor: SYSTEM, current: appeal, input: rest });
      }
    }
    return 'escalated';
  });
}
