// SLA compliance for reports: met, breached and open targets per unit, channel, category, month or metric.
import type { Ctx } from '../../context.ts';
import { invalidField } from '../../server/errors.ts';
import { authorize, unitScope, type Actor } from '../auth/actor.ts';
import { compliance, type ComplianceFilter } from './sla-scan.repo.ts';
import type { ComplianceQuery, ComplianceReport } from './sla.schema.ts';
import { calendarOf, freshSnapshot, READ_MAX_AGE_MS } from './sla.snapshot.ts';
import { isKnownTimeZone } from './zone-offsets.ts';

const percent = (met: number, breached: number) =>
  met + breached === 0 ? null : Math.round((1000 * met) / (met + breached)) / 10;

export async function complianceReport(
  ctx: Ctx,
  actor: Actor,
  q: ComplianceQuery,
  now = new Date(),
): Promise<ComplianceReport> {
  authorize(actor, 'appeals:read');
  if (new Date(q.from) >= new Date(q.to)) {
    throw invalidField('query.to', 'before_from', '"to" must be later than "from"');
  }
  if (q.timeZone !== undefined && !isKnownTimeZone(q.timeZone)) {
    throw invalidField('query.timeZone', 'unknown_time_zone', `Unknown IANA time zone '${q.timeZone}'`);
  }
  const snap = await freshSnapshot(ctx.db, READ_MAX_AGE_MS);
  const rows = await compliance(ctx.db, {
    from: q.from,
    to: q.to,
    groupBy: q.groupBy,
    metrics: q.metric ?? null,
    scopeUnitIds: unitScope(actor),
    now,
    timeZone: q.timeZone ?? calendarOf(snap, snap.csCalendarId).timeZone,
  });
  const total = { met: 0, breached: 0, open: 0 };
  const items = rows.map((r) => {
    total.met += r.met;
    total.breached += r.breached;
    total.open += r.open;
    return {
      key: r.key,
      label: r.label ?? r.key,
      met: r.met,
      breached: r.breached,
      open: r.open,
      total: r.met + r.breached + r.open,
      compliancePercent: percent(r.met, r.breached),
    };
  });
  return {
    from: new Date(q.from).toISOString(),
    to: new Date(q.to).toISOString(),
    groupBy: q.groupBy,
    items,
    total: {
      ...total,
      total: total.met + total.breached + total.open,
      compliancePercent: percent(total.met, total.breached),
    },
  };
}

/**
 * Compliance by month of the organisation's zone for analytics, with its appeal filters; the caller has authorised the
 * actor and narrowed `appeals.unitIds` to what they may see.
 */
export async function complianceByMonth(
  ctx: Ctx,
  q: { from: Date; to: Date; timeZone: string; appeals: NonNullable<ComplianceFilter['appeals']> },
  now = new Date(),
): Promise<ComplianceReport['items']> {
  const rows = await compliance(ctx.db, {
    from: q.from.toISOString(),
    to: q.to.toISOString(),
    groupBy: 'month',
    metrics: null,
    scopeUnitIds: null,
    now,
    timeZone: q.timeZone,
    appeals: q.appeals,
  });
  return rows.map((r) => ({
    key: r.key,
    label: r.label ?? r.key,
    met: r.met,
    breached: r.breached,
    open: r.open,
    total: r.met + r.breached + r.open,
    compliancePercent: percent(r.met, r.breached),
  }));
}
