// SQL of survey definitions, their triggers, the programme settings, imported purchase events and visitor counts.
import type { Queryable } from '../../db/db.ts';
import { oneRow, queryOne } from '../../db/rows.ts';
import type { Question } from './questions.ts';

export interface SettingsRow {
  correctionCoefficient: number;
  emailCaptureTarget: number;
  updatedAt: Date;
}

export async function settings(db: Queryable): Promise<SettingsRow> {
  return queryOne<SettingsRow>(
    db,
    `SELECT correction_coefficient::float8 AS "correctionCoefficient",
       email_capture_target::float8 AS "emailCaptureTarget", updated_at AS "updatedAt"
     FROM survey_settings`,
  );
}

export async function updateSettings(
  db: Queryable,
  change: { correctionCoefficient?: number | undefined; emailCaptureTarget?: number | undefined },
): Promise<SettingsRow> {
  await db.query(
    `UPDATE survey_settings
     SET correction_coefficient = coalesce($1, correction_coefficient),
       email_capture_target = coalesce($2, email_capture_target), updated_at = now()`,
    [change.correctionCoefficient ?? null, change.emailCaptureTarget ?? null],
  );
  return settings(db);
}

export interface SurveyRow {
  id: string;
  name: string;
  questions: Question[];
  answerWithinDays: number;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

const SURVEY = `id, name, questions, answer_within_days AS "answerWithinDays", active, created_at AS "createdAt",
  updated_at AS "updatedAt"`;

export async function insertSurvey(
  db: Queryable,
  survey: { name: string; questions: Question[]; answerWithinDays: number; active: boolean; createdBy: string },
): Promise<SurveyRow> {
  return queryOne<SurveyRow>(
    db,
    `INSERT INTO surveys (name, questions, answer_within_days, active, created_by)
     VALUES ($1, $2, $3, $4, $5)
     RETURNING ${SURVEY}`,
    [survey.name, JSON.stringify(survey.questions), survey.answerWithinDays, survey.active, survey.createdBy],
  );
}

export async function updateSurvey(
  db: Queryable,
  id: string,
  change: {
    name?: string | undefined;
    questions?: Question[] | undefined;
    answerWithinDays?: number | undefined;
    active?: boolean | undefined;
  },
): Promise<SurveyRow | undefined> {
  const rows = await db.query<SurveyRow>(
    `UPDATE surveys
     SET name = coalesce($2, name), questions = coalesce($3::jsonb, questions),
       answer_within_days = coalesce($4, answer_within_days), active = coalesce($5, active), updated_at = now()
     WHERE id = $1
     RETURNING ${SURVEY}`,
    [
      id,
      change.name ?? null,
      change.questions ? JSON.stringify(change.questions) : null,
      change.answerWithinDays ?? null,
      change.active ?? null,
    ],
  );
  return rows[0];
}

export async function findSurvey(db: Queryable, id: string, lock = false): Promise<SurveyRow | undefined> {
  return (
    await db.query<SurveyRow>(`SELECT ${SURVEY} FROM surveys WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id])
  )[0];
}

/** The survey of an invitation or a trigger: it must exist (they refer to it). */
export async function surveyOf(db: Queryable, id: string): Promise<SurveyRow> {
  return oneRow(await db.query<SurveyRow>(`SELECT ${SURVEY} FROM surveys WHERE id = $1`, [id]), 'survey');
}

export const listSurveys = (db: Queryable) =>
  db.query<SurveyRow>(`SELECT ${SURVEY} FROM surveys ORDER BY created_at DESC, id`);

export async function surveyWasSent(db: Queryable, id: string): Promise<boolean> {
  return (
    (await db.query(`SELECT 1 FROM survey_invitations WHERE survey_id = $1 AND status <> 'skipped' LIMIT 1`, [id]))
      .length > 0
  );
}

export interface TriggerRow {
  id: string;
  surveyId: string;
  event: 'appeal_resolved' | 'repair_picked_up' | 'purchase' | 'manual';
  delivery: 'email' | 'sms';
  delayMinutes: number;
  throttleDays: number;
  unitIds: string[];
  active: boolean;
  createdAt: Date;
}

const TRIGGER = `id, survey_id AS "surveyId", event, delivery, delay_minutes AS "delayMinutes",
  throttle_days AS "throttleDays", unit_ids AS "unitIds", active, created_at AS "createdAt"`;

export interface TriggerFields {
  event?: TriggerRow['event'] | undefined;
  delivery?: TriggerRow['delivery'] | undefined;
  delayMinutes?: number | undefined;
  throttleDays?: number | undefined;
  unitIds?: string[] | undefined;
  active?: boolean | undefined;
}

export async function insertTrigger(
  db: Queryable,
  surveyId: string,
  trigger: Required<TriggerFields>,
): Promise<TriggerRow> {
  return queryOne<TriggerRow>(
    db,
    `INSERT INTO survey_triggers (survey_id, event, delivery, delay_minutes, throttle_days, unit_ids, active)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     RETURNING ${TRIGGER}`,
    [
      surveyId,
      trigger.event,
      trigger.delivery,
      trigger.delayMinutes,
      trigger.throttleDays,
      trigger.unitIds,
      trigger.active,
    ],
  );
}

export async function updateTrigger(db: Queryable, id: string, change: TriggerFields): Promise<TriggerRow | undefined> {
  const rows = await db.query<TriggerRow>(
    `UPDATE survey_triggers
     SET event = coalesce($2, event), delivery = coalesce($3, delivery), delay_minutes = coalesce($4, delay_minutes),
       throttle_days = coalesce($5, throttle_days), unit_ids = coalesce($6, unit_ids), active = coalesce($7, active)
     WHERE id = $1
     RETURNING ${TRIGGER}`,
    [
      id,
      change.event ?? null,
      change.delivery ?? null,
      change.delayMinutes ?? null,
      change.throttleDays ?? null,
      change.unitIds ?? null,
      change.active ?? null,
    ],
  );
  return rows[0];
}

export async function findTrigger(db: Queryable, id: string): Promise<TriggerRow | undefined> {
  return (await db.query<TriggerRow>(`SELECT ${TRIGGER} FROM survey_triggers WHERE id = $1`, [id]))[0];
}

export const listTriggers = (db: Queryable, surveyId: string) =>
  db.query<TriggerRow>(`SELECT ${TRIGGER} FROM survey_triggers WHERE survey_id = $1 ORDER BY created_at, id`, [
    surveyId,
  ]);

/** Active triggers of an event on active surveys that apply to the unit (an empty unit list means every unit). */
export const triggersFor = (db: Queryable, event: TriggerRow['event'], unitId: string | null) =>
  db.query<TriggerRow & { survey: Pick<SurveyRow, 'id' | 'name' | 'questions' | 'answerWithinDays' | 'active'> }>(
    `SELECT t.id, t.survey_id AS "surveyId", t.event, t.delivery, t.delay_minutes AS "delayMinutes",
       t.throttle_days AS "throttleDays", t.unit_ids AS "unitIds", t.active, t.created_at AS "createdAt",
       json_build_object('id', s.id, 'name', s.name, 'questions', s.questions,
         'answerWithinDays', s.answer_within_days, 'active', s.active) AS survey
     FROM survey_triggers t
     JOIN surveys s ON s.id = t.survey_id
     WHERE t.active AND s.active AND t.event = $1 AND (cardinality(t.unit_ids) = 0 OR $2::uuid = ANY (t.unit_ids))
     ORDER BY t.created_at, t.id`,
    [event, unitId],
  );

export interface NewEvent {
  externalId: string;
  occurredAt: Date;
  unitId: string | null;
  staffId: string | null;
  customerId: string | null;
  channel: string;
  email: string | null;
  phone: string | null;
  locale: 'ru' | 'en';
}

/** Inserts the events not seen before (by external id); answers the new ones with their ids. */
export async function insertEvents(
  db: Queryable,
  events: readonly NewEvent[],
): Promise<{ id: string; externalId: string }[]> {
  if (events.length === 0) {
    return [];
  }
  return db.query<{ id: string; externalId: string }>(
    `INSERT INTO survey_events (external_id, occurred_at, unit_id, staff_id, customer_id, channel, email, phone, locale)
     SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::text[],
       $8::text[], $9::text[])
     ON CONFLICT (external_id) DO NOTHING
     RETURNING id, external_id AS "externalId"`,
    [
      events.map((event) => event.externalId),
      events.map((event) => event.occurredAt.toISOString()),
      events.map((event) => event.unitId),
      events.map((event) => event.staffId),
      events.map((event) => event.customerId),
      events.map((event) => event.channel),
      events.map((event) => event.email),
      events.map((event) => event.phone),
      events.map((event) => event.locale),
    ],
  );
}

export async function upsertVisitors(
  db: Queryable,
  rows: readonly { unitId: string; day: string; visitors: number }[],
): Promise<number> {
  if (rows.length === 0) {
    return 0;
  }
  const saved = await queryOne<{ n: number }>(
    db,
    `WITH up AS (
       INSERT INTO survey_visitors (unit_id, day, visitors)
       SELECT * FROM unnest($1::uuid[], $2::date[], $3::int[])
       ON CONFLICT (unit_id, day) DO UPDATE SET visitors = excluded.visitors RETURNING 1)
     SELECT count(*)::int AS n FROM up`,
    [rows.map((row) => row.unitId), rows.map((row) => row.day), rows.map((row) => row.visitors)],
  );
  return saved.n;
}

/** Which of these ids name existing rows of the table (units, users, customers). */
export async function existingIds(
  db: Queryable,
  table: 'units' | 'users' | 'customers',
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) {
    return new Set();
  }
  const rows = await db.query<{ id: string }>(`SELECT id FROM ${table} WHERE id = ANY ($1::uuid[])`, [
    [...new Set(ids)],
  ]);
  return new Set(rows.map((row) => row.id));
}
