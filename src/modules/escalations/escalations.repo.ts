// SQL for escalations.
import type { Queryable } from '../../db/db.ts';
import { queryOne } from '../../db/rows.ts';

export interface EscalationRow {
  id: string;
  appealId: string;
  appealNumber: number;
  appealSubject: string;
  appealUnitId: string | null;
  requestedBy: string;
  reason: string;
  status: string;
  decidedBy: string | null;
  decisionNote: string | null;
  decidedAt: Date | null;
  createdAt: Date;
}

const COLUMNS = `e.id, e.appeal_id AS "appealId", a.number AS "appealNumber", a.subject AS "appealSubject",
  a.unit_id AS "appealUnitId",
  e.requested_by AS "requestedBy", e.reason, e.status, e.decided_by AS "decidedBy", e.decision_note AS "decisionNote",
  e.decided_at AS "decidedAt", e.created_at AS "createdAt"`;
const FROM = 'appeal_escalations e JOIN appeals a ON a.id = e.appeal_id';

export async function findById(db: Queryable, id: string, forUpdate = false): Promise<EscalationRow | undefined> {
  return (
    await db.query<EscalationRow>(
      `SELECT ${COLUMNS} FROM ${FROM} WHERE e.id = $1${forUpdate ? ' FOR UPDATE OF e' : ''}`,
      [id],
    )
  )[0];
}

export const listOfAppeal = (db: Queryable, appealId: string) =>
  db.query<EscalationRow>(`SELECT ${COLUMNS} FROM ${FROM} WHERE e.appeal_id = $1 ORDER BY e.created_at, e.id`, [
    appealId,
  ]);

export function list(db: Queryable, filter: { status?: string | undefined; unitIds: string[] | null; limit: number }) {
  return db.query<EscalationRow>(
    `SELECT ${COLUMNS} FROM ${FROM}
     WHERE ($1::text IS NULL OR e.status = $1) AND ($2::uuid[] IS NULL OR a.unit_id = ANY($2::uuid[]))
     ORDER BY e.created_at, e.id LIMIT $3`,
    [filter.status ?? null, filter.unitIds, filter.limit],
  );
}

export async function hasPending(db: Queryable, appealId: string): Promise<boolean> {
  return (
    (await db.query(`SELECT 1 FROM appeal_escalations WHERE appeal_id = $1 AND status = 'pending'`, [appealId]))
      .length > 0
  );
}

export async function insert(
  db: Queryable,
  escalation: { appealId: string; requestedBy: string; reason: string },
): Promise<string> {
  const row = await queryOne<{ id: string }>(
    db,
    'INSERT INTO appeal_escalations (appeal_id, requested_by, reason) VALUES ($1, $2, $3) RETURNING id',
    [escalation.appealId, escalation.requestedBy, escalation.reason],
  );
  return row.id;
}

export async function decide(
  db: Queryable,
  id: string,
  decision: { status: string; decidedBy: string; note: string | null },
) {
  await db.query(
    'UPDATE appeal_escalations SET status = $2, decided_by = $3, decision_note = $4, decided_at = now() WHERE id = $1',
    [id, decision.status, decision.decidedBy, decision.note],
  );
}

/** Who decides escalations: active supervisors and heads of Customer Service. */
export async function deciderIds(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT id FROM users WHERE active AND role IN ('supervisor', 'cs_head') ORDER BY id`,
  );
  return rows.map((r) => r.id);
}
