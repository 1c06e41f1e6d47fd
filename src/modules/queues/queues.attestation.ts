// Who may own a queue's appeals: the check the appeals module runs whenever an owner is set on an appeal in a
// queue. Kept apart from the routing service, which itself changes appeals, so neither imports the other.
import type { Queryable } from '../../db/db.ts';
import { forbidden, invalidField } from '../../server/errors.ts';
import { can, type Actor } from '../auth/actor.ts';
import { effectiveAttestation } from './queue-rules.ts';
import * as repo from './queues.repo.ts';

/** The queue an appeal may be put in: known and active; else a field error on `path`. */
export async function requireQueue(db: Queryable, id: string, path = 'queueId'): Promise<repo.QueueRow> {
  const queue = await repo.findById(db, id);
  if (!queue) {
    throw invalidField(path, 'unknown_queue', 'No such queue');
  }
  if (!queue.active) {
    throw invalidField(path, 'inactive_queue', 'This queue is closed');
  }
  return queue;
}

/** Whether the user is certified for the queue today (always, when the queue does not require it). */
export async function isAttested(db: Queryable, queue: repo.QueueRow, userId: string): Promise<boolean> {
  if (!queue.requireAttestation) {
    return true;
  }
  const member = await repo.findMember(db, queue.id, userId);
  return member !== undefined && effectiveAttestation(member, await repo.today(db, queue.id)) === 'certified';
}

/**
 * An owner not certified for the queue is refused (400 not_attested on ownerId) when the queue forbids it;
 * when the queue allows it under a supervisor's review, only a supervisor may make the assignment (else 403).
 */
export async function checkQueueAttestation(
  db: Queryable,
  queueId: string,
  ownerId: string,
  actor: Actor,
): Promise<void> {
  const queue = await repo.findById(db, queueId);
  if (!queue || (await isAttested(db, queue, ownerId))) {
    return;
  }
  if (queue.unattested === 'supervisor_review') {
    if (can(actor, 'appeals:assign_any')) {
      return;
    }
    throw forbidden(
      `The owner is not certified for queue "${queue.code}": only a supervisor may assign them its appeals`,
    );
  }
  throw invalidField('ownerId', 'not_attested', `The owner is not certified for queue "${queue.code}"`);
}
