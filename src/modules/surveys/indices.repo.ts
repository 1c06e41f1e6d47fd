// SQL of the indices: the counters of closed invitations (counts and the sums the intervals need, Σx and Σx²) and
// the purchase events, read from the monthly roll-ups (013_survey_tallies.sql) for whole months and from the raw
// rows for the edges of a period; appeals (intakes) and visitors read directly.
import type { Queryable } from '../../db/db.ts';
import type { ResponseCounts } from './report.ts';

export type GroupBy = 'unit' | 'staff' | 'category' | 'channel' | 'month' | 'all';

export interface IndexFilter {
  groupBy: GroupBy;
  from: Date;
  to: Date;
  timeZone: string;
  unitIds: string[] | null;
  surveyId?: string | undefined;
}

/** One group's counters of closed invitations, keyed by the group. */
export interface ResponseTally extends ResponseCounts {
  key: string | null;
}

// Counter name in the API → column of survey_tally_terms() and survey_tallies (013_survey_tallies.sql), where
// the one definition of each counter lives: the raw reads and the roll-up sum the same terms.
const COUNTERS: readonly [keyof Omit<ResponseTally, 'key'>, string][] = [
  ['closed', 'closed'],
  ['answered', 'answered'],
  ['silent', 'silent'],
  ['csatSatisfied', 'csat_satisfied'],
  ['csatN', 'csat_n'],
  ['csat10N', 'csat10_n'],
  ['csat10Sum', 'csat10_sum'],
  ['csat10Sq', 'csat10_sq'],
  ['csat5N', 'csat5_n'],
  ['csat5Sum', 'csat5_sum'],
  ['csat5Sq', 'csat5_sq'],
  ['npsN', 'nps_n'],
  ['promoters', 'promoters'],
  ['detractors', 'detractors'],
  ['ces7N', 'ces7_n'],
  ['ces7Sum', 'ces7_sum'],
  ['ces7Sq', 'ces7_sq'],
  ['ces5N', 'ces5_n'],
  ['ces5Sum', 'ces5_sum'],
  ['ces5Sq', 'ces5_sq'],
  ['staffPositive', 'staff_positive'],
  ['staffNeutral', 'staff_neutral'],
  ['staffNegative', 'staff_negative'],
  ['staffSilent', 'staff_silent'],
  ['staffExcluded', 'staff_excluded'],
  ['officePositive', 'office_positive'],
  ['officeNeutral', 'office_neutral'],
  ['officeNegative', 'office_negative'],
  ['officeSilent', 'office_silent'],
  ['officeExcluded', 'office_excluded'],
  ['loyaltyPositive', 'loyalty_positive'],
  ['loyaltyNeutral', 'loyalty_neutral'],
  ['loyaltyNegative', 'loyalty_negative'],
  ['loyaltySilent', 'loyalty_silent'],
  ['forceMajeure', 'force_majeure'],
];
export const RESPONSE_COUNTERS: readonly (keyof Omit<ResponseTally, 'key'>)[] = COUNTERS.map(([name]) => name);
const SUMS = COUNTERS.map(([name, column]) => `sum(t.${column}) AS "${name}"`).join(', ');
const NAMES = COUNTERS.map(([name]) => `"${name}"`).join(', ');

const RESPONSE_KEY: Record<GroupBy, string> = {
  unit: 'i.unit_id::text',
  staff: 'i.staff_id::text',
  category: 'i.category_id::text',
  channel: 'i.channel',
  month: `date_trunc('month', i.sent_at AT TIME ZONE $3)`,
  all: `'all'`,
};

