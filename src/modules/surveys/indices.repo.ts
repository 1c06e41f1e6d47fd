// SQL of the indices: one pass over closed invitations per request with FILTERed counts and the sums the
// intervals need (Σx, Σx²), and one pass each over the denominators (transactions, visitors, intakes).
import type { Queryable } from '../../db/db.ts';
import { QUALIFICATIONS, excludeFromOfficeIndex, excludeFromStaffIndex } from './indices/indices.ts';

export type GroupBy = 'unit' | 'staff' | 'category' | 'channel' | 'month' | 'all';

export interface IndexFilter {
  groupBy: GroupBy;
  from: Date;
  to: Date;
  timeZone: string;
  unitIds: string[] | null;
  surveyId?: string | undefined;
}

export interface ResponseTally {
  key: string | null;
  closed: number;
  answered: number;
  silent: number;
  csatSatisfied: number;
  csatN: number;
  csat10N: number;
  csat10Sum: number;
  csat10Sq: number;
  csat5N: number;
  csat5Sum: number;
  csat5Sq: number;
  npsN: number;
  promoters: number;
  detractors: number;
  ces7N: number;
  ces7Sum: number;
  ces7Sq: number;
  ces5N: number;
  ces5Sum: number;
  ces5Sq: number;
  staffPositive: number;
  staffNeutral: number;
  staffNegative: number;
  staffSilent: number;
  staffExcluded: number;
  officePositive: number;
  officeNeutral: number;
  officeNegative: number;
  officeSilent: number;
  officeExcluded: number;
  loyaltyPositive: number;
  loyaltyNeutral: number;
  loyaltyNegative: number;
  loyaltySilent: number;
  forceMajeure: number;
}

// From code constants, never from input: the qualification rules of the pure index functions, as SQL.
const inList = (pick: (q: (typeof QUALIFICATIONS)[number]) => boolean) => `(${QUALIFICATIONS.filter(pick).map((q) => `'${q}'`).join(', ')})`;
const STAFF_OUT = `coalesce(qualification IN ${inList(excludeFromStaffIndex)}, false)`;
const OFFICE_OUT = `coalesce(qualification IN ${inList(excludeFromOfficeIndex)}, false)`;

const RESPONSE_KEY: Record<GroupBy, string> = {
  unit: 'unit_id::text',
  staff: 'staff_id::text',
  category: 'category_id::text',
  channel: 'channel',
  month: `date_trunc('month', sent_at AT TIME ZONE $3)`,
  all: `'all'`,
};

const c = (name: string, filter: string) => `count(*) FILTER (WHERE ${filter}) AS "${name}"`;
const s = (name: string, expr: string, filter: string) => `coalesce(sum(${expr}) FILTER (WHERE ${filter}), 0) AS "${name}"`;

const TALLY = [
  `count(*) AS closed`,
  c('answered', `status <> 'silent'`),
  c('silent', `status = 'silent'`),
  c('csatSatisfied', 'csat_satisfied'),
  c('csatN', 'csat_score IS NOT NULL'),
  c('csat10N', 'csat_max = 10'), s('csat10Sum', 'csat_score', 'csat_max = 10'), s('csat10Sq', 'csat_score * csat_score', 'csat_max = 10'),
  c('csat5N', 'csat_max = 5'), s('csat5Sum', 'csat_score', 'csat_max = 5'), s('csat5Sq', 'csat_score * csat_score', 'csat_max = 5'),
  c('npsN', 'nps IS NOT NULL'), c('promoters', 'nps >= 9'), c('detractors', 'nps <= 6'),
  c('ces7N', 'ces_max = 7'), s('ces7Sum', 'ces_score', 'ces_max = 7'), s('ces7Sq', 'ces_score * ces_score', 'ces_max = 7'),
  c('ces5N', 'ces_max = 5'), s('ces5Sum', 'ces_score', 'ces_max = 5'), s('ces5Sq', 'ces_score * ces_score', 'ces_max = 5'),
  c('staffPositive', `staff_key = 1 AND NOT ${STAFF_OUT}`),
  c('staffNeutral', `staff_key = 0 AND NOT ${STAFF_OUT}`),
  c('staffNegative', `staff_key = -1 AND NOT ${STAFF_OUT}`),
  c('staffSilent', `staff_asked AND staff_key IS NULL AND NOT ${STAFF_OUT}`),
  c('staffExcluded', `staff_asked AND ${STAFF_OUT}`),
  c('officePositive', `office_key = 1 AND NOT ${OFFICE_OUT}`),
  c('officeNeutral', `office_key = 0 AND NOT ${OFFICE_OUT}`),
  c('officeNegative', `office_key = -1 AND NOT ${OFFICE_OUT}`),
  c('officeSilent', `office_asked AND office_key IS NULL AND NOT ${OFFICE_OUT}`),
  c('officeExcluded', `office_asked AND ${OFFICE_OUT}`),
  // Loyalty is the customer's feeling about the office whatever caused it: no qualification leaves it.
  c('loyaltyPositive', 'office_key = 1'),
  c('loyaltyNeutral', 'office_key = 0'),
  c('loyaltyNegative', 'office_key = -1'),
  c('loyaltySilent', 'office_asked AND office_key IS NULL'),
  c('forceMajeure', `qualification = 'force_majeure'`),
].join(',\n  ');

