// SQL for the category taxonomy.
import type { Queryable } from '../../db/db.ts';
import { queryOne } from '../../db/rows.ts';
import type { Category } from './categories.schema.ts';

const COLUMNS = `id, parent_id AS "parentId", code, name_ru AS "nameRu", name_en AS "nameEn", kinds, position, active`;

export const list = (db: Queryable) => db.query<Category>(`SELECT ${COLUMNS} FROM categories ORDER BY position, code`);

export async function findById(db: Queryable, id: string): Promise<Category | undefined> {
  return (await db.query<Category>(`SELECT ${COLUMNS} FROM categories WHERE id = $1`, [id]))[0];
}

export async function findByCode(db: Queryable, code: string): Promise<Category | undefined> {
  return (await db.query<Category>(`SELECT ${COLUMNS} FROM categories WHERE code = $1`, [code]))[0];
}

export async function insert(
  db: Queryable,
  category: {
    code: string;
    nameRu: string;
    nameEn: string;
    kinds: string[];
    parentId: string | null;
    position: number;
  },
) {
  return queryOne<Category>(
    db,
    `INSERT INTO categories (code, name_ru, name_en, kinds, parent_id, position) VALUES ($1, $2, $3, $4, $5, $6)
     RETURNING ${COLUMNS}`,
    [category.code, category.nameRu, category.nameEn, category.kinds, category.parentId, category.position],
  );
}

export async function update(
  db: Queryable,
  id: string,
  changes: {
    nameRu?: string | undefined;
    nameEn?: string | undefined;
    kinds?: string[] | undefined;
    position?: number | undefined;
    active?: boolean | undefined;
  },
) {
  const rows = await db.query<Category>(
    `UPDATE categories
     SET name_ru = coalesce($2, name_ru), name_en = coalesce($3, name_en), kinds = coalesce($4, kinds),
       position = coalesce($5, position), active = coalesce($6, active)
     WHERE id = $1
     RETURNING ${COLUMNS}`,
    [
      id,
      changes.nameRu ?? null,
      changes.nameEn ?? null,
      changes.kinds ?? null,
      changes.position ?? null,
      changes.active ?? null,
    ],
  );
  return rows[0];
}
