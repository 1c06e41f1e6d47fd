// SQL for units.
import { sql } from 'kysely';
import type { Queryable } from '../../db/db.ts';
import { queryOne } from '../../db/rows.ts';
import { builder, columnsToSet, run } from '../../db/sql-builder.ts';

export interface UnitRow {
  id: string;
  type: string;
  name: string;
  code: string | null;
  timeZone: string;
  parentId: string | null;
  contacts: { emails: string[]; phones: string[]; edms?: string };
  active: boolean;
  responsibleUserIds: string[];
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS = `u.id, u.type, u.name, u.code, u.time_zone AS "timeZone", u.parent_id AS "parentId", u.contacts,
  u.active, u.created_at AS "createdAt", u.updated_at AS "updatedAt",
  coalesce((SELECT array_agg(m.user_id ORDER BY m.user_id) FROM unit_members m
    WHERE m.unit_id = u.id AND m.responsible), '{}') AS "responsibleUserIds"`;

export async function findById(db: Queryable, id: string): Promise<UnitRow | undefined> {
  return (await db.query<UnitRow>(`SELECT ${COLUMNS} FROM units u WHERE u.id = $1`, [id]))[0];
}

export function list(
  db: Queryable,
  filter: {
    type?: string | undefined;
    parentId?: string | undefined;
    q?: string | undefined;
    active?: boolean | undefined;
  },
) {
  return db.query<UnitRow>(
    `SELECT ${COLUMNS} FROM units u
     WHERE ($1::text IS NULL OR u.type = $1) AND ($2::uuid IS NULL OR u.parent_id = $2)
       AND ($3::text IS NULL OR u.name ILIKE '%' || $3 || '%' OR u.code ILIKE '%' || $3 || '%')
       AND ($4::boolean IS NULL OR u.active = $4)
     ORDER BY u.name, u.id LIMIT 5000`,
    [filter.type ?? null, filter.parentId ?? null, filter.q ?? null, filter.active ?? null],
  );
}

export async function insert(
  db: Queryable,
  unit: {
    type: string;
    name: string;
    code: string | null;
    timeZone: string;
    parentId: string | null;
    contacts: object;
  },
): Promise<string> {
  const row = await queryOne<{ id: string }>(
    db,
    `INSERT INTO units (type, name, code, time_zone, parent_id, contacts) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [unit.type, unit.name, unit.code, unit.timeZone, unit.parentId, JSON.stringify(unit.contacts)],
  );
  return row.id;
}

const UPDATABLE = {
  type: 'type',
  name: 'name',
  code: 'code',
  timeZone: 'time_zone',
  parentId: 'parent_id',
  contacts: 'contacts',
  active: 'active',
} as const;

/** Applies only the fields given; `null` clears code or parent. */
export async function update(db: Queryable, id: string, fields: Record<string, unknown>) {
  const set = columnsToSet<'units'>(fields, UPDATABLE, ['contacts']);
  if (Object.keys(set).length === 0) {
    return;
  }
  await run(
    db,
    builder
      .updateTable('units')
      .set({ ...set, updated_at: sql`now()` })
      .where('id', '=', id),
  );
}

/** Ids of the unit's ancestors, nearest first (to refuse a parent that would make a cycle). */
export async function ancestorIds(db: Queryable, id: string): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `WITH RECURSIVE up AS (SELECT parent_id AS id, 1 AS depth FROM units WHERE id = $1
       UNION ALL SELECT u.parent_id, up.depth + 1 FROM units u JOIN up ON u.id = up.id WHERE up.depth < 100)
     SELECT id FROM up WHERE id IS NOT NULL`,
    [id],
  );
  return rows.map((r) => r.id);
}

/** The unit and all units below it. */
export async function subtreeIds(db: Queryable, id: string): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `WITH RECURSIVE down AS (SELECT id, 1 AS depth FROM units WHERE id = $1
       UNION ALL SELECT u.id, down.depth + 1 FROM units u JOIN down ON u.parent_id = down.id WHERE down.depth < 100)
     SELECT id FROM down`,
    [id],
  );
  return rows.map((r) => r.id);
}
