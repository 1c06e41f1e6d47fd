// Queues (teams) and their members' attestation: the settings behind routing appeals.
import type { Ctx } from '../../context.ts';
import type { Queryable } from '../../db/db.ts';
import { mustExist } from '../../db/rows.ts';
import { AppError, invalidField, notFound } from '../../server/errors.ts';
import { authorize, OWNER_ROLES, type Actor, type Role } from '../auth/actor.ts';
import { idempotent, type Outcome } from '../idempotency/idempotency.service.ts';
import { requireUnit } from '../units/units.service.ts';
import { effectiveAttestation } from './queue-rules.ts';
import * as repo from './queues.repo.ts';
import type {
  CreateQueueInput,
  PutQueueMemberInput,
  Queue,
  QueueMember,
  QueueQuery,
  UpdateQueueInput,
} from './queues.schema.ts';

const present = (queue: repo.QueueRow): Queue => ({
  ...queue,
  assignment: queue.assignment as Queue['assignment'],
  unattested: queue.unattested as Queue['unattested'],
  createdAt: queue.createdAt.toISOString(),
  updatedAt: queue.updatedAt.toISOString(),
});

const presentMember = (member: repo.MemberRow, today: string): QueueMember => ({
  ...member,
  effectiveAttestation: effectiveAttestation(member, today),
  lastAssignedAt: member.lastAssignedAt ? member.lastAssignedAt.toISOString() : null,
});

async function existing(db: Queryable, id: string): Promise<repo.QueueRow> {
  const queue = await repo.findById(db, id);
  if (!queue) {
    throw notFound('Queue');
  }
  return queue;
}

async function checkCodeFree(db: Queryable, code: string, self?: string) {
  const other = await repo.findByCode(db, code);
  if (other && other.id !== self) {
    throw new AppError('conflict', 'A queue with this code already exists', [
      { path: 'code', code: 'duplicate', message: 'A queue with this code already exists' },
    ]);
  }
}

export async function listQueues(ctx: Ctx, actor: Actor, query: QueueQuery): Promise<Queue[]> {
  authorize(actor, 'settings:read');
  const active = query.active === undefined ? undefined : query.active === 'true';
  return (await repo.list(ctx.db, { active })).map(present);
}

export async function getQueue(ctx: Ctx, actor: Actor, id: string): Promise<Queue> {
  authorize(actor, 'settings:read');
  return present(await existing(ctx.db, id));
}

export async function createQueue(
  ctx: Ctx,
  actor: Actor,
  input: CreateQueueInput,
  key?: string,
): Promise<Outcome<Queue>> {
  authorize(actor, 'settings:write');
  return idempotent({ db: ctx.db, userId: actor.id, key, route: 'POST /api/v1/queues', request: input }, async (tx) => {
    if (input.unitId) {
      await requireUnit(tx, input.unitId);
    }
    await checkCodeFree(tx, input.code);
    const id = await repo.insert(tx, { ...input, unitId: input.unitId ?? null });
    return present(await existing(tx, id));
  });
}

export async function updateQueue(ctx: Ctx, actor: Actor, id: string, input: UpdateQueueInput): Promise<Queue> {
  authorize(actor, 'settings:write');
  return ctx.db.transaction(async (tx) => {
    await existing(tx, id);
    if (input.unitId) {
      await requireUnit(tx, input.unitId);
    }
    if (input.code) {
      await checkCodeFree(tx, input.code, id);
    }
    await repo.update(tx, id, input);
    return present(await existing(tx, id));
  });
}

export async function listMembers(ctx: Ctx, actor: Actor, queueId: string): Promise<QueueMember[]> {
  authorize(actor, 'settings:read');
  await existing(ctx.db, queueId);
  const today = await repo.today(ctx.db, queueId);
  return (await repo.listMembers(ctx.db, queueId)).map((member) => presentMember(member, today));
}

/** Adds the user to the queue or replaces their attestation and availability; `created` tells which. */
export async function putMember(
  ctx: Ctx,
  actor: Actor,
  { queueId, userId }: { queueId: string; userId: string },
  input: PutQueueMemberInput,
): Promise<{ member: QueueMember; created: boolean }> {
  authorize(actor, 'settings:write');
  return ctx.db.transaction(async (tx) => {
    await existing(tx, queueId);
    const user = await repo.userStanding(tx, userId);
    if (!user) {
      throw invalidField('params.userId', 'unknown_user', 'No such user');
    }
    if (!OWNER_ROLES.has(user.role as Role)) {
      throw invalidField('params.userId', 'not_an_agent', `A ${user.role} cannot work a queue`);
    }
    const created = await repo.upsertMember(tx, { queueId, userId, ...input });
    const member = mustExist(await repo.findMember(tx, queueId, userId), 'queue member');
    return { member: presentMember(member, await repo.today(tx, queueId)), created };
  });
}

export async function removeMember(ctx: Ctx, actor: Actor, queueId: string, userId: string): Promise<void> {
  authorize(actor, 'settings:write');
  await ctx.db.transaction(async (tx) => {
    await existing(tx, queueId);
    if (!(await repo.deleteMember(tx, queueId, userId))) {
      throw notFound('Queue member');
    }
  });
}
