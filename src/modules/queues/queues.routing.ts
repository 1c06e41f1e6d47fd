// Routing an appeal into a queue and, by the queue's strategy, to one of its members — in one transaction.
import type { Ctx } from '../../context.ts';
import { recordEvents } from '../appeals/appeals.access.ts';
import { applyChange, lockVisible } from '../appeals/appeals.changes.ts';
import { presentAppeal } from '../appeals/appeals.present.ts';
import { authorize, can, type Actor } from '../auth/actor.ts';
import { slaOfAppeal } from '../sla/sla.service.ts';
import { type AssignmentStrategy, type Candidate, effectiveAttestation, pickAssignee } from './queue-rules.ts';
import { requireQueue } from './queues.attestation.ts';
import * as repo from './queues.repo.ts';
import type { RouteAppealInput, RoutedAppeal } from './queues.schema.ts';

type Reason = RoutedAppeal['reason'];

export async function routeAppeal(
  ctx: Ctx,
  actor: Actor,
  appealId: string,
  input: RouteAppealInput,
): Promise<RoutedAppeal> {
  authorize(actor, 'appeals:update');
  return ctx.db.transaction(async (tx) => {
    const current = await lockVisible(tx, actor, appealId);
    const queue = await requireQueue(tx, input.queueId);
    const strategy = queue.assignment as AssignmentStrategy;
    const assign = (input.assign ?? strategy !== 'manual') && strategy !== 'manual';
    let assignedTo: string | null = null;
    let reason: Reason = strategy === 'manual' ? 'manual_queue' : 'not_requested';
    let row;
    if (!assign) {
      row = await applyChange({ ctx, tx, actor, current, input: { queueId: queue.id } });
    } else {
      // Routings into one queue take its members in turn, each seeing the assignments made before it.
      await repo.lockMembers(tx, queue.id);
      const today = await repo.today(tx, queue.id);
      const candidates: Candidate[] = (await repo.listMembers(tx, queue.id)).map((member) => ({
        ...member,
        attested: !queue.requireAttestation || effectiveAttestation(member, today) === 'certified',
      }));
      assignedTo = pickAssignee(strategy, candidates);
      reason = assignedTo ? null : 'no_available_attested_member';
      // The queue's strategy chooses the owner, not the agent routing the appeal: the rule that agents may only
      // take appeals themselves does not apply to it. Attestation and the owner's role are still checked.
      const assigner: Actor = can(actor, 'appeals:assign_any') ? actor : { ...actor, role: 'supervisor' };
      row = await applyChange({ ctx, tx, actor: assigner, current, input: { queueId: queue.id, ownerId: assignedTo } });
      if (assignedTo) {
        await repo.markAssigned(tx, queue.id, assignedTo);
      }
    }
    await recordEvents(tx, row.id, actor.id, [
      { action: 'routed', newValue: { queueId: queue.id, strategy, assignedTo, reason } },
    ]);
    return { appeal: presentAppeal(row, await slaOfAppeal(tx, row.id, ctx.clock.now())), assignedTo, reason };
  });
}
