// SQL for submission rules per unit type and the log of rejected submissions.
import type { Queryable } from '../../db/db.ts';
import { queryOne } from '../../db/rows.ts';
import type { FieldError } from '../../server/errors.ts';

export interface RulesRow {
  unitType: string;
  rules: unknown;
  updatedAt: Date;
}

const RULES_COLUMNS = `unit_type AS "unitType", rules, updated_at AS "updatedAt"`;

export async function findRules(db: Queryable, unitType: string): Promise<RulesRow | undefined> {
  return (
    await db.query<RulesRow>(`SELECT ${RULES_COLUMNS} FROM submission_rules WHERE unit_type = $1`, [unitType])
  )[0];
}

export const listRules = (db: Queryable) =>
  db.query<RulesRow>(`SELECT ${RULES_COLUMNS} FROM submission_rules ORDER BY unit_type`);

export async function upsertRules(db: Queryable, unitType: string, rules: unknown): Promise<RulesRow> {
  return queryOne<RulesRow>(
    db,
    `INSERT INTO submission_rules (unit_type, rules) VALUES ($1, $2)
     ON CONFLICT (unit_type) DO UPDATE SET rules = excluded.rules, updated_at = now()
     RETURNING ${RULES_COLUMNS}`,
    [unitType, JSON.stringify(rules)],
  );
}

export async function insertRejection(
  db: Queryable,
  unitId: string,
  userId: string | null,
  failures: FieldError[],
): Promise<void> {
  await db.query('INSERT INTO submission_rejections (unit_id, user_id, failures) VALUES ($1, $2, $3)', [
    unitId,
    userId,
    JSON.stringify(failures),
  ]);
}

export interface RejectionCountRow {
  unitId: string;
  unitName: string;
  rejections: number;
  byCode: Record<string, number>;
}

export interface RejectionFilter {
  from: Date | null;
  to: Date | null;
  unitId: string | null;
  /** Units the reader is confined to; null for all. */
  scope: string[] | null;
}

/** Per unit: rejected submissions in [from, to), and per failure code how many of them failed it. */
export function countRejections(db: Queryable, filter: RejectionFilter): Promise<RejectionCountRow[]> {
  return db.query<RejectionCountRow>(
    `WITH r AS (
       SELECT id, unit_id, failures FROM submission_rejections
       WHERE ($1::timestamptz IS NULL OR at >= $1) AND ($2::timestamptz IS NULL OR at < $2)
         AND ($3::uuid IS NULL OR unit_id = $3) AND ($4::uuid[] IS NULL OR unit_id = ANY($4))
     ), per_code AS (
       -- A code counts once per rejection, however many fields failed with it.
       SELECT r.unit_id, c.code, count(*) AS n
       FROM r CROSS JOIN LATERAL (SELECT DISTINCT f->>'code' AS code FROM jsonb_array_elements(r.failures) f) c
       WHERE c.code IS NOT NULL
       GROUP BY r.unit_id, c.code
     )
     SELECT u.id AS "unitId", u.name AS "unitName", t.rejections,
       coalesce((SELECT jsonb_object_agg(p.code, p.n) FROM per_code p WHERE p.unit_id = t.unit_id), '{}') AS "byCode"
     FROM (SELECT unit_id, count(*) AS rejections FROM r GROUP BY unit_id) t
     JOIN units u ON u.id = t.unit_id
     ORDER BY t.rejections DESC, u.name, u.id`,
    [filter.from, filter.to, filter.unitId, filter.scope],
  );
}
