// SQL of the compliance report: targets whose clock started in a period, counted as met in time, breached or
// open, per unit, channel, category, month or metric, under the report's and analytics' filters.
import { type RawBuilder, sql } from 'kysely';
import type { Queryable } from '../../db/db.ts';
import { builder, run } from '../../db/sql-builder.ts';

export type ComplianceGroup = 'unit' | 'channel' | 'category' | 'month' | 'metric';

export interface ComplianceFilter {
  from: string;
  to: string;
  groupBy: ComplianceGroup;
  metrics: string[] | null;
  scopeUnitIds: string[] | null;
  timeZone: string;
  now: Date;
  /** Appeal filters for analytics (src/modules/analytics); absent: every appeal. */
  appeals?: { unitIds: string[] | null; channel: string | null; kind: string | null; categoryIds: string[] | null };
}

export interface ComplianceRow {
  key: string | null;
  label: string | null;
  met: number;
  breached: number;
  open: number;
}

/** What a row of the report stands for (its key) and the name it shows, where the key alone says too little. */
function grouping(filter: ComplianceFilter): { key: RawBuilder<string | null>; label: RawBuilder<string | null> } {
  const none = sql<null>`NULL`;
  switch (filter.groupBy) {
    case 'unit':
      return { key: sql`a.unit_id::text`, label: sql`min(u.name)` };
    case 'channel':
      return { key: sql`a.channel`, label: none };
    case 'category':
      return { key: sql`a.category_id::text`, label: sql`min(c.code)` };
    case 'month':
      return { key: sql`to_char(t.started_at AT TIME ZONE ${filter.timeZone}::text, 'YYYY-MM')`, label: none };
    case 'metric':
      return { key: sql`t.metric`, label: none };
  }
}

const anyUuid = (ids: readonly string[]) => sql<string>`ANY(${ids}::uuid[])`;
/** An instant given as ISO text, compared as the column's timestamptz. */
const instant = (text: string) => sql<Date>`${text}`;
/** The conditions of filters that were given (the others are null, false or empty). */
const given = <T>(condition: T | null | undefined | false | ''): condition is T => Boolean(condition);

/** Targets whose clock started in [from, to): met in time, breached (overdue or met late), still open. */
export async function compliance(db: Queryable, filter: ComplianceFilter): Promise<ComplianceRow[]> {
  const { groupBy, metrics, scopeUnitIds, now, appeals } = filter;
  const { key, label } = grouping(filter);
  const query = builder
    .selectFrom('appeal_sla_targets as t')
    .innerJoin('appeals as a', 'a.id', 't.appeal_id')
    .$if(groupBy === 'unit', (qb) => qb.leftJoin('units as u', 'u.id', 'a.unit_id'))
    .$if(groupBy === 'category', (qb) => qb.leftJoin('categories as c', 'c.id', 'a.category_id'))
    .select([
      key.as('key'),
      label.as('label'),
      sql<number>`count(*) FILTER (WHERE t.met_at IS NOT NULL AND t.breached_at IS NULL)::int`.as('met'),
      sql<number>`count(*) FILTER (
        WHERE t.breached_at IS NOT NULL OR (t.met_at IS NULL AND t.due_at <= ${now}))::int`.as('breached'),
      sql<number>`count(*) FILTER (
        WHERE t.met_at IS NULL AND t.breached_at IS NULL AND (t.due_at IS NULL OR t.due_at > ${now}))::int`.as('open'),
    ])
    .where('t.started_at', '>=', instant(filter.from))
    .where('t.started_at', '<', instant(filter.to))
    .where((eb) =>
      eb.and(
        [
          metrics && eb('t.metric', '=', sql<string>`ANY(${metrics}::text[])`),
          scopeUnitIds && eb('a.unit_id', '=', anyUuid(scopeUnitIds)),
          appeals?.unitIds && eb('a.unit_id', '=', anyUuid(appeals.unitIds)),
          appeals?.channel && eb('a.channel', '=', appeals.channel),
          appeals?.kind && eb('a.kind', '=', appeals.kind),
          appeals?.categoryIds && eb('a.category_id', '=', anyUuid(appeals.categoryIds)),
        ].filter(given),
      ),
    )
    .groupBy(sql`1`)
    .orderBy(sql`1 NULLS LAST`);
  return run(db, query);
}
