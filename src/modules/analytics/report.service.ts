// Who gets which report, when it goes out, and the jobs that send it: the recurring check queues one job per finished
// period (its dedupe key names the period, so several processes queue it once), and that job queues one mail per
// subscription (again with a dedupe key), through the outbox.
import type { Ctx } from '../../context.ts';
import { enqueue } from '../../jobs/jobs.service.ts';
import { AppError, invalidField } from '../../server/errors.ts';
import { authorize, can, type Actor, type Role } from '../auth/actor.ts';
import { queueRenderedStaffMail } from '../mail/outbound/queue.ts';
import { isKnownTimeZone } from '../sla/zone-offsets.ts';
import { XLSX_TYPE } from './analytics.export.ts';
import * as analytics from './analytics.repo.ts';
import { rebuildRollups } from './analytics.rollups.repo.ts';
import type { PutReportSubscriptions, ReportSubscription } from './analytics.schema.ts';
import { lastPeriod, orgDayOf, orgTimeOf, type ReportPeriod, REPORT_VARIANTS, type ReportVariant } from './periods.ts';
import * as repo from './report.repo.ts';
import { renderReport } from './report.ts';

export const REPORT_JOB = 'analytics.report';

/**
 * Whether a variant's last period is still worth sending on `today` (after downtime the scheduler catches up, but
 * a monthly report is not sent on the 20th): daily always, weekly on Monday–Wednesday, monthly on the 1st–3rd.
 */
export function dueToday(variant: ReportVariant, today: string): boolean {
  if (variant === 'daily') {
    return true;
  }
  if (variant === 'weekly') {
    return [1, 2, 3].includes(new Date(`${today}T00:00:00Z`).getUTCDay());
  }
  return Number(today.slice(8, 10)) <= 3;
}

/** The recurring check: once the organisation's report time has come, queue each due period's report job once. */
export async function scheduleReports(ctx: Ctx, now: Date): Promise<string[]> {
  const settings = await analytics.settings(ctx.db);
  if (orgTimeOf(now, settings.timeZone) < settings.reportTime) {
    return [];
  }
  const today = orgDayOf(now, settings.timeZone);
  const periods = REPORT_VARIANTS.filter((variant) => dueToday(variant, today)).map((variant) =>
    lastPeriod(variant, today),
  );
  const key = (period: ReportPeriod) => `${period.variant}:${period.key}`;
  await enqueue(
    ctx.db,
    periods.map((period) => ({ kind: REPORT_JOB, payload: { ...period }, dedupeKey: `${REPORT_JOB}:${key(period)}` })),
    now,
  );
  return periods.map(key);
}

/** The subscriber as the reader of their report: their role, language and units. */
const readerOf = (recipient: repo.Recipient): Actor => ({
  id: recipient.userId,
  email: recipient.email,
  name: recipient.name,
  role: recipient.role as Role,
  locale: recipient.locale,
  unitIds: recipient.memberUnitIds,
});

/** Queues one subscriber's report mail, charts and workbook attached; answers whether it was new. */
async function mailReport(ctx: Ctx, recipient: repo.Recipient, period: ReportPeriod, now: Date): Promise<boolean> {
  const request = { period, locale: recipient.locale, unitIds: recipient.unitIds };
  const report = await renderReport(ctx, readerOf(recipient), request, { images: 'cid', now });
  const charts = report.images.map((image) => ({
    filename: `${image.cid.split('@')[0]}.png`,
    contentType: 'image/png',
    content: image.png,
    cid: image.cid,
  }));
  const workbook = { filename: report.xlsxName, contentType: XLSX_TYPE, content: report.xlsx };
  const out = await queueRenderedStaffMail(ctx.db, {
    to: recipient.email,
    toName: recipient.name,
    subject: report.subject,
    text: report.text,
    html: report.html,
    attachments: [...charts, workbook],
    dedupeKey: `${REPORT_JOB}:${period.variant}:${period.key}:${recipient.id}`,
  });
  return out.queued;
}