/** Tallies of closed invitations (completed, lapsed past the deadline, silent) sent in the period, per group, from the raw rows. */
export function tallyResponses(db: Queryable, f: IndexFilter): Promise<ResponseTally[]> {
  const params: unknown[] = [f.from, f.to, f.timeZone];
  let where = `i.status IN ('completed', 'lapsed', 'silent') AND i.sent_at >= $1 AND i.sent_at < $2`;
  if (f.unitIds) {
    where += ` AND i.unit_id = ANY ($${params.push(f.unitIds)}::uuid[])`;
  }
  if (f.surveyId) {
    where += ` AND i.survey_id = $${params.push(f.surveyId)}`;
  }
  return db.query<ResponseTally>(
    `SELECT ${outerKey(f.groupBy)} AS key, ${NAMES} FROM (
       SELECT ${RESPONSE_KEY[f.groupBy]} AS k, ${SUMS}
       FROM survey_invitations i CROSS JOIN LATERAL survey_tally_terms(i) t
       WHERE ${where} AND $3::text IS NOT NULL GROUP BY 1) g`,
    params,
  );
}

/** The zone whose calendar months the roll-ups are cut by (survey_settings.tally_time_zone). */
export async function tallyTimeZone(db: Queryable): Promise<string> {
  const rows = await db.query<{ tz: string }>('SELECT tally_time_zone AS tz FROM survey_settings');
  return rows[0]!.tz;
}

/** Roll-up months [from, to), as the dates of their first days in the roll-up's zone. */
export interface MonthRange {
  from: string;
  to: string;
}

const ROLLUP: Record<GroupBy, { dim: string; key: string }> = {
  unit: { dim: 'unit', key: 'unit_id::text' },
  staff: { dim: 'staff', key: 'key' },
  category: { dim: 'category', key: 'key' },
  channel: { dim: 'channel', key: 'key' },
  month: { dim: 'unit', key: `to_char(month, 'YYYY-MM')` },
  all: { dim: 'unit', key: `'all'` },
};

/** The same tallies over whole months from the roll-up; month keys are the roll-up zone's months. */
export function tallyResponseMonths(db: Queryable, f: IndexFilter, months: MonthRange): Promise<ResponseTally[]> {
  const { dim, key } = ROLLUP[f.groupBy];
  const params: unknown[] = [dim, months.from, months.to];
  let where = 'dim = $1 AND month >= $2::date AND month < $3::date';
  if (f.unitIds) {
    where += ` AND unit_id = ANY ($${params.push(f.unitIds)}::uuid[])`;
  }
  if (f.surveyId) {
    where += ` AND survey_id = $${params.push(f.surveyId)}`;
  }
  return db.query<ResponseTally>(
    `SELECT ${key} AS key, ${SUMS} FROM survey_tallies t WHERE ${where} GROUP BY 1`,
    params,
  );
}

/** Month keys are truncated per row and formatted once per group. */
const outerKey = (groupBy: GroupBy) => (groupBy === 'month' ? `to_char(k, 'YYYY-MM')` : 'k');

const APPEAL_KEY: Record<GroupBy, string> = {
  unit: 'a.unit_id::text',
  staff: 'a.owner_id::text',
  category: 'a.category_id::text',
  channel: 'a.channel',
  month: `date_trunc('month', a.created_at AT TIME ZONE $3)`,
  all: `'all'`,
};
const EVENT_KEY: Record<GroupBy, string> = {
  unit: 'e.unit_id::text',
  staff: 'e.staff_id::text',
  category: 'NULL::text',
  channel: 'e.channel',
  month: `date_trunc('month', e.occurred_at AT TIME ZONE $3)`,
  all: `'all'`,
};

export interface IntakeTally {
  key: string | null;
  intakes: number;
  intakesWithEmail: number;
}

/** Appeals opened in the period (each a transaction and an intake), and those with a real customer e-mail, per group. */
export function tallyIntakes(db: Queryable, f: IndexFilter): Promise<IntakeTally[]> {
  const params: unknown[] = [f.from, f.to, f.timeZone];
  const units = f.unitIds ? ` AND a.unit_id = ANY ($${params.push(f.unitIds)}::uuid[])` : '';
  return db.query<IntakeTally>(
    `SELECT ${outerKey(f.groupBy)} AS key, intakes, "intakesWithEmail" FROM (
       SELECT ${APPEAL_KEY[f.groupBy]} AS k, count(*) AS intakes, count(e.customer_id) AS "intakesWithEmail"
       FROM appeals a
       -- One hash of the customers with a real e-mail, not a probe per appeal (1.2 s → 0.15 s over 700,000 appeals).
       LEFT JOIN (SELECT DISTINCT customer_id FROM customer_identities WHERE kind = 'email' AND NOT placeholder) e ON e.customer_id = a.customer_id
       WHERE a.created_at >= $1 AND a.created_at < $2 AND $3::text IS NOT NULL${units} GROUP BY 1) g`,
    params,
  );
}

