// Named pieces of the survey tallies' statements: the group key of a row per grouping (months in the report's
// zone), the outer key over the grouped rows, and a range of roll-up months.
import { type RawBuilder, sql } from 'kysely';
import type { GroupBy, MonthRange } from './indices.repo.ts';

/** The first column: month keys are truncated per row in the inner query and formatted once per group here. */
export const GROUP_BY_KEY = sql`1`;
export const outerKey = (groupBy: GroupBy) =>
  groupBy === 'month' ? sql<string>`to_char(k, 'YYYY-MM')` : sql<string>`k`;

/** The group of an invitation (i), an appeal (a) or a purchase event (e), the month in the report's zone. */
const groupKey =
  (alias: 'i' | 'a' | 'e', columns: Record<Exclude<GroupBy, 'month' | 'all'>, string>, at: string) =>
  (groupBy: GroupBy, timeZone: string): RawBuilder<unknown> => {
    if (groupBy === 'month') {
      return sql`date_trunc('month', ${sql.ref(`${alias}.${at}`)} AT TIME ZONE ${timeZone})`;
    }
    return groupBy === 'all' ? sql`'all'` : sql.raw(columns[groupBy]);
  };

export const responseKey = groupKey(
  'i',
  { unit: 'i.unit_id::text', staff: 'i.staff_id::text', category: 'i.category_id::text', channel: 'i.channel' },
  'sent_at',
);
export const appealKey = groupKey(
  'a',
  { unit: 'a.unit_id::text', staff: 'a.owner_id::text', category: 'a.category_id::text', channel: 'a.channel' },
  'created_at',
);
export const eventKey = groupKey(
  'e',
  { unit: 'e.unit_id::text', staff: 'e.staff_id::text', category: 'NULL::text', channel: 'e.channel' },
  'occurred_at',
);

/** A month range of a roll-up: `month >= $from::date AND month < $to::date`. */
export const inMonths = (months: MonthRange) => ({
  from: sql<Date>`${months.from}::date`,
  to: sql<Date>`${months.to}::date`,
});
