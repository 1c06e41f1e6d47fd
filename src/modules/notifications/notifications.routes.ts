// The signed-in user's notifications.
import { z } from 'zod';
import type { Ctx } from '../../context.ts';
import { actorOf, type App, errorResponses, IdParams } from '../../server/http.ts';
import { Notification, NotificationPage, NotificationQuery } from './notifications.schema.ts';
import { listMine, markAllRead, markRead } from './notifications.service.ts';

export async function registerNotificationRoutes(app: App, ctx: Ctx) {
  const tags = ['notifications'];
  app.get(
    '/api/v1/notifications',
    {
      config: { permission: 'signed_in' },
      schema: { tags, querystring: NotificationQuery, response: { 200: NotificationPage, ...errorResponses } },
    },
    async (req) => listMine(ctx, actorOf(req), req.query),
  );
  app.post(
    '/api/v1/notifications/:id/read',
    {
      config: { permission: 'signed_in' },
      schema: { tags, params: IdParams, response: { 200: Notification, ...errorResponses } },
    },
    async (req) => markRead(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/v1/notifications/read-all',
    {
      config: { permission: 'signed_in' },
      schema: { tags, response: { 200: z.object({ updated: z.number().int() }), ...errorResponses } },
    },
    async (req) => markAllRead(ctx, actorOf(req)),
  );
}
