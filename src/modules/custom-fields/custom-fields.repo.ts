// SQL for custom field definitions.
import type { Queryable } from '../../db/db.ts';
import type { CustomFieldDefinition } from './custom-fields.schema.ts';

const COLUMNS = `id, kind, key, label_ru AS "labelRu", label_en AS "labelEn", type, required, options, position`;

export const list = (db: Queryable, kind: string | null) =>
  db.query<CustomFieldDefinition>(
    `SELECT ${COLUMNS}
     FROM custom_field_definitions
     WHERE ($1::text IS NULL OR kind = $1)
     ORDER BY kind, position, key`,
    [kind],
  );

export async function insert(
  db: Queryable,
  definition: Omit<CustomFieldDefinition, 'id'>,
): Promise<CustomFieldDefinition | undefined> {
  const rows = await db.query<CustomFieldDefinition>(
    `INSERT INTO custom_field_definitions (kind, key, label_ru, label_en, type, required, options, position)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (kind, key) DO NOTHING RETURNING ${COLUMNS}`,
    [
      definition.kind,
      definition.key,
      definition.labelRu,
      definition.labelEn,
      definition.type,
      definition.required,
      definition.options,
      definition.position,
    ],
  );
  return rows[0];
}

export async function update(
  db: Queryable,
  id: string,
  changes: {
    labelRu?: string | undefined;
    labelEn?: string | undefined;
    required?: boolean | undefined;
    options?: string[] | undefined;
    position?: number | undefined;
  },
) {
  const rows = await db.query<CustomFieldDefinition>(
    `UPDATE custom_field_definitions SET label_ru = coalesce($2, label_ru), label_en = coalesce($3, label_en),
       required = coalesce($4, required), options = coalesce($5, options), position = coalesce($6, position)
     WHERE id = $1 RETURNING ${COLUMNS}`,
    [
      id,
      changes.labelRu ?? null,
      changes.labelEn ?? null,
      changes.required ?? null,
      changes.options ?? null,
      changes.position ?? null,
    ],
  );
  return rows[0];
}

export async function remove(db: Queryable, id: string): Promise<boolean> {
  return (await db.query('DELETE FROM custom_field_definitions WHERE id = $1 RETURNING id', [id])).length === 1;
}
