// Deadlines in working hours over HTTP: calendars, unit calendars, settings, policies, recomputation and the
// compliance report.
import { z } from 'zod';
import type { Ctx } from '../../context.ts';
import { actorOf, type App, ErrorBody, errorResponses, IdParams } from '../../server/http.ts';
import {
  createCalendar,
  deleteCalendar,
  getCalendar,
  getSettings,
  getUnitCalendar,
  listCalendars,
  setUnitCalendar,
  updateCalendar,
  updateSettings,
} from './sla.calendars.ts';
import { createPolicy, deletePolicy, getPolicy, listPolicies, updatePolicy } from './sla.policies.ts';
import { recompute } from './sla.recompute.ts';
import { complianceReport } from './sla.reports.ts';
import {
  Calendar,
  ComplianceQuery,
  ComplianceReport,
  CreateCalendar,
  CreateSlaPolicy,
  RecomputeResult,
  RecomputeSla,
  SetUnitCalendar,
  SlaPolicy,
  SlaSettings,
  UnitCalendar,
  UpdateCalendar,
  UpdateSlaPolicy,
  UpdateSlaSettings,
} from './sla.schema.ts';

const tags = ['sla'];
const conflict = { 409: ErrorBody };
const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

/** Working calendars, and which one each unit counts on. */
function registerCalendarRoutes(app: App, ctx: Ctx) {
  app.get(
    '/api/v1/sla/calendars',
    {
      config: { permission: 'settings:read' },
      schema: { tags, response: { 200: items(Calendar), ...errorResponses } },
    },
    async (req) => ({ items: await listCalendars(ctx, actorOf(req)) }),
  );
  app.post(
    '/api/v1/sla/calendars',
    {
      config: { permission: 'settings:write' },
      schema: {
        tags,
        body: CreateCalendar,
        response: { 201: Calendar, ...conflict, ...errorResponses },
        description:
          'Creates a working calendar. "end" before "start" is a shift past midnight; ' +
          '"00:00"–"24:00" is a whole day. Overlapping intervals, malformed times and unknown time zones are ' +
          'refused with 400 naming the field.',
      },
    },
    async (req, reply) => reply.code(201).send(await createCalendar(ctx, actorOf(req), req.body)),
  );
  app.get(
    '/api/v1/sla/calendars/:id',
    {
      config: { permission: 'settings:read' },
      schema: { tags, params: IdParams, response: { 200: Calendar, ...errorResponses } },
    },
    async (req) => getCalendar(ctx, actorOf(req), req.params.id),
  );
  app.patch(
    '/api/v1/sla/calendars/:id',
    {
      config: { permission: 'settings:write' },
      schema: {
        tags,
        params: IdParams,
        body: UpdateCalendar,
        response: { 200: Calendar, ...conflict, ...errorResponses },
        description: 'Changes a calendar for new appeals; POST /api/v1/sla/recompute applies it to open ones.',
      },
    },
    async (req) => updateCalendar(ctx, actorOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/v1/sla/calendars/:id',
    {
      config: { permission: 'settings:write' },
      schema: { tags, params: IdParams, response: { 204: z.null(), ...conflict, ...errorResponses } },
    },
    async (req, reply) => reply.code(204).send(await deleteCalendar(ctx, actorOf(req), req.params.id).then(() => null)),
  );

  app.get(
    '/api/v1/units/:id/calendar',
    {
      config: { permission: 'units:read' },
      schema: { tags, params: IdParams, response: { 200: UnitCalendar, ...errorResponses } },
    },
    async (req) => getUnitCalendar(ctx, actorOf(req), req.params.id),
  );
  app.put(
    '/api/v1/units/:id/calendar',
    {
      config: { permission: 'settings:write' },
      schema: {
        tags,
        params: IdParams,
        body: SetUnitCalendar,
        response: { 200: UnitCalendar, ...errorResponses },
        description: "Gives the unit a calendar of its own; null returns it to its type's calendar or the default.",
      },
    },
    async (req) => setUnitCalendar(ctx, actorOf(req), req.params.id, req.body.calendarId),
  );
}

/** Which calendars are the default and Customer Service's, and the policies that give appeals their targets. */
function registerPolicyRoutes(app: App, ctx: Ctx) {
  app.get(
    '/api/v1/sla/settings',
    { config: { permission: 'settings:read' }, schema: { tags, response: { 200: SlaSettings, ...errorResponses } } },
    async (req) => getSettings(ctx, actorOf(req)),
  );
  app.patch(
    '/api/v1/sla/settings',
    {
      config: { permission: 'settings:write' },
      schema: { tags, body: UpdateSlaSettings, response: { 200: SlaSettings, ...errorResponses } },
    },
    async (req) => updateSettings(ctx, actorOf(req), req.body),
  );

  app.get(
    '/api/v1/sla/policies',
    {
      config: { permission: 'settings:read' },
      schema: { tags, response: { 200: items(SlaPolicy), ...errorResponses } },
    },
    async (req) => ({ items: await listPolicies(ctx, actorOf(req)) }),
  );
  app.post(
    '/api/v1/sla/policies',
    {
      config: { permission: 'settings:write' },
      schema: {
        tags,
        body: CreateSlaPolicy,
        response: { 201: SlaPolicy, ...conflict, ...errorResponses },
        description: 'The first active policy by position whose conditions all hold gives an appeal its targets.',
      },
    },
    async (req, reply) => reply.code(201).send(await createPolicy(ctx, actorOf(req), req.body)),
  );
  app.get(
    '/api/v1/sla/policies/:id',
    {
      config: { permission: 'settings:read' },
      schema: { tags, params: IdParams, response: { 200: SlaPolicy, ...errorResponses } },
    },
    async (req) => getPolicy(ctx, actorOf(req), req.params.id),
  );
  app.patch(
    '/api/v1/sla/policies/:id',
    {
      config: { permission: 'settings:write' },
      schema: {
        tags,
        params: IdParams,
        body: UpdateSlaPolicy,
        response: { 200: SlaPolicy, ...conflict, ...errorResponses },
      },
    },
    async (req) => updatePolicy(ctx, actorOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/v1/sla/policies/:id',
    {
      config: { permission: 'settings:write' },
      schema: { tags, params: IdParams, response: { 204: z.null(), ...errorResponses } },
    },
    async (req, reply) => reply.code(204).send(await deletePolicy(ctx, actorOf(req), req.params.id).then(() => null)),
  );
}

/** Applying changed configuration to open appeals, and how well the deadlines were kept. */
function registerComplianceRoutes(app: App, ctx: Ctx) {
  app.post(
    '/api/v1/sla/recompute',
    {
      config: { permission: 'settings:write' },
      schema: {
        tags,
        body: RecomputeSla,
        response: { 200: RecomputeResult, ...errorResponses },
        description:
          'Re-matches policies and recomputes the deadlines of open appeals (all, or those the filters name) ' +
          'with the current calendars and policies. background=true queues a job and answers at once.',
      },
    },
    async (req) => recompute(ctx, actorOf(req), req.body),
  );

  app.get(
    '/api/v1/sla/compliance',
    {
      config: { permission: 'appeals:read' },
      schema: {
        tags,
        querystring: ComplianceQuery,
        response: { 200: ComplianceReport, ...errorResponses },
        description: 'Targets whose clock started in [from, to): met in time, breached, open and compliance %.',
      },
    },
    async (req) => complianceReport(ctx, actorOf(req), req.query),
  );
}

export async function registerSlaRoutes(app: App, ctx: Ctx) {
  registerCalendarRoutes(app, ctx);
  registerPolicyRoutes(app, ctx);
  registerComplianceRoutes(app, ctx);
}
