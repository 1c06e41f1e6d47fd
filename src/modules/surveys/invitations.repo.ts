// SQL of invitations and answers: scheduling with throttling, sending, the answer page's reads and writes, and
// marking silence past the deadline. The supervisor's view of responses is in responses.repo.ts.
import type { Queryable } from '../../db/db.ts';
import { oneRow } from '../../db/rows.ts';
import type { IndexColumns } from './questions.ts';
import type { Qualification } from './indices/indices.ts';

export type InvitationStatus = 'scheduled' | 'sent' | 'answering' | 'completed' | 'lapsed' | 'silent' | 'skipped';

/** What an invitation is about: the appeal or purchase it follows, and the unit, staff, category and channel. */
export interface InvitationSubject {
  appealId: string | null;
  eventId: string | null;
  unitId: string | null;
  staffId: string | null;
  categoryId: string | null;
  channel: string | null;
}

export interface NewInvitation extends InvitationSubject {
  surveyId: string;
  triggerId: string | null;
  source: 'appeal_resolved' | 'repair_picked_up' | 'purchase' | 'manual' | 'kiosk';
  delivery: 'email' | 'sms' | 'kiosk';
  status: 'scheduled' | 'skipped' | 'completed';
  skipReason: 'throttled' | 'no_contact' | null;
  customerId: string | null;
  contact: string | null;
  locale: 'ru' | 'en';
  scheduledAt: Date;
  kioskNonce?: string | null;
}

export interface InvitationRow {
  id: string;
  surveyId: string;
  source: NewInvitation['source'];
  delivery: NewInvitation['delivery'];
  status: InvitationStatus;
  skipReason: string | null;
  customerId: string | null;
  customerName: string | null;
  contact: string | null;
  locale: 'ru' | 'en';
  appealId: string | null;
  unitId: string | null;
  unitName: string | null;
  unitTimeZone: string | null;
  staffId: string | null;
  categoryId: string | null;
  channel: string | null;
  scheduledAt: Date;
  sentAt: Date | null;
  deadlineAt: Date | null;
  completedAt: Date | null;
  qualification: Qualification | null;
}

const INVITATION = `i.id, i.survey_id AS "surveyId", i.source, i.delivery, i.status, i.skip_reason AS "skipReason",
  i.customer_id AS "customerId", c.name AS "customerName", i.contact, i.locale, i.appeal_id AS "appealId",
  i.unit_id AS "unitId", u.name AS "unitName", u.time_zone AS "unitTimeZone", i.staff_id AS "staffId",
  i.category_id AS "categoryId", i.channel, i.scheduled_at AS "scheduledAt", i.sent_at AS "sentAt",
  i.deadline_at AS "deadlineAt", i.completed_at AS "completedAt", i.qualification`;
const FROM = `survey_invitations i
  LEFT JOIN customers c ON c.id = i.customer_id
  LEFT JOIN units u ON u.id = i.unit_id`;

/** Serialises throttling decisions about one customer across concurrent transactions. */
export async function lockCustomer(db: Queryable, key: string): Promise<void> {
  await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`survey:${key}`]);
}

/** Whether the customer (by id or by contact) was asked a survey within the last `days` days. */
export async function askedRecently(
  db: Queryable,
  { customerId, contact, days, now }: { customerId: string | null; contact: string | null; days: number; now: Date },
): Promise<boolean> {
  if (days === 0) {
    return false;
  }
  const rows = await db.query(
    `SELECT 1 FROM survey_invitations
     WHERE status <> 'skipped' AND created_at > $3::timestamptz - $4 * interval '1 day'
       AND ((customer_id IS NOT NULL AND customer_id = $1) OR (contact IS NOT NULL AND contact = $2))
     LIMIT 1`,
    [customerId, contact, now, days],
  );
  return rows.length > 0;
}

/** The new invitation's id; none when a kiosk form with this nonce was already taken. */
export async function insertInvitation(
  db: Queryable,
  invitation: NewInvitation,
  now: Date,
): Promise<{ id: string } | undefined> {
  const rows = await db.query<{ id: string }>(
    `INSERT INTO survey_invitations (survey_id, trigger_id, source, delivery, status, skip_reason, customer_id,
       contact, locale, appeal_id, event_id, unit_id, staff_id, category_id, channel, scheduled_at, kiosk_nonce,
       created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
     ON CONFLICT (kiosk_nonce) DO NOTHING RETURNING id`,
    [
      invitation.surveyId,
      invitation.triggerId,
      invitation.source,
      invitation.delivery,
      invitation.status,
      invitation.skipReason,
      invitation.customerId,
      invitation.contact,
      invitation.locale,
      invitation.appealId,
      invitation.eventId,
      invitation.unitId,
      invitation.staffId,
      invitation.categoryId,
      invitation.channel,
      invitation.scheduledAt,
      invitation.kioskNonce ?? null,
      now,
    ],
  );
  return rows[0];
}

const selectInvitation = (db: Queryable, id: string, lock: boolean) =>
  db.query<InvitationRow>(`SELECT ${INVITATION} FROM ${FROM} WHERE i.id = $1${lock ? ' FOR UPDATE OF i' : ''}`, [id]);

