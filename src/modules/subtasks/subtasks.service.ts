// Sub-tasks: work another team (a queue) or a person does for an appeal. The appeal's owner stays its owner,
// sees every sub-task's state in the list and the history, and is told when one is done or late.
import type { Ctx } from '../../context.ts';
import type { Queryable } from '../../db/db.ts';
import { mustExist } from '../../db/rows.ts';
import { fieldErrorCollector, forbidden, invalidField, notFound } from '../../server/errors.ts';
import { visibleAppeal, recordEvents } from '../appeals/appeals.access.ts';
import { authorize, can, canSeeUnit, OWNER_ROLES, unitScope, type Actor, type Role } from '../auth/actor.ts';
import { idempotent, type Outcome } from '../idempotency/idempotency.service.ts';
import { notify } from '../notifications/notifications.service.ts';
import { READ_MAX_AGE_MS, calendarOf, freshSnapshot } from '../sla/sla.snapshot.ts';
import { addWorkingMinutes, NoWorkingTimeError } from '../sla/working-time.ts';
import * as repo from './subtasks.repo.ts';
import type {
  CreateSubtaskInput,
  Subtask,
  SubtaskQuery,
  SubtaskStatus,
  UpdateSubtaskInput,
} from './subtasks.schema.ts';

const OPEN = new Set(['open', 'in_progress']);

export const presentSubtask = (row: repo.SubtaskRow, now = new Date()): Subtask => ({
  id: row.id,
  appealId: row.appealId,
  appealNumber: row.appealNumber,
  appealSubject: row.appealSubject,
  title: row.title,
  description: row.description,
  queueId: row.queueId,
  assigneeId: row.assigneeId,
  status: row.status as SubtaskStatus,
  dueMinutes: row.dueMinutes,
  dueAt: row.dueAt?.toISOString() ?? null,
  late: OPEN.has(row.status) && row.dueAt !== null && row.dueAt <= now,
  createdBy: row.createdBy,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
  doneAt: row.doneAt?.toISOString() ?? null,
});

/** The instant `minutes` working minutes after `now` on Customer Service's calendar. */
export async function dueAfterWorkingMinutes(db: Queryable, now: Date, minutes: number): Promise<Date> {
  const snap = await freshSnapshot(db, READ_MAX_AGE_MS);
  try {
    return addWorkingMinutes(calendarOf(snap, snap.csCalendarId), now, minutes);
  } catch (err) {
    if (err instanceof NoWorkingTimeError || err instanceof RangeError) {
      throw invalidField(
        'dueInWorkingMinutes',
        'no_working_time',
        'The calendar has no working time to count these minutes in',
      );
    }
    throw err;
  }
}

async function checkQueue(db: Queryable, queueId: string): Promise<void> {
  if (!(await repo.queueExists(db, queueId))) {
    throw invalidField('queueId', 'unknown_queue', 'No such active queue');
  }
}

/** An assignee is an active user of a working role, or a unit's responsible who can see the appeal's unit. */
async function checkAssignee(db: Queryable, assigneeId: string, appealUnitId: string | null): Promise<void> {
  const user = await repo.userForAssignment(db, assigneeId);
  if (!user || !user.active) {
    throw invalidField('assigneeId', 'unknown_user', 'No such active user');
  }
  if (OWNER_ROLES.has(user.role as Role)) {
    return;
  }
  if (user.role === 'unit_responsible' && appealUnitId !== null && user.unitIds.includes(appealUnitId)) {
    return;
  }
  throw invalidField('assigneeId', 'not_an_assignee', `A ${user.role} cannot take this sub-task`);
}

export async function listOfAppeal(ctx: Ctx, actor: Actor, appealId: string): Promise<Subtask[]> {
  await visibleAppeal(ctx.db, actor, appealId);
  const now = ctx.clock.now();
  return (await repo.listOfAppeal(ctx.db, appealId)).map((s) => presentSubtask(s, now));
}

/** Work across appeals: `assigneeId=me` is the actor's own work from other teams; unit scope still applies. */
export async function listSubtasks(ctx: Ctx, actor: Actor, query: SubtaskQuery): Promise<Subtask[]> {
  authorize(actor, 'appeals:read');
  const assigneeId = query.assigneeId === 'me' ? actor.id : query.assigneeId;
  const rows = await repo.list(ctx.db, {
    assigneeId,
    queueId: query.queueId,
    status: query.status,
    unitIds: unitScope(actor),
    limit: query.limit,
  });
  const now = ctx.clock.now();
  return rows.map((s) => presentSubtask(s, now));
}

/** A sub-task someone asks for on an appeal; `now` (the clock's, unless given) starts a working-minutes due time. */
export interface SubtaskRequest {
  appealId: string;
  input: CreateSubtaskInput;
  /** The client's Idempotency-Key. */
  key?: string | undefined;
  now?: Date | undefined;
}

export async function createSubtask(
  ctx: Ctx,
  actor: Actor,
  { appealId, input, key, now = ctx.clock.now() }: SubtaskRequest,
): Promise<Outcome<Subtask>> {
  authorize(actor, 'appeals:update');
  return idempotent(
    { db: ctx.db, userId: actor.id, key, route: `POST /api/v1/appeals/${appealId}/subtasks`, request: input },
    async (tx) => {
      const appeal = await visibleAppeal(tx, actor, appealId);
      return insertSubtaskIn(tx, { actorId: actor.id, appeal, input, now });
    },
  );
}

