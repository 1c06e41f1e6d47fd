// SQL for in-app notifications and the e-mail outbox rows written with them.
import type { Queryable } from '../../db/db.ts';
import { queryOne } from '../../db/rows.ts';

export interface NewNotification {
  userId: string;
  appealId: string | null;
  kind: string;
  payload: Record<string, unknown>;
  /** One notification per user and key, however often the cause is reported. */
  dedupeKey: string;
}

/** Inserts notifications and, when asked, one outbox e-mail for each, in one statement. */
export async function insertMany(
  db: Queryable,
  items: readonly NewNotification[],
  email: boolean,
): Promise<{ notifications: number; emails: number }> {
  if (items.length === 0) {
    return { notifications: 0, emails: 0 };
  }
  return queryOne<{ notifications: number; emails: number }>(
    db,
    `WITH n AS (
       INSERT INTO notifications (user_id, appeal_id, kind, payload, dedupe_key)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::jsonb[], $5::text[])
       ON CONFLICT (user_id, dedupe_key) DO NOTHING
       RETURNING id, user_id, appeal_id, kind, payload),
     o AS (
       INSERT INTO outbox (kind, payload, dedupe_key)
       SELECT 'email', jsonb_build_object('to', u.email, 'name', u.name, 'locale', u.locale, 'template', n.kind,
           'notificationId', n.id, 'appealId', n.appeal_id, 'data', n.payload), 'notification:' || n.id
       FROM n JOIN users u ON u.id = n.user_id
       WHERE $6::boolean
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING 1)
     SELECT (SELECT count(*)::int FROM n) AS notifications, (SELECT count(*)::int FROM o) AS emails`,
    [
      items.map((i) => i.userId),
      items.map((i) => i.appealId),
      items.map((i) => i.kind),
      items.map((i) => JSON.stringify(i.payload)),
      items.map((i) => i.dedupeKey),
      email,
    ],
  );
}

export interface NotificationRow {
  id: string;
  kind: string;
  appealId: string | null;
  payload: Record<string, unknown>;
  createdAt: Date;
  readAt: Date | null;
  sortKey: string;
}

const NOTIFICATION_COLUMNS = `id, kind, appeal_id AS "appealId", payload, created_at AS "createdAt",
  read_at AS "readAt", created_at::text AS "sortKey"`;

export function list(
  db: Queryable,
  userId: string,
  filter: { unreadOnly: boolean; limit: number; after?: { key: string; id: string } | undefined },
) {
  return db.query<NotificationRow>(
    `SELECT ${NOTIFICATION_COLUMNS}
     FROM notifications
     WHERE user_id = $1 AND (NOT $2 OR read_at IS NULL)
       AND ($3::timestamptz IS NULL OR (created_at, id) < ($3::timestamptz, $4::uuid))
     ORDER BY created_at DESC, id DESC LIMIT $5`,
    [userId, filter.unreadOnly, filter.after?.key ?? null, filter.after?.id ?? null, filter.limit],
  );
}

export async function unreadCount(db: Queryable, userId: string): Promise<number> {
  const row = await queryOne<{ n: number }>(
    db,
    'SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL',
    [userId],
  );
  return row.n;
}

export async function markRead(db: Queryable, userId: string, id: string): Promise<NotificationRow | undefined> {
  const rows = await db.query<NotificationRow>(
    `UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2
     RETURNING ${NOTIFICATION_COLUMNS}`,
    [id, userId],
  );
  return rows[0];
}

export async function markAllRead(db: Queryable, userId: string): Promise<number> {
  const rows = await db.query(
    'UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL RETURNING 1',
    [userId],
  );
  return rows.length;
}
