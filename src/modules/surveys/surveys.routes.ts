// Surveys, triggers, imports, invitations, responses with their qualification, and the indices: tables of
// endpoints, one per part of the programme.
import { z } from 'zod';
import type { Ctx } from '../../context.ts';
import { actorOf, type App, ErrorBody, errorResponses, IdParams } from '../../server/http.ts';
import { importEvents, importVisitors } from './imports.service.ts';
import { indices, indicesCsv } from './indices.service.ts';
import { getInvitation, inviteByHand } from './invitations.service.ts';
import { registerKioskLinkRoutes } from './kiosk-links.routes.ts';
import { listResponses, qualifyResponse } from './responses.service.ts';
import {
  CreateInvitation,
  CreateSurvey,
  CreateTrigger,
  ImportEvents,
  ImportEventsResult,
  ImportVisitors,
  IndicesAnswer,
  IndicesQuery,
  Invitation,
  Qualify,
  ResponseQuery,
  Settings,
  Survey,
  SurveyResponse,
  Trigger,
  UpdateSettings,
  UpdateSurvey,
  UpdateTrigger,
} from './surveys.schema.ts';
import {
  createSurvey,
  createTrigger,
  getSettings,
  getSurvey,
  listSurveys,
  listTriggers,
  updateSettings,
  updateSurvey,
  updateTrigger,
} from './surveys.service.ts';

const tags = ['surveys'];

export async function registerSurveyRoutes(app: App, ctx: Ctx) {
  registerDefinitionRoutes(app, ctx);
  registerInvitationRoutes(app, ctx);
  registerKioskLinkRoutes(app, ctx);
  registerImportRoutes(app, ctx);
  registerResponseRoutes(app, ctx);
  registerIndicesRoutes(app, ctx);
}

