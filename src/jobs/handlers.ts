// Every kind of background job and the function that does it.
import type { Ctx } from '../context.ts';
import { keepCurrent } from '../modules/analytics/analytics.facts.ts';
import { REPORT_JOB, scheduleReports, sendPeriodReports } from '../modules/analytics/report.service.ts';
import { scheduleNextTraining, trainDaily } from '../modules/routing/classification/classification.service.ts';
import { pollAllMailboxes } from '../modules/mail/imap-poller.ts';
import { escalateAlert } from '../modules/sla/sla.escalate.ts';
import { type RecomputeFilter, recomputeOpenAppeals } from '../modules/sla/sla.recompute.ts';
import { scanSla } from '../modules/sla/sla.scan.ts';
import { scanLateSubtasks } from '../modules/subtasks/subtasks.scan.ts';
import { dispatchSurveys, surveyResolvedAppeal } from '../modules/surveys/invitations.service.ts';
import type { JobHandler } from './runner.ts';

export const HANDLERS: Readonly<Record<string, JobHandler>> = {
  'sla.scan': (ctx: Ctx, _payload, now) => scanSla(ctx, now),
  'sla.escalate': (ctx, payload, now) => escalateAlert(ctx, Number(payload.alertId), now),
  'sla.recompute': (ctx, payload, now) => recomputeOpenAppeals(ctx, payload as RecomputeFilter, now),
  'subtasks.scan': (ctx, _payload, now) => scanLateSubtasks(ctx, now),
  'mail.imap': (ctx) => pollAllMailboxes(ctx),
  'surveys.appeal_resolved': (ctx, payload, now) => surveyResolvedAppeal(ctx, String(payload.appealId), now),
  // Sends due survey invitations and closes those past their deadline as silent.
  'surveys.dispatch': async (ctx, _payload, now) => void (await dispatchSurveys(ctx, now)),
  // Daily, not RECURRING (that runs at the scheduler's interval): it queues its own next run a day on.
  'classifier.train': (ctx, _payload, now) => trainDaily(ctx, now),
  // Analytics: fold count deltas and measure working times (recurring, from migration 012); queue due reports;
  // send one.
  'analytics.fold': (ctx) => keepCurrent(ctx),
  'analytics.reports': (ctx, _payload, now) => scheduleReports(ctx, now),
  [REPORT_JOB]: (ctx, payload, now) => sendPeriodReports(ctx, payload, now),
};

/** Chains of self-scheduling jobs every process makes sure are running when its scheduler starts (deduplicated). */
export const ON_START: readonly ((ctx: Ctx, now: Date) => Promise<void>)[] = [scheduleNextTraining];

/** Recurring jobs every process makes sure exist when its scheduler starts. */
export const RECURRING = ['sla.scan', 'subtasks.scan', 'mail.imap', 'surveys.dispatch'] as const;
