// SQL of invitations and answers: scheduling with throttling, sending, the answer page's reads and writes,
// marking silence past the deadline, and the supervisor's qualification of negative answers.
import type { Queryable } from '../../db/db.ts';
import type { IndexColumns } from './questions.ts';
import type { Qualification } from './indices/indices.ts';

export type InvitationStatus = 'scheduled' | 'sent' | 'answering' | 'completed' | 'lapsed' | 'silent' | 'skipped';

export interface NewInvitation {
  surveyId: string;
  triggerId: string | null;
  source: 'appeal_resolved' | 'repair_picked_up' | 'purchase' | 'manual' | 'kiosk';
  delivery: 'email' | 'sms' | 'kiosk';
  status: 'scheduled' | 'skipped' | 'completed';
  skipReason: 'throttled' | 'no_contact' | null;
  customerId: string | null;
  contact: string | null;
  locale: 'ru' | 'en';
  appealId: string | null;
  eventId: string | null;
  unitId: string | null;
  staffId: string | null;
  categoryId: string | null;
  channel: string | null;
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

const INVITATION = `i.id, i.survey_id AS "surveyId", i.source, i.delivery, i.status, i.skip_reason AS "skipReason", i.customer_id AS "customerId",
  c.name AS "customerName", i.contact, i.locale, i.appeal_id AS "appealId", i.unit_id AS "unitId", u.name AS "unitName", u.time_zone AS "unitTimeZone",
  i.staff_id AS "staffId", i.category_id AS "categoryId", i.channel, i.scheduled_at AS "scheduledAt", i.sent_at AS "sentAt",
  i.deadline_at AS "deadlineAt", i.completed_at AS "completedAt", i.qualification`;
const FROM = 'survey_invitations i LEFT JOIN customers c ON c.id = i.customer_id LEFT JOIN units u ON u.id = i.unit_id';

/** Serialises throttling decisions about one customer across concurrent transactions. */
export async function lockCustomer(db: Queryable, key: string): Promise<void> {
  await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`survey:${key}`]);
}

