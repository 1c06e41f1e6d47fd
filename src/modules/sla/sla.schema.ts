// The SLA contract shared by the API, the web app and the CLI: calendars, policies, settings, the
// compliance report and recomputation requests.
import { z } from 'zod';
import { Channel, Priority, Status } from '../appeals/appeals.schema.ts';
import { AppealKind } from '../categories/categories.schema.ts';
import { UnitType } from '../units/units.schema.ts';
import { Metric } from './appeal-sla.schema.ts';

const Name = z.string().trim().min(1).max(200);
const Instant = z.iso.datetime({ offset: true });
const Tag = z.string().trim().min(1).max(50);

// Structure only: the calendar rules (times, overlaps, time zone) are checked by validateCalendar in the
// service, which names the offending field with a precise code.
const Interval = z.strictObject({ start: z.string().max(5), end: z.string().max(5) });
const Exception = z.strictObject({
  date: z.string().max(10),
  intervals: z.array(Interval).max(10),
  name: z.string().max(200).optional(),
});
const Week = z
  .array(z.array(Interval).max(10))
  .length(7)
  .describe('Seven days, Monday first; each a list of {start, end} "HH:MM"');

export const Calendar = z
  .object({
    id: z.uuid(),
    name: z.string(),
    timeZone: z.string(),
    week: z.array(z.array(z.object({ start: z.string(), end: z.string() }))),
    exceptions: z.array(
      z.object({
        date: z.string(),
        intervals: z.array(z.object({ start: z.string(), end: z.string() })),
        name: z.string().optional(),
      }),
    ),
    unitTypes: z.array(UnitType),
    isDefault: z.boolean(),
    isCustomerService: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Calendar' });
export type Calendar = z.infer<typeof Calendar>;

export const CreateCalendar = z.strictObject({
  name: Name,
  timeZone: z.string().max(100),
  week: Week,
  exceptions: z.array(Exception).max(2000).default([]),
  unitTypes: z
    .array(UnitType)
    .max(20)
    .default([])
    .describe('Units of these types without a calendar of their own use this one'),
});
export type CreateCalendarInput = z.infer<typeof CreateCalendar>;

export const UpdateCalendar = z
  .strictObject({
    name: Name.optional(),
    timeZone: z.string().max(100).optional(),
    week: Week.optional(),
    exceptions: z.array(Exception).max(2000).optional(),
    unitTypes: z.array(UnitType).max(20).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'Nothing to change' });
export type UpdateCalendarInput = z.infer<typeof UpdateCalendar>;

export const SlaSettings = z
  .object({
    defaultCalendarId: z.uuid(),
    csCalendarId: z.uuid(),
    version: z.number().int(),
  })
  .meta({ id: 'SlaSettings' });
export type SlaSettings = z.infer<typeof SlaSettings>;

export const UpdateSlaSettings = z
  .strictObject({
    defaultCalendarId: z.uuid().optional(),
    csCalendarId: z.uuid().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'Nothing to change' });
export type UpdateSlaSettingsInput = z.infer<typeof UpdateSlaSettings>;

export const UnitCalendar = z
  .object({
    unitId: z.uuid(),
    calendarId: z.uuid().nullable().describe("The unit's own calendar; null = by unit type, else the default"),
    effectiveCalendarId: z.uuid(),
    source: z.enum(['unit', 'unit_type', 'default']),
  })
  .meta({ id: 'UnitCalendar' });
export type UnitCalendar = z.infer<typeof UnitCalendar>;

export const SetUnitCalendar = z.strictObject({ calendarId: z.uuid().nullable() });

export const CALENDAR_SOURCES = ['unit', 'cs'] as const;
export const CalendarSource = z.enum(CALENDAR_SOURCES);

export const PolicyTarget = z.strictObject({
  metric: Metric,
  minutes: z.number().int().min(0).max(525_600).describe('Working minutes'),
  calendar: CalendarSource.optional().describe("Whose calendar counts; default: the policy's calendarSource"),
});
export type PolicyTarget = z.infer<typeof PolicyTarget>;

const list = <T extends z.ZodType>(item: T) => z.array(item).max(200).optional();

export const PolicyConditions = z.strictObject({
  unitIds: list(z.uuid()),
  unitTypes: list(UnitType),
  channels: list(Channel),
  kinds: list(AppealKind),
  categoryIds: list(z.uuid()).describe('A category covers its subcategories'),
  priorities: list(Priority),
  tags: list(Tag).describe('Appeal tags: any of them'),
  customerTags: list(Tag).describe("The customer's tags: any of them"),
});
export type PolicyConditions = z.infer<typeof PolicyConditions>;

export const RECIPIENTS = ['owner', 'unit_responsible', 'supervisors'] as const;
const Recipients = z.array(z.enum(RECIPIENTS)).max(3);

export const PolicyNotify = z.strictObject({
  onWarning: Recipients.default(['owner']),
  onBreach: Recipients.default(['owner', 'unit_responsible', 'supervisors']),
});
export type PolicyNotify = z.infer<typeof PolicyNotify>;

export const EscalationAction = z.strictObject({
  priority: z
    .union([z.literal('raise'), Priority])
    .optional()
    .describe('"raise" = one step up'),
  ownerId: z.uuid().nullable().optional().describe('Reassign to this user; null = unset the owner'),
  addTags: z.array(Tag).max(10).optional(),
});
export type EscalationAction = z.infer<typeof EscalationAction>;

export const PolicyEscalation = z.strictObject({
  onWarning: EscalationAction.optional(),
  onBreach: EscalationAction.optional(),
});
export type PolicyEscalation = z.infer<typeof PolicyEscalation>;

const policyFields = {
  name: Name,
  position: z.number().int().min(0).max(1_000_000),
  active: z.boolean(),
  conditions: PolicyConditions,
  targets: z.array(PolicyTarget).min(1).max(10),
  calendarSource: CalendarSource,
  pauseStatuses: z.array(Status).max(6),
  warnAtPercent: z.number().int().min(1).max(99).nullable(),
  notify: PolicyNotify,
  escalation: PolicyEscalation,
};

export const SlaPolicy = z
  .object({
    id: z.uuid(),
    ...policyFields,
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'SlaPolicy' });
export type SlaPolicy = z.infer<typeof SlaPolicy>;

export const CreateSlaPolicy = z.strictObject({
  name: Name,
  position: policyFields.position.default(100),
  active: z.boolean().default(true),
  conditions: PolicyConditions.default({}),
  targets: policyFields.targets,
  calendarSource: CalendarSource.default('unit'),
  pauseStatuses: policyFields.pauseStatuses.default(['pending_customer']),
  warnAtPercent: policyFields.warnAtPercent.default(80),
  notify: PolicyNotify.default({ onWarning: ['owner'], onBreach: ['owner', 'unit_responsible', 'supervisors'] }),
  escalation: PolicyEscalation.default({}),
});
export type CreateSlaPolicyInput = z.infer<typeof CreateSlaPolicy>;

export const UpdateSlaPolicy = z
  .strictObject({
    name: policyFields.name.optional(),
    position: policyFields.position.optional(),
    active: policyFields.active.optional(),
    conditions: policyFields.conditions.optional(),
    targets: policyFields.targets.optional(),
    calendarSource: policyFields.calendarSource.optional(),
    pauseStatuses: policyFields.pauseStatuses.optional(),
    warnAtPercent: policyFields.warnAtPercent.optional(),
    notify: policyFields.notify.optional(),
    escalation: policyFields.escalation.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'Nothing to change' });
export type UpdateSlaPolicyInput = z.infer<typeof UpdateSlaPolicy>;

export const RecomputeSla = z
  .strictObject({
    appealIds: z.array(z.uuid()).max(10_000).optional(),
    unitIds: z.array(z.uuid()).max(1000).optional(),
    policyIds: z.array(z.uuid()).max(100).optional().describe('Appeals whose targets came from these policies'),
    calendarIds: z.array(z.uuid()).max(100).optional().describe('Appeals with a target counted on these calendars'),
    statuses: z.array(Status).max(6).optional(),
    createdFrom: Instant.optional(),
    createdTo: Instant.optional(),
    background: z.boolean().default(false).describe('Queue a job instead of answering when done'),
  })
  .default({ background: false });
export type RecomputeSlaInput = z.infer<typeof RecomputeSla>;

export const RecomputeResult = z
  .object({
    appeals: z.number().int().describe('Open appeals looked at'),
    targetsChanged: z.number().int(),
    jobId: z.number().int().nullable(),
  })
  .meta({ id: 'SlaRecomputeResult' });
export type RecomputeResult = z.infer<typeof RecomputeResult>;

export const GROUP_BYS = ['unit', 'channel', 'category', 'month', 'metric'] as const;

export const ComplianceQuery = z.strictObject({
  from: Instant,
  to: Instant,
  groupBy: z.enum(GROUP_BYS).default('month'),
  metric: z
    .string()
    .max(200)
    .transform((list) =>
      list
        .split(',')
        .map((metric) => metric.trim())
        .filter(Boolean),
    )
    .pipe(z.array(Metric).min(1))
    .optional(),
  timeZone: z.string().max(100).optional().describe("For groupBy=month; default: the Customer Service calendar's zone"),
});
export type ComplianceQuery = z.infer<typeof ComplianceQuery>;

const ComplianceFigures = {
  met: z.number().int().describe('Met in time'),
  breached: z.number().int().describe('Overdue or met late'),
  open: z.number().int().describe('Still running, not yet overdue'),
  total: z.number().int(),
  compliancePercent: z.number().nullable().describe('met ÷ (met + breached) × 100; null when nothing is decided'),
};

export const ComplianceReport = z
  .object({
    from: z.string(),
    to: z.string(),
    groupBy: z.enum(GROUP_BYS),
    items: z.array(z.object({ key: z.string().nullable(), label: z.string().nullable(), ...ComplianceFigures })),
    total: z.object(ComplianceFigures),
  })
  .meta({ id: 'SlaComplianceReport' });
export type ComplianceReport = z.infer<typeof ComplianceReport>;
