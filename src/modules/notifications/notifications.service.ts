// In-app notifications: written by other modules inside their own transactions (with an outbox e-mail each,
// delivered later), read and acknowledged by their recipient only.
import type { Ctx } from '../../context.ts';
import type { Queryable } from '../../db/db.ts';
import { decodeCursor, encodeCursor } from '../../server/cursor.ts';
import { invalidField, notFound } from '../../server/errors.ts';
import type { Actor } from '../auth/actor.ts';
import * as repo from './notifications.repo.ts';
import type { Notification, NotificationQuery } from './notifications.schema.ts';

export type { NewNotification } from './notifications.repo.ts';

const present = (notification: repo.NotificationRow): Notification => ({
  id: notification.id,
  kind: notification.kind,
  appealId: notification.appealId,
  payload: notification.payload,
  createdAt: notification.createdAt.toISOString(),
  readAt: notification.readAt?.toISOString() ?? null,
});

/** Writes notifications (once per user and dedupe key) and queues an e-mail for each new one. */
export const notify = (
  tx: Queryable,
  items: readonly repo.NewNotification[],
  opts: { email: boolean } = { email: true },
) => repo.insertMany(tx, items, opts.email);

export async function listMine(ctx: Ctx, actor: Actor, query: NotificationQuery) {
  let after: { key: string; id: string } | undefined;
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor, ['k', 'id'] as const);
    if (typeof cursor.k !== 'string' || typeof cursor.id !== 'string' || !/^[0-9a-f-]{36}$/.test(cursor.id)) {
      throw invalidField('query.cursor', 'invalid_cursor', 'The cursor is not one this API gave out');
    }
    after = { key: cursor.k, id: cursor.id };
  }
  const rows = await repo.list(ctx.db, actor.id, {
    unreadOnly: query.unread === 'true',
    limit: query.limit + 1,
    after,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(present),
    unreadCount: await repo.unreadCount(ctx.db, actor.id),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ k: last.sortKey, id: last.id }) : null,
  };
}

export async function markRead(ctx: Ctx, actor: Actor, id: string): Promise<Notification> {
  const row = await repo.markRead(ctx.db, actor.id, id);
  if (!row) {
    throw notFound('Notification');
  }
  return present(row);
}

export async function markAllRead(ctx: Ctx, actor: Actor): Promise<{ updated: number }> {
  return { updated: await repo.markAllRead(ctx.db, actor.id) };
}
