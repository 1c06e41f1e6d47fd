// Who gets which report, when it goes out, and the jobs that send it: the recurring check queues one job per finished
// period (its dedupe key names the period, so several processes queue it once), and that job queues one mail per
// subscription (again with a dedupe key), through the outbox.
import type { Ctx } from '../../context.ts';
import { enqueue } from '../../jobs/jobs.service.ts';
import { AppError, invalidField } from '../../server/errors.ts';
import { authorize, can, type Actor, type Role } from '../auth/actor.ts';
import { queueRenderedStaffMail } from '../mail/outbound/queue.ts';
import { isKnownTimeZone } from '../sla/zone-offsets.ts';
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
  const s = await analytics.settings(ctx.db);
  if (orgTimeOf(now, s.timeZone) < s.reportTime) {
    return [];
  }
  const today = orgDayOf(now, s.timeZone);
  const periods = REPORT_VARIANTS.filter((v) => dueToday(v, today)).map((v) => lastPeriod(v, today));
  await enqueue(
    ctx.db,
    periods.map((p) => ({ kind: REPORT_JOB, payload: { ...p }, dedupeKey: `${REPORT_JOB}:${p.variant}:${p.key}` })),
    now,
  );
  return periods.map((p) => `${p.variant}:${p.key}`);
}

/** The job of one period: a mail to every active subscriber of its variant, each in their language and scope. */
export async function sendPeriodReports(
  ctx: Ctx,
  payload: Record<string, unknown>,
  now: Date,
): Promise<{ queued: number }> {
  const period = payload as unknown as ReportPeriod;
  let queued = 0;
  for (const r of await repo.recipients(ctx.db, period.variant)) {
    const actor: Actor = {
      id: r.userId,
      email: r.email,
      name: r.name,
      role: r.role as Role,
      locale: r.locale,
      unitIds: r.memberUnitIds,
    };
    const report = await renderReport(ctx, actor, { period, locale: r.locale, unitIds: r.unitIds }, 'cid', now);
    const out = await queueRenderedStaffMail(ctx.db, {
      to: r.email,
      toName: r.name,
      subject: report.subject,
      text: report.text,
      html: report.html,
      attachments: [
        ...report.images.map((i) => ({
          filename: `${i.cid.split('@')[0]}.png`,
          contentType: 'image/png',
          content: i.png,
          cid: i.cid,
        })),
        {
          filename: report.xlsxName,
          contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          content: report.xlsx,
        },
      ],
      dedupeKey: `${REPORT_JOB}:${period.variant}:${period.key}:${r.id}`,
    });
    if (out.queued) {
      queued += 1;
    }
  }
  return { queued };
}

const present = (r: repo.SubscriptionRow): ReportSubscription => ({ ...r, unitIds: r.unitIds ?? [] });

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
  const items = body.items.map((i) => ({ ...i, userId: i.userId ?? actor.id }));
  const admin = can(actor, 'settings:write');
  const seen = new Set<string>();
  items.forEach((i, n) => {
    if (!admin && i.userId !== actor.id) {
      throw new AppError('forbidden', 'Only settings:write may subscribe other users');
    }
    if (!admin && actor.role === 'unit_responsible' && i.unitIds.some((u) => !actor.unitIds.includes(u))) {
      throw invalidField(`items.${n}.unitIds`, 'unit_not_allowed', 'You may only subscribe to your own units');
    }
    const key = `${i.userId}:${i.variant}`;
    if (seen.has(key)) {
      throw invalidField(`items.${n}.variant`, 'duplicate', `Variant ${i.variant} is listed twice for one user`);
    }
    seen.add(key);
  });
  const userIds = [...new Set([actor.id, ...items.map((i) => i.userId)])];
  const known = await repo.existingUserIds(ctx.db, userIds);
  items.forEach((i, n) => {
    if (!known.has(i.userId)) {
      throw invalidField(`items.${n}.userId`, 'unknown_user', `No user ${i.userId}`);
    }
  });
  const scoped = admin ? [...new Set(items.map((i) => i.userId).concat(actor.id))] : [actor.id];
  await ctx.db.transaction((tx) => repo.replaceSubscriptions(tx, scoped, items));
  return (await repo.listSubscriptions(ctx.db, admin ? null : actor.id))
    .filter((s) => scoped.includes(s.userId))
    .map(present);
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
