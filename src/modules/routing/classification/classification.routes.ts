// The appeal classifier: its status and settings for admins, training on demand, suggestions for agents.
import { z } from 'zod';
import type { Ctx } from '../../../context.ts';
import { actorOf, type App, ErrorBody, errorResponses } from '../../../server/http.ts';
import {
  ClassifierSettingsPatch,
  ClassifierStatus,
  SuggestAnswer,
  SuggestRequest,
  TrainingFigures,
} from './classification.schema.ts';
import { classifierStatus, suggestForActor, trainNow, updateClassifierSettings } from './classification.service.ts';

export async function registerClassificationRoutes(app: App, ctx: Ctx) {
  const tags = ['routing'];
  const base = '/api/v1/routing/classifier';
  app.get(
    base,
    {
      config: { permission: 'settings:read' },
      schema: { tags, response: { 200: ClassifierStatus, ...errorResponses } },
    },
    async (req) => classifierStatus(ctx, actorOf(req)),
  );
  app.patch(
    base,
    {
      config: { permission: 'settings:write' },
      schema: { tags, body: ClassifierSettingsPatch, response: { 200: ClassifierStatus, ...errorResponses } },
    },
    async (req) => updateClassifierSettings(ctx, actorOf(req), req.body),
  );
  app.post(
    `${base}/train`,
    {
      config: { permission: 'settings:write' },
      schema: {
        tags,
        response: { 200: z.object({ models: z.array(TrainingFigures) }), ...errorResponses, 409: ErrorBody },
      },
    },
    async (req) => trainNow(ctx, actorOf(req)),
  );
  app.post(
    `${base}/suggest`,
    {
      config: { permission: 'appeals:read' },
      schema: { tags, body: SuggestRequest, response: { 200: SuggestAnswer, ...errorResponses } },
    },
    async (req) => ({ suggestion: await suggestForActor(ctx, actorOf(req), req.body) }),
  );
}
