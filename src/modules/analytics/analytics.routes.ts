// Analytics: the dashboard and each of its blocks with one set of filters, their CSV/XLSX exports, the period
// reports (HTML or XLSX for any day) and who receives them.
import { z } from 'zod';
import type { Ctx } from '../../context.ts';
import { actorOf, type App, errorResponses } from '../../server/http.ts';
import { blockTable, toCsv, toXlsx, XLSX_TYPE } from './analytics.export.ts';
import {
  AnalyticsQuery,
  BLOCKS,
  Dashboard,
  ExportParams,
  ExportQuery,
  PutReportSettings,
  PutReportSubscriptions,
  ReportParams,
  ReportQuery,
  ReportSettings,
  ReportSubscription,
} from './analytics.schema.ts';
import { dashboard } from './analytics.service.ts';
import { periodHolding } from './periods.ts';
import { renderReport } from './report.ts';
import { getReportSettings, listSubscriptions, putReportSettings, putSubscriptions } from './report.service.ts';

const attachment = (name: string) => `attachment; filename="${name}"`;

const tags = ['analytics'];
const FILTERS =
  'Filters: from/to (organisation days, inclusive), grain, unitId (with its sub-units), channel, kind, ' +
  'categoryId (with sub-categories).';

/** The dashboard and each of its blocks. */
function registerDashboardRoutes(app: App, ctx: Ctx) {
  app.get(
    '/api/v1/analytics/dashboard',
    {
      config: { permission: 'appeals:read' },
      schema: {
        tags,
        querystring: AnalyticsQuery,
        response: { 200: Dashboard, ...errorResponses },
        description: `Every figure of the dashboard in one answer. ${FILTERS} Buckets with no appeals are zeros.`,
      },
    },
    async (req) => dashboard(ctx, actorOf(req), req.query),
  );

  app.get(
    '/api/v1/analytics/blocks/:block',
    {
      config: { permission: 'appeals:read' },
      schema: {
        tags,
        params: ExportParams,
        querystring: AnalyticsQuery,
        response: {
          200: z.object({ filters: Dashboard.shape.filters, buckets: z.array(z.string()), data: z.unknown() }),
          ...errorResponses,
        },
        description: `One block of the dashboard (${BLOCKS.join(', ')}). ${FILTERS}`,
      },
    },
    async (req) => {
      const figures = await dashboard(ctx, actorOf(req), req.query);
      return { filters: figures.filters, buckets: figures.buckets, data: figures[req.params.block] };
    },
  );
}

/** Each block's data as CSV or XLSX, and the whole dashboard as one workbook. */
function registerExportRoutes(app: App, ctx: Ctx) {
  app.get(
    '/api/v1/analytics/blocks/:block/export',
    {
      config: { permission: 'appeals:read' },
      schema: {
        tags,
        params: ExportParams,
        querystring: ExportQuery,
        response: { 200: z.unknown().describe('The file'), ...errorResponses },
        description: `One block's data as CSV or XLSX. ${FILTERS}`,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const { format, locale, ...query } = req.query;
      const table = blockTable(await dashboard(ctx, actor, query), req.params.block, locale ?? actor.locale);
      const name = `otklik-${req.params.block}`;
      if (format === 'xlsx') {
        return reply
          .type(XLSX_TYPE)
          .header('content-disposition', attachment(`${name}.xlsx`))
          .send(await toXlsx([table]));
      }
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', attachment(`${name}.csv`))
        .send(toCsv(table));
    },
  );

  app.get(
    '/api/v1/analytics/export',
    {
      config: { permission: 'appeals:read' },
      schema: {
        tags,
        querystring: ExportQuery.omit({ format: true }),
        response: { 200: z.unknown().describe('The file'), ...errorResponses },
        description: `Every block as a sheet of one XLSX workbook. ${FILTERS}`,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const { locale, ...query } = req.query;
      const figures = await dashboard(ctx, actor, query);
      const tables = BLOCKS.map((block) => blockTable(figures, block, locale ?? actor.locale));
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', attachment('otklik-dashboard.xlsx'))
        .send(await toXlsx(tables));
    },
  );
}

/** The period reports, who receives them, and when they go out. */
function registerReportRoutes(app: App, ctx: Ctx) {
  app.get(
    '/api/v1/analytics/reports/:variant',
    {
      config: { permission: 'appeals:read' },
      schema: {
        tags,
        params: ReportParams,
        querystring: ReportQuery,
        response: { 200: z.unknown().describe('The file'), ...errorResponses },
        description:
          'The report of the period (day, ISO week or month) holding `date`, as the HTML mailed to subscribers ' +
          '(charts inline) or its XLSX.',
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const request = {
        period: periodHolding(req.params.variant, req.query.date),
        locale: req.query.locale ?? actor.locale,
        unitIds: req.query.unitId ? [req.query.unitId] : [],
      };
      const report = await renderReport(ctx, actor, request, { images: 'inline' });
      if (req.query.format === 'xlsx') {
        return reply.type(XLSX_TYPE).header('content-disposition', attachment(report.xlsxName)).send(report.xlsx);
      }
      return reply.type('text/html; charset=utf-8').send(report.html);
    },
  );

  app.get(
    '/api/v1/analytics/report-subscriptions',
    {
      config: { permission: 'appeals:read' },
      schema: {
        tags,
        response: { 200: z.object({ items: z.array(ReportSubscription) }), ...errorResponses },
        description: "Your report subscriptions; everybody's for settings:write.",
      },
    },
    async (req) => ({ items: await listSubscriptions(ctx, actorOf(req)) }),
  );
  app.put(
    '/api/v1/analytics/report-subscriptions',
    {
      config: { permission: 'appeals:read' },
      schema: {
        tags,
        body: PutReportSubscriptions,
        response: { 200: z.object({ items: z.array(ReportSubscription) }), ...errorResponses },
        description:
          'Replaces the subscriptions of every user named (yourself by default): variant daily/weekly/monthly, ' +
          'units (empty: all you may see), language.',
      },
    },
    async (req) => ({ items: await putSubscriptions(ctx, actorOf(req), req.body) }),
  );

  app.get(
    '/api/v1/analytics/settings',
    { config: { permission: 'settings:read' }, schema: { tags, response: { 200: ReportSettings, ...errorResponses } } },
    async (req) => getReportSettings(ctx, actorOf(req)),
  );
  app.put(
    '/api/v1/analytics/settings',
    {
      config: { permission: 'settings:write' },
      schema: {
        tags,
        body: PutReportSettings,
        response: { 200: ReportSettings, ...errorResponses },
        description:
          "The local time reports go out and the organisation's time zone (a new zone recounts the roll-ups).",
      },
    },
    async (req) => putReportSettings(ctx, actorOf(req), req.body),
  );
}

export async function registerAnalyticsRoutes(app: App, ctx: Ctx) {
  registerDashboardRoutes(app, ctx);
  registerExportRoutes(app, ctx);
  registerReportRoutes(app, ctx);
}