/**
 * Adds a sub-task inside the caller's transaction (the appeal's visibility already checked): a person's create,
 * or a routing rule's action (actorId null for the system).
 */
export async function insertSubtaskIn(
  tx: Queryable,
  {
    actorId,
    appeal,
    input,
    now = new Date(),
  }: {
    actorId: string | null;
    appeal: { id: string; unitId: string | null };
    input: CreateSubtaskInput;
    now?: Date | undefined;
  },
): Promise<Subtask> {
  const appealId = appeal.id;
  const { collect, throwIfAny } = fieldErrorCollector();
  const { queueId, assigneeId, dueInWorkingMinutes } = input;
  if (queueId) {
    await collect(() => checkQueue(tx, queueId));
  }
  if (assigneeId) {
    await collect(() => checkAssignee(tx, assigneeId, appeal.unitId));
  }
  const dueAt =
    dueInWorkingMinutes !== undefined
      ? await collect(() => dueAfterWorkingMinutes(tx, now, dueInWorkingMinutes))
      : input.dueAt !== undefined
        ? new Date(input.dueAt)
        : null;
  throwIfAny();
  const id = await repo.insert(tx, {
    appealId,
    title: input.title,
    description: input.description ?? '',
    queueId: input.queueId ?? null,
    assigneeId: input.assigneeId ?? null,
    dueMinutes: input.dueInWorkingMinutes ?? null,
    dueAt: dueAt ?? null,
    createdBy: actorId,
  });
  const row = mustExist(await repo.findById(tx, id), 'sub-task');
  await recordEvents(tx, appealId, actorId, [{ action: 'subtask_added', field: 'subtask', newValue: eventValue(row) }]);
  if (row.assigneeId && row.assigneeId !== actorId) {
    await notifyAssignee(tx, row, row.assigneeId);
  }
  return presentSubtask(row, now);
}

export async function updateSubtask(ctx: Ctx, actor: Actor, id: string, input: UpdateSubtaskInput): Promise<Subtask> {
  authorize(actor, 'appeals:comment');
  return ctx.db.transaction(async (tx) => {
    const current = await repo.findById(tx, id, true);
    if (!current || !canSeeUnit(actor, current.appealUnitId)) {
      throw notFound('Sub-task');
    }
    // Whoever works the appeal may change anything; the assignee may move their own sub-task along.
    if (!can(actor, 'appeals:update')) {
      const onlyStatus = Object.keys(input).every((k) => k === 'status');
      if (current.assigneeId !== actor.id || !onlyStatus) {
        throw forbidden('Only the assignee may change this sub-task, and only its status');
      }
    }
    if (input.assigneeId) {
      await checkAssignee(tx, input.assigneeId, current.appealUnitId);
    }
    if (input.assigneeId === null && current.queueId === null) {
      throw invalidField('assigneeId', 'queue_or_assignee_required', 'A sub-task without a queue needs a person');
    }
    const now = ctx.clock.now();
    const status = input.status ?? current.status;
    const doneAt = status === current.status ? undefined : status === 'done' ? now : null;
    await repo.update(tx, id, {
      status: input.status,
      assigneeId: input.assigneeId,
      title: input.title,
      description: input.description,
      dueAt: input.dueAt === undefined ? undefined : input.dueAt === null ? null : new Date(input.dueAt),
      doneAt,
    });
    const row = mustExist(await repo.findById(tx, id), 'sub-task');
    if (status !== current.status) {
      await recordEvents(tx, row.appealId, actor.id, [
        {
          action: 'subtask_status',
          field: 'subtask',
          oldValue: { id, status: current.status },
          newValue: { id, status, title: row.title },
        },
      ]);
      if (status === 'done') {
        await notifyOwnerDone(tx, actor, row);
      }
    }
    if (input.assigneeId && input.assigneeId !== current.assigneeId && input.assigneeId !== actor.id) {
      await notifyAssignee(tx, row, input.assigneeId);
    }
    return presentSubtask(row, now);
  });
}

const eventValue = (subtask: repo.SubtaskRow) => ({
  id: subtask.id,
  title: subtask.title,
  queueId: subtask.queueId,
  assigneeId: subtask.assigneeId,
  status: subtask.status,
  dueAt: subtask.dueAt?.toISOString() ?? null,
});

const payloadOf = (subtask: repo.SubtaskRow) => ({
  subtaskId: subtask.id,
  title: subtask.title,
  appealNumber: subtask.appealNumber,
  subject: subtask.appealSubject,
});

function notifyAssignee(tx: Queryable, subtask: repo.SubtaskRow, assigneeId: string) {
  return notify(tx, [
    {
      userId: assigneeId,
      appealId: subtask.appealId,
      kind: 'subtask_assigned',
      dedupeKey: `subtask_assigned:${subtask.id}:${subtask.assigneeId}`,
      payload: payloadOf(subtask),
    },
  ]);
}

function notifyOwnerDone(tx: Queryable, actor: Actor, subtask: repo.SubtaskRow) {
  if (!subtask.appealOwnerId || subtask.appealOwnerId === actor.id || !subtask.doneAt) {
    return;
  }
  // Keyed by the moment it was done: a sub-task reopened and done again is news again.
  return notify(tx, [
    {
      userId: subtask.appealOwnerId,
      appealId: subtask.appealId,
      kind: 'subtask_done',
      dedupeKey: `subtask_done:${subtask.id}:${subtask.doneAt.toISOString()}`,
      payload: payloadOf(subtask),
    },
  ]);
}