/** Tallies of closed invitations (completed, lapsed past the deadline, silent) sent in the period, per group. */
export function tallyResponses(db: Queryable, f: IndexFilter): Promise<ResponseTally[]> {
  const params: unknown[] = [f.from, f.to, f.timeZone];
  let where = `status IN ('completed', 'lapsed', 'silent') AND sent_at >= $1 AND sent_at < $2`;
  if (f.unitIds) where += ` AND unit_id = ANY ($${params.push(f.unitIds)}::uuid[])`;
  if (f.surveyId) where += ` AND survey_id = $${params.push(f.surveyId)}`;
  return db.query<ResponseTally>(
    `SELECT ${outerKey(f.groupBy)} AS key, t.* FROM (
       SELECT ${RESPONSE_KEY[f.groupBy]} AS k,\n  ${TALLY}\nFROM survey_invitations WHERE ${where} AND $3::text IS NOT NULL GROUP BY 1) t`,
    params,
  );
}

/** Month keys are truncated per row and formatted once per group. */
const outerKey = (groupBy: GroupBy) => (groupBy === 'month' ? `to_char(k, 'YYYY-MM')` : 'k');

const APPEAL_KEY: Record<GroupBy, string> = {
  unit: 'a.unit_id::text', staff: 'a.owner_id::text', category: 'a.category_id::text', channel: 'a.channel',
  month: `date_trunc('month', a.created_at AT TIME ZONE $3)`, all: `'all'`,
};
const EVENT_KEY: Record<GroupBy, string> = {
  unit: 'e.unit_id::text', staff: 'e.staff_id::text', category: 'NULL::text', channel: 'e.channel',
  month: `date_trunc('month', e.occurred_at AT TIME ZONE $3)`, all: `'all'`,
};

export interface DenominatorTally {
  key: string | null;
  transactions: number;
  intakes: number;
  intakesWithEmail: number;
}

/**
 * Transactions (appeals opened and purchase events imported in the period) and intakes (appeals opened) with a
 * real customer e-mail, per group.
 */
export function tallyDenominators(db: Queryable, f: IndexFilter): Promise<DenominatorTally[]> {
  const params: unknown[] = [f.from, f.to, f.timeZone];
  const units = f.unitIds ? ` AND unit_id = ANY ($${params.push(f.unitIds)}::uuid[])` : '';
  return db.query<DenominatorTally>(
    `SELECT ${outerKey(f.groupBy).replace('k', 'key')} AS key, sum(n)::bigint AS transactions, sum(intakes)::bigint AS intakes, sum(with_email)::bigint AS "intakesWithEmail" FROM (
       SELECT ${APPEAL_KEY[f.groupBy]} AS key, count(*) AS n, count(*) AS intakes,
         count(*) FILTER (WHERE EXISTS (SELECT 1 FROM customer_identities ci
           WHERE ci.customer_id = a.customer_id AND ci.kind = 'email' AND NOT ci.placeholder)) AS with_email
       FROM appeals a WHERE a.created_at >= $1 AND a.created_at < $2 AND $3::text IS NOT NULL${units.replace('unit_id', 'a.unit_id')} GROUP BY 1
       UNION ALL
       SELECT ${EVENT_KEY[f.groupBy]} AS key, count(*) AS n, 0, 0
       FROM survey_events e WHERE e.occurred_at >= $1 AND e.occurred_at < $2${units.replace('unit_id', 'e.unit_id')} GROUP BY 1) d
     GROUP BY d.key`,
    params,
  );
}

/** Visitors counted in the period, per unit or month or in all; null for groupings a door counter cannot see. */
export async function tallyVisitors(db: Queryable, f: IndexFilter): Promise<Map<string, number> | null> {
  const key = f.groupBy === 'unit' ? 'unit_id::text' : f.groupBy === 'month' ? `to_char(day, 'YYYY-MM')` : f.groupBy === 'all' ? `'all'` : null;
  if (!key) return null;
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
export async function labels(db: Queryable, groupBy: GroupBy, keys: readonly string[], locale: 'ru' | 'en'): Promise<Map<string, string>> {
  const source = groupBy === 'unit' ? 'name FROM units' : groupBy === 'staff' ? 'name FROM users'
    : groupBy === 'category' ? `${locale === 'en' ? 'name_en' : 'name_ru'} AS name FROM categories` : null;
  const ids = keys.filter((k) => /^[0-9a-f-]{36}$/.test(k));
  if (!source || ids.length === 0) return new Map();
  const rows = await db.query<{ id: string; name: string }>(`SELECT id::text AS id, ${source} WHERE id = ANY ($1::uuid[])`, [ids]);
  return new Map(rows.map((r) => [r.id, r.name]));
}
