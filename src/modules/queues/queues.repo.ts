// SQL for queues and their members.
import { sql } from 'kysely';
import type { Queryable } from '../../db/db.ts';
import { queryOne } from '../../db/rows.ts';
import { builder, columnsToSet, run } from '../../db/sql-builder.ts';

export interface QueueRow {
  id: string;
  code: string;
  name: string;
  unitId: string | null;
  assignment: string;
  requireAttestation: boolean;
  unattested: string;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS = `q.id, q.code, q.name, q.unit_id AS "unitId", q.assignment,
  q.require_attestation AS "requireAttestation", q.unattested, q.active,
  q.created_at AS "createdAt", q.updated_at AS "updatedAt"`;

export async function findById(db: Queryable, id: string): Promise<QueueRow | undefined> {
  return (await db.query<QueueRow>(`SELECT ${COLUMNS} FROM queues q WHERE q.id = $1`, [id]))[0];
}

export async function findByCode(db: Queryable, code: string): Promise<{ id: string } | undefined> {
  return (await db.query<{ id: string }>('SELECT id FROM queues WHERE code = $1', [code]))[0];
}

export const list = (db: Queryable, filter: { active?: boolean | undefined }) =>
  db.query<QueueRow>(
    `SELECT ${COLUMNS} FROM queues q WHERE ($1::boolean IS NULL OR q.active = $1) ORDER BY q.name, q.id LIMIT 1000`,
    [filter.active ?? null],
  );

export async function insert(
  db: Queryable,
  queue: Pick<QueueRow, 'code' | 'name' | 'unitId' | 'assignment' | 'requireAttestation' | 'unattested'>,
): Promise<string> {
  const row = await queryOne<{ id: string }>(
    db,
    `INSERT INTO queues (code, name, unit_id, assignment, require_attestation, unattested)
     VALUES ($1, $2, $3, $4, $5, $6)
     RETURNING id`,
    [queue.code, queue.name, queue.unitId, queue.assignment, queue.requireAttestation, queue.unattested],
  );
  return row.id;
}

const UPDATABLE = {
  code: 'code',
  name: 'name',
  unitId: 'unit_id',
  assignment: 'assignment',
  requireAttestation: 'require_attestation',
  unattested: 'unattested',
  active: 'active',
} as const;

/** Applies only the fields given; `null` clears the unit. */
export async function update(db: Queryable, id: string, fields: Record<string, unknown>) {
  const set = columnsToSet<'queues'>(fields, UPDATABLE);
  if (Object.keys(set).length === 0) {
    return;
  }
  await run(
    db,
    builder
      .updateTable('queues')
      .set({ ...set, updated_at: sql`now()` })
      .where('id', '=', id),
  );
}

/** Today's date where the queue works: its unit's time zone, else UTC. */
export async function today(db: Queryable, queueId: string): Promise<string> {
  const rows = await db.query<{ today: string }>(
    `SELECT (now() AT TIME ZONE coalesce(u.time_zone, 'UTC'))::date::text AS today
     FROM queues q LEFT JOIN units u ON u.id = q.unit_id WHERE q.id = $1`,
    [queueId],
  );
  return rows[0]?.today ?? new Date().toISOString().slice(0, 10);
}

export interface MemberRow {
  queueId: string;
  userId: string;
  name: string;
  attestation: 'certified' | 'in_training' | 'expired';
  attestedFrom: string | null;
  attestedUntil: string | null;
  available: boolean;
  lastAssignedAt: Date | null;
  /** Open appeals the member owns, in any queue: their load. */
  openCount: number;
}

const MEMBER_COLUMNS = `m.queue_id AS "queueId", m.user_id AS "userId", u.name, m.attestation,
  m.attested_from::text AS "attestedFrom", m.attested_until::text AS "attestedUntil",
  m.available AND u.active AS available, m.last_assigned_at AS "lastAssignedAt",
  (SELECT count(*)::int FROM appeals a
    WHERE a.owner_id = m.user_id AND a.status NOT IN ('resolved', 'closed')) AS "openCount"`;

export const listMembers = (db: Queryable, queueId: string) =>
  db.query<MemberRow>(
    `SELECT ${MEMBER_COLUMNS}
     FROM queue_members m JOIN users u ON u.id = m.user_id
     WHERE m.queue_id = $1
     ORDER BY u.name, m.user_id`,
    [queueId],
  );

export async function findMember(db: Queryable, queueId: string, userId: string): Promise<MemberRow | undefined> {
  const rows = await db.query<MemberRow>(
    `SELECT ${MEMBER_COLUMNS}
     FROM queue_members m JOIN users u ON u.id = m.user_id
     WHERE m.queue_id = $1 AND m.user_id = $2`,
    [queueId, userId],
  );
  return rows[0];
}

/**
 * Locks the queue's member rows (in one order, so routings wait for each other rather than deadlock): two
 * routings into one queue then pick one after the other, the second seeing the first's assignment.
 */
export async function lockMembers(db: Queryable, queueId: string): Promise<void> {
  await db.query('SELECT user_id FROM queue_members WHERE queue_id = $1 ORDER BY user_id FOR UPDATE', [queueId]);
}

export async function upsertMember(
  db: Queryable,
  member: {
    queueId: string;
    userId: string;
    attestation: string;
    attestedFrom: string | null;
    attestedUntil: string | null;
    available: boolean;
  },
): Promise<boolean> {
  const row = await queryOne<{ inserted: boolean }>(
    db,
    `INSERT INTO queue_members (queue_id, user_id, attestation, attested_from, attested_until, available)
     VALUES ($1, $2, $3, $4::date, $5::date, $6)
     ON CONFLICT (queue_id, user_id) DO UPDATE
     SET attestation = excluded.attestation, attested_from = excluded.attested_from,
       attested_until = excluded.attested_until, available = excluded.available
     RETURNING (xmax = 0) AS inserted`,
    [member.queueId, member.userId, member.attestation, member.attestedFrom, member.attestedUntil, member.available],
  );
  return row.inserted;
}

export async function deleteMember(db: Queryable, queueId: string, userId: string): Promise<boolean> {
  const rows = await db.query<{ userId: string }>(
    'DELETE FROM queue_members WHERE queue_id = $1 AND user_id = $2 RETURNING user_id AS "userId"',
    [queueId, userId],
  );
  return rows.length > 0;
}

export async function markAssigned(db: Queryable, queueId: string, userId: string): Promise<void> {
  // clock_timestamp, not now(): a routing that waited for another's lock must sort after it.
  await db.query('UPDATE queue_members SET last_assigned_at = clock_timestamp() WHERE queue_id = $1 AND user_id = $2', [
    queueId,
    userId,
  ]);
}

export async function userStanding(
  db: Queryable,
  userId: string,
): Promise<{ role: string; active: boolean } | undefined> {
  return (
    await db.query<{ role: string; active: boolean }>('SELECT role, active FROM users WHERE id = $1', [userId])
  )[0];
}