/** Whether the customer (by id or by contact) was asked a survey within the last `days` days. */
export async function askedRecently(
  db: Queryable,
  customerId: string | null,
  contact: string | null,
  days: number,
  now: Date,
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

export async function insertInvitation(
  db: Queryable,
  n: NewInvitation,
  now: Date,
): Promise<{ id: string } | undefined> {
  const rows = await db.query<{ id: string }>(
    `INSERT INTO survey_invitations (survey_id, trigger_id, source, delivery, status, skip_reason, customer_id, contact, locale, appeal_id,
       event_id, unit_id, staff_id, category_id, channel, scheduled_at, kiosk_nonce, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
     ON CONFLICT (kiosk_nonce) DO NOTHING RETURNING id`,
    [
      n.surveyId,
      n.triggerId,
      n.source,
      n.delivery,
      n.status,
      n.skipReason,
      n.customerId,
      n.contact,
      n.locale,
      n.appealId,
      n.eventId,
      n.unitId,
      n.staffId,
      n.categoryId,
      n.channel,
      n.scheduledAt,
      n.kioskNonce ?? null,
      now,
    ],
  );
  return rows[0];
}

export async function findInvitation(db: Queryable, id: string, lock = false): Promise<InvitationRow | undefined> {
  const rows = await db.query<InvitationRow>(
    `SELECT ${INVITATION} FROM ${FROM} WHERE i.id = $1${lock ? ' FOR UPDATE OF i' : ''}`,
    [id],
  );
  return rows[0];
}

/** Leases scheduled invitations that are due, for this transaction alone (SKIP LOCKED: other processes take others). */
export const claimDue = (db: Queryable, now: Date, limit: number) =>
  db.query<InvitationRow>(
    `SELECT ${INVITATION} FROM ${FROM}
     WHERE i.id IN (SELECT id FROM survey_invitations WHERE status = 'scheduled' AND scheduled_at <= $1 ORDER BY scheduled_at LIMIT $2 FOR UPDATE SKIP LOCKED)`,
    [now, limit],
  );

export async function markSent(db: Queryable, id: string, sentAt: Date, deadlineAt: Date): Promise<void> {
  // The key questions are asked from now on: unanswered by the deadline, they count as silent.
  await db.query(
    `UPDATE survey_invitations i SET status = 'sent', sent_at = $2, deadline_at = $3,
       staff_asked = EXISTS (SELECT 1 FROM jsonb_array_elements(s.questions) q WHERE q->>'type' = 'key' AND q->>'subject' = 'staff'),
       office_asked = EXISTS (SELECT 1 FROM jsonb_array_elements(s.questions) q WHERE q->>'type' = 'key' AND q->>'subject' = 'office')
     FROM surveys s WHERE i.id = $1 AND s.id = i.survey_id`,
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
  const of = (s: string) => rows.find((r) => r.status === s)?.n ?? 0;
  return { silent: of('silent'), lapsed: of('lapsed') };
}

export async function answersOf(db: Queryable, invitationId: string): Promise<Map<string, unknown>> {
  const rows = await db.query<{ questionId: string; value: unknown }>(
    'SELECT question_id AS "questionId", value FROM survey_answers WHERE invitation_id = $1',
    [invitationId],
  );
  return new Map(rows.map((r) => [r.questionId, r.value]));
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
     ON CONFLICT (invitation_id, question_id) DO UPDATE SET value = excluded.value, answered_at = excluded.answered_at`,
    [invitationId, answers.map((a) => a.questionId), answers.map((a) => JSON.stringify(a.value)), now],
  );
}

export async function writeIndexColumns(
  db: Queryable,
  id: string,
  c: IndexColumns,
  status: InvitationStatus,
  now: Date,
): Promise<void> {
  await db.query(
    `UPDATE survey_invitations SET csat_score = $2, csat_max = $3, csat_satisfied = $4, nps = $5, ces_score = $6, ces_max = $7,
       staff_asked = $8, staff_key = $9, office_asked = $10, office_key = $11, negative = $12, status = $13,
       first_answer_at = coalesce(first_answer_at, $14), completed_at = CASE WHEN $13 = 'completed' THEN $14 ELSE completed_at END
     WHERE id = $1`,
    [
      id,
      c.csatScore,
      c.csatMax,
      c.csatSatisfied,
      c.nps,
      c.cesScore,
      c.cesMax,
      c.staffAsked,
      c.staffKey,
      c.officeAsked,
      c.officeKey,
      c.negative,
      status,
      now,
    ],
  );
}

/** A kiosk response: sent, answered and completed at one moment. */
export async function markKioskCompleted(db: Queryable, id: string, now: Date): Promise<void> {
  await db.query(`UPDATE survey_invitations SET sent_at = $2, deadline_at = $2 WHERE id = $1`, [id, now]);
}

export interface ResponseFilter {
  id?: string | undefined;
  negative?: boolean | undefined;
  qualified?: boolean | undefined;
  unitIds: string[] | null;
  surveyId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  limit: number;
}

export interface ResponseRow {
  id: string;
  surveyId: string;
  surveyName: string;
  status: InvitationStatus;
  source: string;
  unitId: string | null;
  unitName: string | null;
  staffId: string | null;
  staffName: string | null;
  appealId: string | null;
  appealNumber: number | null;
  customerName: string | null;
  sentAt: Date | null;
  completedAt: Date | null;
  csatScore: number | null;
  csatMax: number | null;
  nps: number | null;
  cesScore: number | null;
  staffKey: number | null;
  officeKey: number | null;
  negative: boolean;
  qualification: Qualification | null;
  qualificationNote: string | null;
  qualifiedAt: Date | null;
  answers: { questionId: string; value: unknown }[];
}

export function listResponses(db: Queryable, f: ResponseFilter): Promise<ResponseRow[]> {
  const where = [`i.status IN ('answering', 'completed', 'lapsed')`];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (f.id) {
    add('i.id = ?', f.id);
  }
  if (f.negative !== undefined) {
    add('i.negative = ?', f.negative);
  }
  if (f.qualified !== undefined) {
    where.push(f.qualified ? 'i.qualification IS NOT NULL' : 'i.qualification IS NULL');
  }
  if (f.unitIds) {
    add('i.unit_id = ANY (?::uuid[])', f.unitIds);
  }
  if (f.surveyId) {
    add('i.survey_id = ?', f.surveyId);
  }
  if (f.from) {
    add('i.sent_at >= ?', f.from);
  }
  if (f.to) {
    add('i.sent_at < ?', f.to);
  }
  params.push(f.limit);
  return db.query<ResponseRow>(
    `SELECT i.id, i.survey_id AS "surveyId", s.name AS "surveyName", i.status, i.source, i.unit_id AS "unitId", u.name AS "unitName",
       i.staff_id AS "staffId", st.name AS "staffName", i.appeal_id AS "appealId", a.number AS "appealNumber", c.name AS "customerName",
       i.sent_at AS "sentAt", i.completed_at AS "completedAt", i.csat_score AS "csatScore", i.csat_max AS "csatMax", i.nps,
       i.ces_score AS "cesScore", i.staff_key AS "staffKey", i.office_key AS "officeKey", i.negative, i.qualification,
       i.qualification_note AS "qualificationNote", i.qualified_at AS "qualifiedAt",
       coalesce((SELECT json_agg(json_build_object('questionId', sa.question_id, 'value', sa.value) ORDER BY sa.answered_at, sa.question_id)
                 FROM survey_answers sa WHERE sa.invitation_id = i.id), '[]') AS answers
     FROM survey_invitations i JOIN surveys s ON s.id = i.survey_id
       LEFT JOIN units u ON u.id = i.unit_id LEFT JOIN users st ON st.id = i.staff_id
       LEFT JOIN appeals a ON a.id = i.appeal_id LEFT JOIN customers c ON c.id = i.customer_id
     WHERE ${where.join(' AND ')}
     ORDER BY i.sent_at DESC NULLS LAST, i.id LIMIT $${params.length}`,
    params,
  );
}

export async function qualify(
  db: Queryable,
  id: string,
  q: { qualification: Qualification | null; note: string | null; by: string },
): Promise<void> {
  await db.query(
    `UPDATE survey_invitations SET qualification = $2, qualification_note = $3, qualified_by = $4, qualified_at = CASE WHEN $2::text IS NULL THEN NULL ELSE now() END
     WHERE id = $1`,
    [id, q.qualification, q.note, q.by],
  );
}

export interface QualifyTarget {
  id: string;
  unitId: string | null;
  status: InvitationStatus;
  negative: boolean;
}

export async function findForQualification(db: Queryable, id: string): Promise<QualifyTarget | undefined> {
  return (
    await db.query<QualifyTarget>(
      'SELECT id, unit_id AS "unitId", status, negative FROM survey_invitations WHERE id = $1 FOR UPDATE',
      [id],
    )
  )[0];
}

/** What a survey about a resolved appeal needs to know of it. */
export interface AppealForSurvey {
  id: string;
  unitId: string | null;
  ownerId: string | null;
  categoryId: string | null;
  channel: string;
  customerId: string | null;
  description: string;
  subject: string;
  email: string | null;
  phone: string | null;
}

export async function appealForSurvey(db: Queryable, appealId: string): Promise<AppealForSurvey | undefined> {
  const rows = await db.query<AppealForSurvey>(
    `SELECT a.id, a.unit_id AS "unitId", a.owner_id AS "ownerId", a.category_id AS "categoryId", a.channel, a.customer_id AS "customerId",
       a.description, a.subject,
       (SELECT i.value FROM customer_identities i WHERE i.customer_id = a.customer_id AND i.kind = 'email' AND NOT i.placeholder ORDER BY i.created_at, i.value LIMIT 1) AS email,
       (SELECT i.value FROM customer_identities i WHERE i.customer_id = a.customer_id AND i.kind = 'phone' AND NOT i.placeholder ORDER BY i.created_at, i.value LIMIT 1) AS phone
     FROM appeals a WHERE a.id = $1`,
    [appealId],
  );
  return rows[0];
}

/** A customer's real (not placeholder) e-mail and phone. */
export async function customerContacts(
  db: Queryable,
  customerId: string,
): Promise<{ email: string | null; phone: string | null } | undefined> {
  const rows = await db.query<{ email: string | null; phone: string | null }>(
    `SELECT (SELECT i.value FROM customer_identities i WHERE i.customer_id = c.id AND i.kind = 'email' AND NOT i.placeholder ORDER BY i.created_at, i.value LIMIT 1) AS email,
       (SELECT i.value FROM customer_identities i WHERE i.customer_id = c.id AND i.kind = 'phone' AND NOT i.placeholder ORDER BY i.created_at, i.value LIMIT 1) AS phone
     FROM customers c WHERE c.id = $1`,
    [customerId],
  );
  return rows[0];
}

/** The time zone invitations of units without one speak in: Customer Service's calendar. */
export async function defaultTimeZone(db: Queryable): Promise<string> {
  const rows = await db.query<{ tz: string }>(
    'SELECT cal.time_zone AS tz FROM sla_settings s JOIN calendars cal ON cal.id = s.cs_calendar_id',
  );
  return rows[0]?.tz ?? 'UTC';
}
