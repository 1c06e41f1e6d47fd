// SQL for sub-tasks.
import { sql } from 'kysely';
import type { Queryable } from '../../db/db.ts';
import { queryOne } from '../../db/rows.ts';
import { builder, columnsToSet, run } from '../../db/sql-builder.ts';

export interface SubtaskRow {
  id: string;
  appealId: string;
  appealNumber: number;
  appealSubject: string;
  appealUnitId: string | null;
  appealOwnerId: string | null;
  title: string;
  description: string;
  queueId: string | null;
  assigneeId: string | null;
  status: string;
  dueMinutes: number | null;
  dueAt: Date | null;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  doneAt: Date | null;
}

const COLUMNS = `s.id, s.appeal_id AS "appealId", a.number AS "appealNumber", a.subject AS "appealSubject",
  a.unit_id AS "appealUnitId", a.owner_id AS "appealOwnerId", s.title, s.description, s.queue_id AS "queueId",
  s.assignee_id AS "assigneeId", s.status, s.due_minutes AS "dueMinutes", s.due_at AS "dueAt",
  s.created_by AS "createdBy", s.created_at AS "createdAt", s.updated_at AS "updatedAt", s.done_at AS "doneAt"`;
const FROM = 'appeal_subtasks s JOIN appeals a ON a.id = s.appeal_id';

export async function findById(db: Queryable, id: string, forUpdate = false): Promise<SubtaskRow | undefined> {
  const rows = await db.query<SubtaskRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE s.id = $1${forUpdate ? ' FOR UPDATE OF s' : ''}`,
    [id],
  );
  return rows[0];
}

export const listOfAppeal = (db: Queryable, appealId: string) =>
  db.query<SubtaskRow>(`SELECT ${COLUMNS} FROM ${FROM} WHERE s.appeal_id = $1 ORDER BY s.created_at, s.id`, [appealId]);

/** Sub-tasks across appeals; `unitIds` (when given) confines them to appeals of those units. */
export function list(
  db: Queryable,
  filter: {
    assigneeId?: string | undefined;
    queueId?: string | undefined;
    status?: string | undefined;
    unitIds: string[] | null;
    limit: number;
  },
) {
  return db.query<SubtaskRow>(
    `SELECT ${COLUMNS} FROM ${FROM}
     WHERE ($1::uuid IS NULL OR s.assignee_id = $1) AND ($2::uuid IS NULL OR s.queue_id = $2)
       AND ($3::text IS NULL OR s.status = $3)
       AND ($4::uuid[] IS NULL OR a.unit_id = ANY($4::uuid[]))
     ORDER BY s.due_at NULLS LAST, s.created_at, s.id LIMIT $5`,
    [filter.assigneeId ?? null, filter.queueId ?? null, filter.status ?? null, filter.unitIds, filter.limit],
  );
}

export async function insert(
  db: Queryable,
  subtask: {
    appealId: string;
    title: string;
    description: string;
    queueId: string | null;
    assigneeId: string | null;
    dueMinutes: number | null;
    dueAt: Date | null;
    createdBy: string | null;
  },
): Promise<string> {
  const row = await queryOne<{ id: string }>(
    db,
    `INSERT INTO appeal_subtasks (appeal_id, title, description, queue_id, assignee_id, due_minutes, due_at, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [
      subtask.appealId,
      subtask.title,
      subtask.description,
      subtask.queueId,
      subtask.assigneeId,
      subtask.dueMinutes,
      subtask.dueAt,
      subtask.createdBy,
    ],
  );
  return row.id;
}

const UPDATABLE = {
  status: 'status',
  assigneeId: 'assignee_id',
  title: 'title',
  description: 'description',
  dueAt: 'due_at',
  doneAt: 'done_at',
} as const;

/** Applies only the fields given; a new due time may be late again, so it clears late_notified_at. */
export async function update(
  db: Queryable,
  id: string,
  set: {
    status?: string | undefined;
    assigneeId?: string | null | undefined;
    title?: string | undefined;
    description?: string | undefined;
    dueAt?: Date | null | undefined;
    doneAt?: Date | null | undefined;
  },
) {
  const changes = columnsToSet<'appeal_subtasks'>(set, UPDATABLE);
  if (Object.keys(changes).length === 0) {
    return;
  }
  const query = builder
    .updateTable('appeal_subtasks')
    .set({ ...changes, updated_at: sql`now()` })
    .$if(set.dueAt !== undefined, (qb) => qb.set({ late_notified_at: null }))
    .where('id', '=', id);
  await run(db, query);
}

export interface LateRow {
  id: string;
  appealId: string;
  title: string;
  dueAt: Date;
  appealNumber: number;
  subject: string;
  /** The appeal's owner, else whoever asked for the sub-task. */
  notifyUserId: string | null;
}

/** Marks open sub-tasks past their due time as reported (a batch, skipping rows another scan holds). */
export function markLate(db: Queryable, now: Date, limit: number) {
  return db.query<LateRow>(
    `WITH due AS (
       SELECT id FROM appeal_subtasks
       WHERE status IN ('open', 'in_progress') AND due_at IS NOT NULL AND late_notified_at IS NULL AND due_at <= $1
       ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED),
     marked AS (
       UPDATE appeal_subtasks s SET late_notified_at = $1 FROM due WHERE s.id = due.id
       RETURNING s.id, s.appeal_id, s.title, s.due_at, s.created_by)
     SELECT m.id, m.appeal_id AS "appealId", m.title, m.due_at AS "dueAt", a.number AS "appealNumber", a.subject,
       coalesce(a.owner_id, m.created_by) AS "notifyUserId"
     FROM marked m JOIN appeals a ON a.id = m.appeal_id`,
    [now, limit],
  );
}

export async function queueExists(db: Queryable, id: string): Promise<boolean> {
  return (await db.query('SELECT 1 FROM queues WHERE id = $1 AND active', [id])).length > 0;
}

export async function userForAssignment(
  db: Queryable,
  id: string,
): Promise<{ role: string; active: boolean; unitIds: string[] } | undefined> {
  const rows = await db.query<{ role: string; active: boolean; unitIds: string[] }>(
    `SELECT u.role, u.active,
       coalesce((SELECT array_agg(m.unit_id) FROM unit_members m WHERE m.user_id = u.id), '{}') AS "unitIds"
     FROM users u
     WHERE u.id = $1`,
    [id],
  );
  return rows[0];
}
