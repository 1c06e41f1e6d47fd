// The SLA part of an appeal as the API shows it. Kept apart from sla.schema.ts so the appeals schema can
// include it without importing the policy and calendar contracts (which import the appeals schema).
import { z } from 'zod';

export const METRICS = ['transfer', 'first_response', 'next_response', 'resolution', 'completion_report'] as const;
export const Metric = z.enum(METRICS);
export type Metric = z.infer<typeof Metric>;

/** ok: running; warning: past the warning point; breached: past due (or met late); met: done in time; paused. */
export const SLA_STATES = ['ok', 'warning', 'breached', 'met', 'paused'] as const;
export const SlaState = z.enum(SLA_STATES);
export type SlaState = z.infer<typeof SlaState>;

export const AppealSlaTarget = z
  .object({
    metric: Metric,
    cycle: z.number().int(),
    state: SlaState,
    minutes: z.number().int().describe('The target in working minutes'),
    calendarId: z.uuid().nullable(),
    startedAt: z.string(),
    dueAt: z.string().nullable().describe('Null while a pause stops the clock'),
    warnAt: z.string().nullable(),
    metAt: z.string().nullable(),
    breachedAt: z.string().nullable(),
    pausedSince: z.string().nullable(),
    minutesLeft: z
      .number()
      .int()
      .nullable()
      .describe('Working minutes to the deadline; negative when overdue; null once met'),
  })
  .meta({ id: 'AppealSlaTarget' });
export type AppealSlaTarget = z.infer<typeof AppealSlaTarget>;

export const AppealSla = z
  .object({
    state: SlaState,
    policyId: z.uuid().nullable(),
    nextDueAt: z.string().nullable().describe('The earliest deadline of a running target'),
    targets: z.array(AppealSlaTarget),
  })
  .meta({ id: 'AppealSla' });
export type AppealSla = z.infer<typeof AppealSla>;
