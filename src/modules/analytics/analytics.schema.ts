// The analytics contract: one set of filters for every figure, the dashboard's blocks, exports, report subscriptions.
import { z } from 'zod';
import { day } from '../../server/dates.schema.ts';
import { Channel } from '../appeals/appeals.schema.ts';
import { AppealKind } from '../categories/categories.schema.ts';
import { GRAINS, REPORT_VARIANTS } from './periods.ts';

const Day = day();

export const AnalyticsQuery = z.strictObject({
  from: Day.optional().describe('First organisation day, inclusive; default: the first day of the month 11 months ago'),
  to: Day.optional().describe('Last organisation day, inclusive; default: today'),
  grain: z.enum(GRAINS).default('month'),
  unitId: z.uuid().optional().describe('This unit and every unit under it'),
  channel: Channel.optional(),
  kind: AppealKind.optional(),
  categoryId: z.uuid().optional().describe('This category and its sub-categories'),
});
export type AnalyticsQuery = z.input<typeof AnalyticsQuery>;

export const BLOCKS = [
  'appealsOverTime',
  'channelMix',
  'topCategories',
  'longServiceCauses',
  'thanksShare',
  'sla',
  'times',
  'backlog',
  'units',
  'agents',
  'categories',
  'submissionErrors',
] as const;
export const Block = z.enum(BLOCKS);
export type Block = z.infer<typeof Block>;

const Series = z.array(z.number());
const Named = { nameRu: z.string(), nameEn: z.string() };

export const AppealsOverTime = z.object({
  buckets: z.array(z.string()),
  total: Series,
  byKind: z.array(z.object({ kind: z.string(), values: Series })),
  previousYear: z.object({
    buckets: z.array(z.string()),
    total: Series,
    byKind: z.array(z.object({ kind: z.string(), values: Series })),
  }),
});
const CountRow = z.object({ appeals: z.number(), share: z.number().nullable() });
export const ChannelMixRow = z.object({ channel: z.string(), ...CountRow.shape, series: Series });
export const CategoryRow = z.object({
  categoryId: z.string().nullable(),
  code: z.string().nullable(),
  ...Named,
  ...CountRow.shape,
  series: Series,
});
export const ThanksShareRow = z.object({
  bucket: z.string(),
  thanks: z.number(),
  appeals: z.number(),
  share: z.number().nullable(),
});
export const Percentiles = z.object({
  count: z.number().describe('Appeals with this time in the period'),
  median: z.number().nullable().describe('Working minutes'),
  p90: z.number().nullable().describe('Working minutes'),
  sampled: z
    .boolean()
    .describe('Percentiles read a fixed 1/64-slice sample because the set is large; counts are exact'),
});
export const Times = z.object({
  firstResponse: Percentiles,
  resolution: Percentiles,
  pendingAppeals: z.number().describe('Appeals changed but not yet measured (measured within seconds by a job)'),
  calendar: z.string().describe('Working time is counted on the customer-service calendar'),
});
export const Backlog = z.object({ open: z.number(), overdue: z.number(), byStatus: z.record(z.string(), z.number()) });
export const SlaBlock = z.object({
  total: z.object({
    met: z.number(),
    breached: z.number(),
    open: z.number(),
    compliancePercent: z.number().nullable(),
  }),
  byMonth: z.array(
    z.object({
      bucket: z.string(),
      met: z.number(),
      breached: z.number(),
      open: z.number(),
      compliancePercent: z.number().nullable(),
    }),
  ),
});
export const TableRow = z.object({
  id: z.string().nullable(),
  name: z.string(),
  nameEn: z.string(),
  appeals: z.number(),
  share: z.number().nullable(),
  series: Series,
});
export const SubmissionErrorRow = z.object({
  unitId: z.string(),
  unitName: z.string(),
  rejections: z.number(),
  submissions: z.number(),
  errorRate: z.number().nullable(),
  byCode: z.record(z.string(), z.number()),
});

export const Dashboard = z
  .object({
    filters: z.object({
      from: z.string(),
      to: z.string(),
      grain: z.enum(GRAINS),
      timeZone: z.string(),
      unitId: z.string().nullable(),
      channel: z.string().nullable(),
      kind: z.string().nullable(),
      categoryId: z.string().nullable(),
    }),
    buckets: z.array(z.string()),
    total: z.number(),
    appealsOverTime: AppealsOverTime,
    channelMix: z.array(ChannelMixRow),
    topCategories: z.array(CategoryRow),
    longServiceCauses: z.array(CategoryRow),
    thanksShare: z.array(ThanksShareRow),
    sla: SlaBlock,
    times: Times,
    backlog: Backlog,
    units: z.array(TableRow),
    agents: z.array(TableRow),
    categories: z.array(TableRow),
    submissionErrors: z.array(SubmissionErrorRow),
    satisfaction: z
      .object({
        available: z.boolean(),
        indices: z.array(z.object({ key: z.string(), value: z.number().nullable(), sampleSize: z.number() })),
      })
      .describe('Survey indices; filled in when the surveys module provides them'),
  })
  .meta({ id: 'AnalyticsDashboard' });
export type Dashboard = z.infer<typeof Dashboard>;

export const ExportQuery = AnalyticsQuery.extend({
  format: z.enum(['csv', 'xlsx']).default('csv'),
  locale: z.enum(['ru', 'en']).optional(),
});
export const ExportParams = z.strictObject({ block: Block });

export const ReportQuery = z.strictObject({
  date: Day.describe('An organisation day; the report covers the period of the variant that holds it'),
  format: z.enum(['html', 'xlsx']).default('html'),
  locale: z.enum(['ru', 'en']).optional(),
  unitId: z.uuid().optional().describe('Only this unit and its sub-units'),
});
export const ReportParams = z.strictObject({ variant: z.enum(REPORT_VARIANTS) });

export const ReportSubscription = z
  .object({
    id: z.uuid(),
    userId: z.uuid(),
    variant: z.enum(REPORT_VARIANTS),
    unitIds: z.array(z.uuid()),
    locale: z.enum(['ru', 'en']),
    active: z.boolean(),
  })
  .meta({ id: 'ReportSubscription' });
export type ReportSubscription = z.infer<typeof ReportSubscription>;
export const PutReportSubscriptions = z.strictObject({
  items: z
    .array(
      z.strictObject({
        userId: z.uuid().optional().describe('Default: yourself; others only with settings:write'),
        variant: z.enum(REPORT_VARIANTS),
        unitIds: z.array(z.uuid()).default([]).describe('Empty: every unit the recipient may see'),
        locale: z.enum(['ru', 'en']),
        active: z.boolean().default(true),
      }),
    )
    .max(500),
});
export type PutReportSubscriptions = z.infer<typeof PutReportSubscriptions>;
export const ReportSettings = z
  .object({ timeZone: z.string(), reportTime: z.string() })
  .meta({ id: 'AnalyticsSettings' });
export const PutReportSettings = z.strictObject({
  reportTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Expected HH:MM')
    .optional(),
  timeZone: z.string().optional(),
});