export interface EventTally {
  key: string | null;
  events: number;
}

/** Purchase events imported for the period, per group, from the raw rows. */
export function tallyEvents(db: Queryable, f: IndexFilter): Promise<EventTally[]> {
  const params: unknown[] = [f.from, f.to, f.timeZone];
  const units = f.unitIds ? ` AND e.unit_id = ANY ($${params.push(f.unitIds)}::uuid[])` : '';
  return db.query<EventTally>(
    `SELECT ${outerKey(f.groupBy)} AS key, events FROM (
       SELECT ${EVENT_KEY[f.groupBy]} AS k, count(*) AS events
       FROM survey_events e WHERE e.occurred_at >= $1 AND e.occurred_at < $2 AND $3::text IS NOT NULL${units} GROUP BY 1) g`,
    params,
  );
}

const EVENT_ROLLUP_KEY: Record<GroupBy, string> = {
  unit: 'unit_id::text',
  staff: 'staff_id::text',
  category: 'NULL::text',
  channel: 'channel',
  month: `to_char(month, 'YYYY-MM')`,
  all: `'all'`,
};

/** Purchase events over whole months from their roll-up. */
export function tallyEventMonths(db: Queryable, f: IndexFilter, months: MonthRange): Promise<EventTally[]> {
  const params: unknown[] = [months.from, months.to];
  const units = f.unitIds ? ` AND unit_id = ANY ($${params.push(f.unitIds)}::uuid[])` : '';
  return db.query<EventTally>(
    `SELECT ${EVENT_ROLLUP_KEY[f.groupBy]} AS key, sum(events) AS events FROM survey_event_tallies
     WHERE month >= $1::date AND month < $2::date${units} GROUP BY 1`,
    params,
  );
}

/** Visitors counted in the period, per unit or month or in all; null for groupings a door counter cannot see. */
export async function tallyVisitors(db: Queryable, f: IndexFilter): Promise<Map<string, number> | null> {
  const key =
    f.groupBy === 'unit'
      ? 'unit_id::text'
      : f.groupBy === 'month'
        ? `to_char(day, 'YYYY-MM')`
        : f.groupBy === 'all'
          ? `'all'`
          : null;
  if (!key) {
    return null;
  }
  // Days are the unit's own calendar days: the period's bounds are taken as dates in the report's time zone.
  const params: unknown[] = [f.from, f.to, f.timeZone];
  const units = f.unitIds ? ` AND unit_id = ANY ($${params.push(f.unitIds)}::uuid[])` : '';
  const rows = await db.query<{ key: string; visitors: number }>(
    `SELECT ${key} AS key, sum(visitors)::bigint AS visitors FROM survey_visitors
     WHERE day >= ($1::timestamptz AT TIME ZONE $3)::date AND day <= (($2::timestamptz - interval '1 microsecond') AT TIME ZONE $3)::date${units} GROUP BY 1`,
    params,
  );
  return new Map(rows.map((r) => [r.key, r.visitors]));
}

/** Names of the groups' keys, for people reading the table. */
export async function labels(
  db: Queryable,
  groupBy: GroupBy,
  keys: readonly string[],
  locale: 'ru' | 'en',
): Promise<Map<string, string>> {
  const source =
    groupBy === 'unit'
      ? 'name FROM units'
      : groupBy === 'staff'
        ? 'name FROM users'
        : groupBy === 'category'
          ? `${locale === 'en' ? 'name_en' : 'name_ru'} AS name FROM categories`
          : null;
  const ids = keys.filter((k) => /^[0-9a-f-]{36}$/.test(k));
  if (!source || ids.length === 0) {
    return new Map();
  }
  const rows = await db.query<{ id: string; name: string }>(
    `SELECT id::text AS id, ${source} WHERE id = ANY ($1::uuid[])`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}
