// SQL of the appeal classifier: labelled history to learn from, stored models and the settings row.
import type { Queryable } from '../../../db/db.ts';
import { queryOne } from '../../../db/rows.ts';

export type Target = 'category' | 'queue';

export interface SettingsRow {
  applyThreshold: number;
  enabled: boolean;
  minSamples: number;
}

export interface ActiveModelRef {
  id: string;
  target: Target;
}

export interface ModelSummaryRow {
  id: string;
  target: Target;
  trainedAt: Date;
  samples: number;
  accuracy: number;
  macroF1: number;
  perClass: { label: string; precision: number; recall: number; f1: number; support: number }[];
}

export interface NewModel {
  target: Target;
  trainedAt: Date;
  samples: number;
  accuracy: number;
  macroF1: number;
  perClass: object[];
  labels: string[];
  model: Buffer;
}

const LABEL_COLUMN: Record<Target, string> = { category: 'category_id', queue: 'queue_id' };

export async function settings(db: Queryable): Promise<SettingsRow> {
  const rows = await db.query<SettingsRow>(
    `SELECT apply_threshold AS "applyThreshold", enabled, min_samples AS "minSamples"
     FROM classifier_settings
     WHERE id`,
  );
  return rows[0] ?? { applyThreshold: 0.8, enabled: true, minSamples: 200 };
}

export async function updateSettings(db: Queryable, patch: Partial<SettingsRow>): Promise<void> {
  await db.query(
    `UPDATE classifier_settings
     SET apply_threshold = coalesce($1, apply_threshold), enabled = coalesce($2, enabled),
       min_samples = coalesce($3, min_samples), updated_at = now()
     WHERE id`,
    [patch.applyThreshold ?? null, patch.enabled ?? null, patch.minSamples ?? null],
  );
}

/** Resolved and closed appeals labelled with the target, newest first. */
export function labelledAppeals(db: Queryable, target: Target, limit: number) {
  const column = LABEL_COLUMN[target];
  return db.query<{ subject: string; description: string; label: string }>(
    `SELECT subject, coalesce(description, '') AS description, ${column}::text AS label FROM appeals
     WHERE status IN ('resolved', 'closed') AND ${column} IS NOT NULL
     ORDER BY created_at DESC, id DESC LIMIT $1`,
    [limit],
  );
}

/** Stores a model as the target's active one; call inside a transaction so the old one stays active on failure. */
export async function insertActive(tx: Queryable, trained: NewModel): Promise<string> {
  // Two trainings finishing together take turns instead of colliding on the one-active index.
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('classifier_models:' || $1::text))`, [trained.target]);
  await tx.query('UPDATE classifier_models SET active = false WHERE target = $1 AND active', [trained.target]);
  const inserted = await queryOne<{ id: string }>(
    tx,
    `INSERT INTO classifier_models (target, trained_at, samples, accuracy, macro_f1, per_class, labels, model, active)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, true)
     RETURNING id`,
    [
      trained.target,
      trained.trainedAt,
      trained.samples,
      trained.accuracy,
      trained.macroF1,
      JSON.stringify(trained.perClass),
      JSON.stringify(trained.labels),
      trained.model,
    ],
  );
  return inserted.id;
}

export const activeModelRefs = (db: Queryable) =>
  db.query<ActiveModelRef>('SELECT id, target FROM classifier_models WHERE active ORDER BY target');

export async function modelBytes(db: Queryable, id: string): Promise<Uint8Array | undefined> {
  return (await db.query<{ model: Uint8Array }>('SELECT model FROM classifier_models WHERE id = $1', [id]))[0]?.model;
}

export const activeSummaries = (db: Queryable) =>
  db.query<ModelSummaryRow>(
    `SELECT id, target, trained_at AS "trainedAt", samples, accuracy, macro_f1 AS "macroF1", per_class AS "perClass"
     FROM classifier_models WHERE active ORDER BY target`,
  );

/** Codes and names of the labels (category or queue ids) for presenting per-class figures. */
export function labelNames(db: Queryable, target: Target, ids: string[], locale: 'ru' | 'en') {
  const source =
    target === 'category' ? `${locale === 'en' ? 'name_en' : 'name_ru'} AS name FROM categories` : 'name FROM queues';
  return db.query<{ id: string; code: string; name: string }>(
    `SELECT id::text AS id, code, ${source} WHERE id::text = ANY($1::text[])`,
    [ids],
  );
}
