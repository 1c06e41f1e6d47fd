// Mail templates over HTTP: a table of endpoints.
import { z } from 'zod';
import type { Ctx } from '../../../context.ts';
import { actorOf, type App, ErrorBody, errorResponses } from '../../../server/http.ts';
import { MailTemplate, PutTemplate, TemplateParams } from './outbound.schema.ts';
import { deleteTemplate, listTemplates, putTemplate } from './templates.service.ts';

export async function registerOutboundMailRoutes(app: App, ctx: Ctx) {
  const tags = ['mail'];
  app.get(
    '/api/v1/mail/templates',
    {
      config: { permission: 'settings:read' },
      schema: {
        tags,
        description: 'Every mail template key in ru and en: the saved override or the built-in default.',
        response: { 200: z.object({ items: z.array(MailTemplate) }), ...errorResponses },
      },
    },
    async (req) => ({ items: await listTemplates(ctx, actorOf(req)) }),
  );
  app.put(
    '/api/v1/mail/templates/:key/:locale',
    {
      config: { permission: 'settings:write' },
      schema: {
        tags,
        description:
          'Overrides a template. A {{placeholder}} the key does not know is refused with 422 naming the field.',
        params: TemplateParams,
        body: PutTemplate,
        response: { 200: MailTemplate, 422: ErrorBody, ...errorResponses },
      },
    },
    async (req) => putTemplate(ctx, actorOf(req), { ...req.params, ...req.body }),
  );
  app.delete(
    '/api/v1/mail/templates/:key/:locale',
    {
      config: { permission: 'settings:write' },
      schema: {
        tags,
        description: 'Restores the built-in default; answers with it.',
        params: TemplateParams,
        response: { 200: MailTemplate, ...errorResponses },
      },
    },
    async (req) => deleteTemplate(ctx, actorOf(req), req.params.key, req.params.locale),
  );
}
