// Kiosk links: a table of endpoints to make, list and revoke the addresses tablets at a unit's desk open.
import { z } from 'zod';
import type { Ctx } from '../../context.ts';
import { actorOf, type App, errorResponses, IdParams } from '../../server/http.ts';
import { CreateKioskLink, KioskLink, KioskLinkQuery } from './kiosk-links.schema.ts';
import { createKioskLink, listKioskLinks, revokeKioskLink } from './kiosk-links.service.ts';

const tags = ['surveys'];
const config = { permission: 'surveys:kiosk' } as const;

export function registerKioskLinkRoutes(app: App, ctx: Ctx) {
  app.get(
    '/api/v1/surveys/kiosk-links',
    {
      config,
      schema: {
        tags,
        description: 'Kiosk links, newest first, with their state; a unit responsible sees their own units only.',
        querystring: KioskLinkQuery,
        response: { 200: z.object({ items: z.array(KioskLink) }), ...errorResponses },
      },
    },
    async (req) => ({ items: await listKioskLinks(ctx, actorOf(req), req.query) }),
  );
  app.post(
    '/api/v1/surveys/:id/kiosk-links',
    {
      config,
      schema: {
        tags,
        description:
          'A new address for the in-person answer page of a tablet at the unit. It works until expiresAt ' +
          '(by default OTKLIK_KIOSK_LINK_DAYS days, at most OTKLIK_KIOSK_LINK_MAX_DAYS) or until revoked.',
        params: IdParams,
        body: CreateKioskLink,
        response: { 201: KioskLink, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await createKioskLink(ctx, actorOf(req), req.params.id, req.body)),
  );
  app.post(
    '/api/v1/surveys/kiosk-links/:id/revoke',
    {
      config,
      schema: {
        tags,
        description: 'Switches a kiosk link off at once: its page answers 410 and takes no more answers.',
        params: IdParams,
        response: { 200: KioskLink, ...errorResponses },
      },
    },
    async (req) => revokeKioskLink(ctx, actorOf(req), req.params.id),
  );
}
