// Submission rules per unit type, and how many submissions each unit had rejected.
import { z } from 'zod';
import type { Ctx } from '../../context.ts';
import { actorOf, type App, errorResponses } from '../../server/http.ts';
import { RejectionCount, RejectionQuery, SubmissionRules, UnitType, UnitTypeRules } from './submissions.schema.ts';
import { listRules, rejectionCounts, setRules } from './submissions.service.ts';

export async function registerSubmissionRoutes(app: App, ctx: Ctx) {
  const tags = ['submissions'];

  app.get(
    '/api/v1/submission-rules',
    {
      config: { permission: 'settings:read' },
      schema: { tags, response: { 200: z.object({ items: z.array(UnitTypeRules) }), ...errorResponses } },
    },
    async (req) => ({ items: await listRules(ctx, actorOf(req)) }),
  );

  app.put(
    '/api/v1/submission-rules/:unitType',
    {
      config: { permission: 'settings:write' },
      schema: {
        tags,
        params: z.strictObject({ unitType: UnitType }),
        body: SubmissionRules,
        response: { 200: UnitTypeRules, ...errorResponses },
      },
    },
    async (req) => setRules(ctx, actorOf(req), req.params.unitType, req.body),
  );

  app.get(
    '/api/v1/submission-rejections',
    {
      config: { permission: 'settings:read' },
      schema: {
        tags,
        description: 'Rejected submissions per unit in [from, to), and per failure code how many of them failed it.',
        querystring: RejectionQuery,
        response: { 200: z.object({ items: z.array(RejectionCount) }), ...errorResponses },
      },
    },
    async (req) => ({ items: await rejectionCounts(ctx, actorOf(req), req.query) }),
  );
}