export async function findInvitation(db: Queryable, id: string, lock = false): Promise<InvitationRow | undefined> {
  return (await selectInvitation(db, id, lock))[0];
}

/** An invitation written earlier in this transaction: it must be there. */
export async function invitationJustWritten(db: Queryable, id: string, lock = false): Promise<InvitationRow> {
  return oneRow(await selectInvitation(db, id, lock), 'invitation');
}

/**
 * Leases scheduled invitations that are due, for this transaction alone (SKIP LOCKED: other processes take
 * others).
 */
export const claimDue = (db: Queryable, now: Date, limit: number) =>
  db.query<InvitationRow>(
    `SELECT ${INVITATION} FROM ${FROM}
     WHERE i.id IN (
       SELECT id FROM survey_invitations
       WHERE status = 'scheduled' AND scheduled_at <= $1
       ORDER BY scheduled_at
       LIMIT $2
       FOR UPDATE SKIP LOCKED)`,
    [now, limit],
  );

export async function markSent(db: Queryable, id: string, sentAt: Date, deadlineAt: Date): Promise<void> {
  // The key questions are asked from now on: unanswered by the deadline, they count as silent.
  await db.query(
    `UPDATE survey_invitations i
     SET status = 'sent', sent_at = $2, deadline_at = $3,
       staff_asked = EXISTS (
         SELECT 1 FROM jsonb_array_elements(s.questions) q WHERE q->>'type' = 'key' AND q->>'subject' = 'staff'),
       office_asked = EXISTS (
         SELECT 1 FROM jsonb_array_elements(s.questions) q WHERE q->>'type' = 'key' AND q->>'subject' = 'office')
     FROM surveys s
     WHERE i.id = $1 AND s.id = i.survey_id`,
    [id, sentAt, deadlineAt],
  );
}

/** Past the deadline: no answer at all makes the customer silent; some answers, never completed, make it lapsed. */
export async function closePastDeadline(db: Queryable, now: Date): Promise<{ silent: number; lapsed: number }> {
  const rows = await db.query<{ status: string; n: number }>(
    `WITH closed AS (
       UPDATE survey_invitations SET status = CASE status WHEN 'sent' THEN 'silent' ELSE 'lapsed' END
       WHERE status IN ('sent', 'answering') AND deadline_at <= $1 RETURNING status)
     SELECT status, count(*)::int AS n FROM closed GROUP BY status`,
    [now],
  );
  const of = (status: string) => rows.find((row) => row.status === status)?.n ?? 0;
  return { silent: of('silent'), lapsed: of('lapsed') };
}

export async function answersOf(db: Queryable, invitationId: string): Promise<Map<string, unknown>> {
  const rows = await db.query<{ questionId: string; value: unknown }>(
    'SELECT question_id AS "questionId", value FROM survey_answers WHERE invitation_id = $1',
    [invitationId],
  );
  return new Map(rows.map((row) => [row.questionId, row.value]));
}

/** Saves answers; a question answered again keeps one row, its latest answer. */
export async function upsertAnswers(
  db: Queryable,
  invitationId: string,
  answers: readonly { questionId: string; value: unknown }[],
  now: Date,
): Promise<void> {
  if (answers.length === 0) {
    return;
  }
  await db.query(
    `INSERT INTO survey_answers (invitation_id, question_id, value, answered_at)
     SELECT $1, q, v, $4 FROM unnest($2::text[], $3::jsonb[]) AS a (q, v)
     ON CONFLICT (invitation_id, question_id)
     DO UPDATE SET value = excluded.value, answered_at = excluded.answered_at`,
    [
      invitationId,
      answers.map((answer) => answer.questionId),
      answers.map((answer) => JSON.stringify(answer.value)),
      now,
    ],
  );
}

/** The invitation's index columns from its answers so far, and its status after them. */
export async function writeIndexColumns(
  db: Queryable,
  { id, columns, status, now }: { id: string; columns: IndexColumns; status: InvitationStatus; now: Date },
): Promise<void> {
  await db.query(
    `UPDATE survey_invitations
     SET csat_score = $2, csat_max = $3, csat_satisfied = $4, nps = $5, ces_score = $6, ces_max = $7,
       staff_asked = $8, staff_key = $9, office_asked = $10, office_key = $11, negative = $12, status = $13,
       first_answer_at = coalesce(first_answer_at, $14),
       completed_at = CASE WHEN $13 = 'completed' THEN $14 ELSE completed_at END
     WHERE id = $1`,
    [
      id,
      columns.csatScore,
      columns.csatMax,
      columns.csatSatisfied,
      columns.nps,
      columns.cesScore,
      columns.cesMax,
      columns.staffAsked,
      columns.staffKey,
      columns.officeAsked,
      columns.officeKey,
      columns.negative,
      status,
      now,
    ],
  );
}

/** A kiosk response: sent, answered and completed at one moment. */
export async function markKioskCompleted(db: Queryable, id: string, now: Date): Promise<void> {
  await db.query(`UPDATE survey_invitations SET sent_at = $2, deadline_at = $2 WHERE id = $1`, [id, now]);
}