/** The job of one period: a mail to every active subscriber of its variant, each in their language and scope. */
export async function sendPeriodReports(
  ctx: Ctx,
  payload: Record<string, unknown>,
  now: Date,
): Promise<{ queued: number }> {
  const period = payload as unknown as ReportPeriod;
  let queued = 0;
  for (const recipient of await repo.recipients(ctx.db, period.variant)) {
    if (await mailReport(ctx, recipient, period, now)) {
      queued += 1;
    }
  }
  return { queued };
}

const present = (row: repo.SubscriptionRow): ReportSubscription => ({ ...row, unitIds: row.unitIds ?? [] });

/** Your own subscriptions; everybody's with settings:write. */
export async function listSubscriptions(ctx: Ctx, actor: Actor): Promise<ReportSubscription[]> {
  authorize(actor, 'appeals:read');
  return (await repo.listSubscriptions(ctx.db, can(actor, 'settings:write') ? null : actor.id)).map(present);
}

/**
 * Replaces the subscriptions of every user named in the body (yourself when userId is left out). A user without
 * settings:write may only set their own, and only for units they may see.
 */
export async function putSubscriptions(
  ctx: Ctx,
  actor: Actor,
  body: PutReportSubscriptions,
): Promise<ReportSubscription[]> {
  authorize(actor, 'appeals:read');
  const items = body.items.map((item) => ({ ...item, userId: item.userId ?? actor.id }));
  const admin = can(actor, 'settings:write');
  checkSubscriptions(actor, admin, items);
  const known = await repo.existingUserIds(ctx.db, [...new Set([actor.id, ...items.map((item) => item.userId)])]);
  items.forEach((item, index) => {
    if (!known.has(item.userId)) {
      throw invalidField(`items.${index}.userId`, 'unknown_user', `No user ${item.userId}`);
    }
  });
  const scoped = admin ? [...new Set(items.map((item) => item.userId).concat(actor.id))] : [actor.id];
  await ctx.db.transaction((tx) => repo.replaceSubscriptions(tx, scoped, items));
  return (await repo.listSubscriptions(ctx.db, admin ? null : actor.id))
    .filter((subscription) => scoped.includes(subscription.userId))
    .map(present);
}

/** Refuses subscribing others without settings:write, units a unit's responsible does not hold, duplicates. */
function checkSubscriptions(
  actor: Actor,
  admin: boolean,
  items: readonly { userId: string; variant: string; unitIds: readonly string[] }[],
): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (!admin && item.userId !== actor.id) {
      throw new AppError('forbidden', 'Only settings:write may subscribe other users');
    }
    const foreignUnit = item.unitIds.some((unitId) => !actor.unitIds.includes(unitId));
    if (!admin && actor.role === 'unit_responsible' && foreignUnit) {
      throw invalidField(`items.${index}.unitIds`, 'unit_not_allowed', 'You may only subscribe to your own units');
    }
    const key = `${item.userId}:${item.variant}`;
    if (seen.has(key)) {
      throw invalidField(`items.${index}.variant`, 'duplicate', `Variant ${item.variant} is listed twice for one user`);
    }
    seen.add(key);
  });
}

export async function getReportSettings(ctx: Ctx, actor: Actor): Promise<analytics.SettingsRow> {
  authorize(actor, 'settings:read');
  return analytics.settings(ctx.db);
}

/** Changes the send time and the organisation's time zone; a new zone recounts the roll-ups in the same transaction. */
export async function putReportSettings(
  ctx: Ctx,
  actor: Actor,
  input: { reportTime?: string | undefined; timeZone?: string | undefined },
): Promise<analytics.SettingsRow> {
  authorize(actor, 'settings:write');
  if (input.timeZone !== undefined && !isKnownTimeZone(input.timeZone)) {
    throw invalidField('timeZone', 'unknown_time_zone', `Unknown IANA time zone '${input.timeZone}'`);
  }
  const current = await analytics.settings(ctx.db);
  const next = { timeZone: input.timeZone ?? current.timeZone, reportTime: input.reportTime ?? current.reportTime };
  await ctx.db.transaction(async (tx) => {
    await analytics.updateSettings(tx, next);
    if (next.timeZone !== current.timeZone) {
      await rebuildRollups(tx);
    }
  });
  return next;
}
