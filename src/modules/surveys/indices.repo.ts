// SQL of the indices: the counters of closed invitations (counts and the sums the intervals need, Σx and Σx²),
// read from the monthly roll-ups (013_survey_tallies.sql) for whole months and from the raw rows for the edges of a
// period, and the names of the groups; the denominators are in denominators.repo.ts. Each statement is hand-tuned
// over millions of rows: built from named pieces, it keeps its clauses, literals and `= ANY(array)` as tuned.
import { sql } from 'kysely';
import type { Queryable } from '../../db/db.ts';
import { queryOne } from '../../db/rows.ts';
import { builder, run } from '../../db/sql-builder.ts';
import type { ResponseCounts } from './report.ts';
import { anyUuid, literals, whenGiven } from './sql-pieces.ts';
import { GROUP_BY_KEY, inMonths, outerKey, responseKey } from './tally-sql.ts';

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

/** sum(t.<column>) AS "<counter>" for every counter, over survey_tally_terms() or survey_tallies aliased t. */
const SUMS = COUNTERS.map(([name, column]) => sql<number>`sum(${sql.ref(`t.${column}`)})`.as(name));
/** The counters again, by name, in the outer query over the grouped rows. */
const COUNTER_NAMES = RESPONSE_COUNTERS.map((name) => builder.dynamic.ref(name));

/** The statuses of a closed invitation, as the partial indices name them. */
const CLOSED_STATUSES = literals(['completed', 'lapsed', 'silent']);

/**
 * Tallies of closed invitations (completed, lapsed past the deadline, silent) sent in the period, per group, from
 * the raw rows.
 */
export function tallyResponses(db: Queryable, filter: IndexFilter): Promise<ResponseTally[]> {
  const { unitIds, surveyId } = filter;
  const grouped = builder
    .selectFrom('survey_invitations as i')
    .crossJoinLateral(sql`survey_tally_terms(i)`.as('t'))
    .select(responseKey(filter.groupBy, filter.timeZone).as('k'))
    .select(SUMS)
    .where((eb) =>
      eb.and([
        eb('i.status', 'in', CLOSED_STATUSES),
        eb('i.sent_at', '>=', filter.from),
        eb('i.sent_at', '<', filter.to),
        ...whenGiven(unitIds, (ids) => eb('i.unit_id', '=', anyUuid(ids))),
        ...whenGiven(surveyId, (id) => eb('i.survey_id', '=', id)),
      ]),
    )
    .groupBy(GROUP_BY_KEY);
  const query = builder
    .selectFrom(grouped.as('g'))
    .select(outerKey(filter.groupBy).as('key'))
    .select(COUNTER_NAMES)
    .$castTo<ResponseTally>();
  return run(db, query);
}

/** The zone whose calendar months the roll-ups are cut by (survey_settings.tally_time_zone). */
export async function tallyTimeZone(db: Queryable): Promise<string> {
  return (await queryOne<{ tz: string }>(db, 'SELECT tally_time_zone AS tz FROM survey_settings')).tz;
}

/** Roll-up months [from, to), as the dates of their first days in the roll-up's zone. */
export interface MonthRange {
  from: string;
  to: string;
}

/** The roll-up's dimension a grouping reads, and its group key there (months are the roll-up's own). */
const ROLLUP: Record<GroupBy, { dim: string; key: string }> = {
  unit: { dim: 'unit', key: 'unit_id::text' },
  staff: { dim: 'staff', key: 'key' },
  category: { dim: 'category', key: 'key' },
  channel: { dim: 'channel', key: 'key' },
  month: { dim: 'unit', key: `to_char(month, 'YYYY-MM')` },
  all: { dim: 'unit', key: `'all'` },
};

/** The same tallies over whole months from the roll-up; month keys are the roll-up zone's months. */
export function tallyResponseMonths(db: Queryable, filter: IndexFilter, months: MonthRange): Promise<ResponseTally[]> {
  const { dim, key } = ROLLUP[filter.groupBy];
  const { unitIds, surveyId } = filter;
  const range = inMonths(months);
  const query = builder
    .selectFrom('survey_tallies as t')
    .select(sql.raw<string>(key).as('key'))
    .select(SUMS)
    .where((eb) =>
      eb.and([
        eb('dim', '=', dim),
        eb('month', '>=', range.from),
        eb('month', '<', range.to),
        ...whenGiven(unitIds, (ids) => eb('unit_id', '=', anyUuid(ids))),
        ...whenGiven(surveyId, (id) => eb('survey_id', '=', id)),
      ]),
    )
    .groupBy(GROUP_BY_KEY)
    .$castTo<ResponseTally>();
  return run(db, query);
}

/** The table and column that name a grouping's keys; none for keys that are their own name. */
const LABEL_SOURCE: Partial<Record<GroupBy, (locale: 'ru' | 'en') => { table: LabelTable; column: string }>> = {
  unit: () => ({ table: 'units', column: 'name' }),
  staff: () => ({ table: 'users', column: 'name' }),
  category: (locale) => ({ table: 'categories', column: locale === 'en' ? 'name_en' : 'name_ru' }),
};
type LabelTable = 'units' | 'users' | 'categories';

/** Names of the groups' keys, for people reading the table. */
export async function labels(
  db: Queryable,
  groupBy: GroupBy,
  keys: readonly string[],
  locale: 'ru' | 'en',
): Promise<Map<string, string>> {
  const source = LABEL_SOURCE[groupBy]?.(locale);
  const ids = keys.filter((key) => /^[0-9a-f-]{36}$/.test(key));
  if (!source || ids.length === 0) {
    return new Map();
  }
  const query = builder
    .selectFrom(source.table)
    .select([sql<string>`id::text`.as('id'), sql.ref<string>(source.column).as('name')])
    .where('id', '=', anyUuid(ids));
  const rows = await run(db, query);
  return new Map(rows.map((row) => [row.id, row.name]));
}