/** Surveys with their questions, their triggers, and the programme's settings. */
function registerDefinitionRoutes(app: App, ctx: Ctx) {
  app.get(
    '/api/v1/surveys',
    {
      config: { permission: 'surveys:read' },
      schema: { tags, response: { 200: z.object({ items: z.array(Survey) }), ...errorResponses } },
    },
    async (req) => ({ items: await listSurveys(ctx, actorOf(req)) }),
  );
  app.post(
    '/api/v1/surveys',
    {
      config: { permission: 'surveys:manage' },
      schema: { tags, body: CreateSurvey, response: { 201: Survey, ...errorResponses } },
    },
    async (req, reply) => reply.code(201).send(await createSurvey(ctx, actorOf(req), req.body)),
  );
  app.get(
    '/api/v1/surveys/:id',
    {
      config: { permission: 'surveys:read' },
      schema: { tags, params: IdParams, response: { 200: Survey, ...errorResponses } },
    },
    async (req) => getSurvey(ctx, actorOf(req), req.params.id),
  );
  app.patch(
    '/api/v1/surveys/:id',
    {
      config: { permission: 'surveys:manage' },
      schema: {
        tags,
        params: IdParams,
        body: UpdateSurvey,
        response: { 200: Survey, 409: ErrorBody, ...errorResponses },
      },
    },
    async (req) => updateSurvey(ctx, actorOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/surveys/:id/triggers',
    {
      config: { permission: 'surveys:read' },
      schema: { tags, params: IdParams, response: { 200: z.object({ items: z.array(Trigger) }), ...errorResponses } },
    },
    async (req) => ({ items: await listTriggers(ctx, actorOf(req), req.params.id) }),
  );
  app.post(
    '/api/v1/surveys/:id/triggers',
    {
      config: { permission: 'surveys:manage' },
      schema: { tags, params: IdParams, body: CreateTrigger, response: { 201: Trigger, ...errorResponses } },
    },
    async (req, reply) => reply.code(201).send(await createTrigger(ctx, actorOf(req), req.params.id, req.body)),
  );
  app.patch(
    '/api/v1/surveys/triggers/:id',
    {
      config: { permission: 'surveys:manage' },
      schema: { tags, params: IdParams, body: UpdateTrigger, response: { 200: Trigger, ...errorResponses } },
    },
    async (req) => updateTrigger(ctx, actorOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/surveys/settings',
    { config: { permission: 'surveys:read' }, schema: { tags, response: { 200: Settings, ...errorResponses } } },
    async (req) => getSettings(ctx, actorOf(req)),
  );
  app.patch(
    '/api/v1/surveys/settings',
    {
      config: { permission: 'surveys:manage' },
      schema: { tags, body: UpdateSettings, response: { 200: Settings, ...errorResponses } },
    },
    async (req) => updateSettings(ctx, actorOf(req), req.body),
  );
}

/** Sending a survey by hand, and reading an invitation. */
function registerInvitationRoutes(app: App, ctx: Ctx) {
  app.post(
    '/api/v1/surveys/:id/invitations',
    {
      config: { permission: 'surveys:invite' },
      schema: {
        tags,
        description:
          'Sends the survey to one customer now (e-mail through the outbox, or SMS text to hand to a gateway); ' +
          'skipped, with the reason, when they have no real contact or were surveyed within throttleDays.',
        params: IdParams,
        body: CreateInvitation,
        response: { 201: Invitation, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await inviteByHand(ctx, actorOf(req), req.params.id, req.body)),
  );
  app.get(
    '/api/v1/surveys/invitations/:id',
    {
      config: { permission: 'surveys:invite' },
      schema: { tags, params: IdParams, response: { 200: Invitation, ...errorResponses } },
    },
    async (req) => getInvitation(ctx, actorOf(req), req.params.id),
  );
}

/** Purchase events and visitor counts from the tills and door counters. */
function registerImportRoutes(app: App, ctx: Ctx) {
  app.post(
    '/api/v1/surveys/events',
    {
      config: { permission: 'surveys:import' },
      schema: {
        tags,
        description:
          'Imports purchase events (up to 1000; an externalId seen before is skipped) and schedules the surveys ' +
          'of purchase triggers.',
        body: ImportEvents,
        response: { 200: ImportEventsResult, ...errorResponses },
      },
    },
    async (req) => importEvents(ctx, actorOf(req), req.body),
  );
  app.post(
    '/api/v1/surveys/visitors',
    {
      config: { permission: 'surveys:import' },
      schema: {
        tags,
        description: 'Imports visitor counts per unit and day; a day sent again replaces its count.',
        body: ImportVisitors,
        response: { 200: z.object({ saved: z.number() }), ...errorResponses },
      },
    },
    async (req) => importVisitors(ctx, actorOf(req), req.body),
  );
}

/** The responses, and their qualification by a supervisor. */
function registerResponseRoutes(app: App, ctx: Ctx) {
  app.get(
    '/api/v1/surveys/responses',
    {
      config: { permission: 'surveys:read' },
      schema: {
        tags,
        querystring: ResponseQuery,
        response: { 200: z.object({ items: z.array(SurveyResponse) }), ...errorResponses },
      },
    },
    async (req) => ({ items: await listResponses(ctx, actorOf(req), req.query) }),
  );
  app.put(
    '/api/v1/surveys/responses/:id/qualification',
    {
      config: { permission: 'surveys:qualify' },
      schema: { tags, params: IdParams, body: Qualify, response: { 200: SurveyResponse, ...errorResponses } },
    },
    async (req) => qualifyResponse(ctx, actorOf(req), req.params.id, req.body),
  );
}

/** The indices report, as JSON or CSV. */
function registerIndicesRoutes(app: App, ctx: Ctx) {
  app.get(
    '/api/v1/surveys/indices',
    {
      config: { permission: 'surveys:read' },
      schema: {
        tags,
        description:
          'CSAT, NPS, CES, staff and office dissatisfaction, emotional loyalty, response rate, exact conversion, ' +
          'visitor coverage, force-majeure level and email capture rate per group, each with n and a 95 % ' +
          'interval. CSV with Accept: text/csv or format=csv.',
        querystring: IndicesQuery,
        response: { 200: IndicesAnswer, ...errorResponses },
      },
    },
    async (req, reply) => {
      const report = await indices(ctx, actorOf(req), req.query);
      const csv =
        req.query.format === 'csv' ||
        (req.query.format !== 'json' && String(req.headers.accept ?? '').includes('text/csv'));
      if (!csv) {
        return report;
      }
      return reply
        .serializer((body: unknown) => body as string)
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="survey-indices-${report.groupBy}.csv"`)
        .send(indicesCsv(report) as never);
    },
  );
}
