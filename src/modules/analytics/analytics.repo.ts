// SQL of analytics beyond the stores it keeps: the backlog now, names for the tables, and the organisation's
// analytics settings.
import { sql } from 'kysely';
import type { Queryable } from '../../db/db.ts';
import { oneRow } from '../../db/rows.ts';
import { builder, run } from '../../db/sql-builder.ts';
import { type DimFilter, dimConditions } from './analytics.dims.repo.ts';

export const OPEN_STATUSES = ['new', 'open', 'pending_customer', 'pending_unit'] as const;

/** Open appeals now by status, and how many of them have a deadline passed and not met. */
export function backlog(
  db: Queryable,
  filter: DimFilter,
  now: Date,
): Promise<{ status: string; n: number; overdue: number }[]> {
  const statement = builder
    .selectFrom('appeals as a')
    .select((eb) => [
      'a.status',
      sql<number>`count(*)::int`.as('n'),
      eb
        .cast<number>(
          eb.fn.countAll().filterWhere((inner) =>
            inner.exists(
              inner
                .selectFrom('appeal_sla_targets as t')
                .select(sql`1`.as('one'))
                .whereRef('t.appeal_id', '=', 'a.id')
                .where('t.met_at', 'is', null)
                .where((target) => target.or([target('t.breached_at', 'is not', null), target('t.due_at', '<=', now)])),
            ),
          ),
          'integer',
        )
        .as('overdue'),
    ])
    .where('a.status', '=', sql<string>`ANY(${OPEN_STATUSES}::text[])`)
    .where((eb) => eb.and(dimConditions(filter, 'a')))
    .groupBy('a.status');
  return run(db, statement);
}

export interface CategoryInfo {
  id: string;
  parentId: string | null;
  code: string;
  nameRu: string;
  nameEn: string;
}
export const categories = (db: Queryable) =>
  db.query<CategoryInfo>(
    `SELECT id, parent_id AS "parentId", code, name_ru AS "nameRu", name_en AS "nameEn"
     FROM categories
     ORDER BY position, code`,
  );

/** Names by id from a table of named rows (units, users). */
async function namesOf(db: Queryable, table: 'units' | 'users', ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) {
    return new Map();
  }
  const rows = await run(
    db,
    builder
      .selectFrom(table)
      .select(['id', 'name'])
      .where('id', '=', sql<string>`ANY(${ids}::uuid[])`),
  );
  return new Map(rows.map((row) => [row.id, row.name]));
}

export const unitNames = (db: Queryable, ids: readonly string[]) => namesOf(db, 'units', ids);
export const userNames = (db: Queryable, ids: readonly string[]) => namesOf(db, 'users', ids);

export interface SettingsRow {
  timeZone: string;
  reportTime: string;
}
export async function settings(db: Queryable): Promise<SettingsRow> {
  const rows = await db.query<SettingsRow>(
    'SELECT time_zone AS "timeZone", report_time AS "reportTime" FROM analytics_settings',
  );
  return oneRow(rows, 'analytics settings row');
}
export async function updateSettings(tx: Queryable, next: SettingsRow): Promise<void> {
  await tx.query('UPDATE analytics_settings SET time_zone = $1, report_time = $2, updated_at = now()', [
    next.timeZone,
    next.reportTime,
  ]);
}
