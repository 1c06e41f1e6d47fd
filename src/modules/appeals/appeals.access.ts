// Who may see an appeal, who may own one, and writing its history: shared by the appeals services and by
// modules that hang things on appeals (attachments), without importing the appeals services themselves.
import type { Queryable } from '../../db/db.ts';
import { forbidden, notFound, type FieldError } from '../../server/errors.ts';
import { authorize, can, canSeeUnit, OWNER_ROLES, type Actor, type Role } from '../auth/actor.ts';
import * as repo from './appeals.repo.ts';

/** Throws not_found unless the actor may see this appeal (role and unit scope). */
export async function visibleAppeal(
  db: Queryable,
  actor: Actor,
  appealId: string,
): Promise<{ id: string; unitId: string | null }> {
  authorize(actor, 'appeals:read');
  const appeal = await repo.findUnitOf(db, appealId);
  if (!appeal || !canSeeUnit(actor, appeal.unitId)) {
    throw notFound('Appeal');
  }
  return appeal;
}

export const recordEvents = (tx: Queryable, appealId: string, actorId: string | null, events: repo.EventInput[]) =>
  repo.insertEvents(tx, appealId, actorId, events);

/**
 * Whether the actor may change who owns an appeal that `currentOwnerId` holds: a supervisor may always; anyone
 * else may take an unassigned appeal or hand back their own, never take one that a colleague holds.
 */
export function checkOwnerChange(actor: Actor, currentOwnerId: string | null): void {
  if (currentOwnerId !== null && currentOwnerId !== actor.id && !can(actor, 'appeals:assign_any')) {
    throw forbidden('Only a supervisor may reassign an appeal that someone else holds');
  }
}

/** An owner must be an active user of a working role; agents may only take appeals themselves. */
export async function checkOwner(
  db: Queryable,
  actor: Actor,
  ownerId: string | null,
  path: string,
): Promise<FieldError | null> {
  if (ownerId === null) {
    return null;
  }
  if (ownerId !== actor.id && !can(actor, 'appeals:assign_any')) {
    throw forbidden('Only a supervisor may assign appeals to others');
  }
  const owner = await repo.ownerCandidate(db, ownerId);
  if (!owner || !owner.active) {
    return { path, code: 'unknown_user', message: 'No such active user' };
  }
  if (!OWNER_ROLES.has(owner.role as Role)) {
    return { path, code: 'not_an_agent', message: `A ${owner.role} cannot own appeals` };
  }
  return null;
}
