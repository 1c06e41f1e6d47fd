// SQL of report subscriptions: who receives which variant, for which units, in which language.
import type { Queryable } from '../../db/db.ts';

export interface SubscriptionRow {
  id: string;
  userId: string;
  variant: 'daily' | 'weekly' | 'monthly';
  unitIds: string[];
  locale: 'ru' | 'en';
  active: boolean;
}
const SUB_COLUMNS = 'id, user_id AS "userId", variant, unit_ids AS "unitIds", locale, active';

export function listSubscriptions(db: Queryable, userId: string | null): Promise<SubscriptionRow[]> {
  return db.query<SubscriptionRow>(
    `SELECT ${SUB_COLUMNS}
     FROM analytics_report_subscriptions
     WHERE ($1::uuid IS NULL OR user_id = $1)
     ORDER BY user_id, variant`,
    [userId],
  );
}

/** Replaces the subscriptions of the given users with `rows`. */
export async function replaceSubscriptions(
  tx: Queryable,
  userIds: readonly string[],
  rows: readonly Omit<SubscriptionRow, 'id'>[],
): Promise<void> {
  await tx.query('DELETE FROM analytics_report_subscriptions WHERE user_id = ANY($1::uuid[])', [userIds]);
  for (const row of rows) {
    await tx.query(
      `INSERT INTO analytics_report_subscriptions (user_id, variant, unit_ids, locale, active)
       VALUES ($1, $2, $3, $4, $5)`,
      [row.userId, row.variant, row.unitIds, row.locale, row.active],
    );
  }
}

export interface Recipient extends SubscriptionRow {
  email: string;
  name: string;
  role: string;
  memberUnitIds: string[];
}
export function recipients(db: Queryable, variant: string): Promise<Recipient[]> {
  return db.query<Recipient>(
    `SELECT s.id, s.user_id AS "userId", s.variant, s.unit_ids AS "unitIds", s.locale, s.active,
       u.email, u.name, u.role,
       coalesce((SELECT array_agg(m.unit_id) FROM unit_members m WHERE m.user_id = u.id), '{}') AS "memberUnitIds"
     FROM analytics_report_subscriptions s JOIN users u ON u.id = s.user_id
     WHERE s.variant = $1 AND s.active AND u.active ORDER BY s.id`,
    [variant],
  );
}

export async function existingUserIds(db: Queryable, ids: readonly string[]): Promise<Set<string>> {
  const rows = await db.query<{ id: string }>('SELECT id FROM users WHERE id = ANY($1::uuid[])', [ids]);
  return new Set(rows.map((row) => row.id));
}
