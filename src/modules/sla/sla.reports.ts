// SLA compliance for reports: met, breached and open targets per unit, channel, category, month or metric.
import type { Ctx } from '../../context.ts';
import { invalidField } from '../../server/errors.ts';
import { authorize, unitScope, type Actor } from '../auth/actor.ts';
import { compliance, type ComplianceFilter, type ComplianceRow } from './sla-compliance.repo.ts';
import type { ComplianceQuery, ComplianceReport } from './sla.schema.ts';
import { calendarOf, freshSnapshot, READ_MAX_AGE_MS } from './sla.snapshot.ts';
import { isKnownTimeZone } from './zone-offsets.ts';

type Figures = Pick<ComplianceRow, 'met' | 'breached' | 'open'>;

const percent = (met: number, breached: number) =>
  met + breached === 0 ? null : Math.round((1000 * met) / (met + breached)) / 10;

/** The figures with their total and compliance share. */
const withShare = ({ met, breached, open }: Figures) => ({
  met,
  breached,
  open,
  total: met + breached + open,
  compliancePercent: percent(met, breached),
});

const presentRow = (row: ComplianceRow): ComplianceReport['items'][number] => ({
  key: row.key,
  label: row.label ?? row.key,
  ...withShare(row),
});

/** The report at the clock's now: a target past due and not met counts as breached. */
export async function complianceReport(ctx: Ctx, actor: Actor, query: ComplianceQuery): Promise<ComplianceReport> {
  authorize(actor, 'appeals:read');
  if (new Date(query.from) >= new Date(query.to)) {
    throw invalidField('query.to', 'before_from', '"to" must be later than "from"');
  }
  if (query.timeZone !== undefined && !isKnownTimeZone(query.timeZone)) {
    throw invalidField('query.timeZone', 'unknown_time_zone', `Unknown IANA time zone '${query.timeZone}'`);
  }
  const snap = await freshSnapshot(ctx.db, READ_MAX_AGE_MS);
  const rows = await compliance(ctx.db, {
    from: query.from,
    to: query.to,
    groupBy: query.groupBy,
    metrics: query.metric ?? null,
    scopeUnitIds: unitScope(actor),
    now: ctx.clock.now(),
    timeZone: query.timeZone ?? calendarOf(snap, snap.csCalendarId).timeZone,
  });
  const total: Figures = { met: 0, breached: 0, open: 0 };
  for (const row of rows) {
    total.met += row.met;
    total.breached += row.breached;
    total.open += row.open;
  }
  return {
    from: new Date(query.from).toISOString(),
    to: new Date(query.to).toISOString(),
    groupBy: query.groupBy,
    items: rows.map(presentRow),
    total: withShare(total),
  };
}

/**
 * Compliance by month of the organisation's zone for analytics, with its appeal filters, at `now`; the caller has
 * authorised the actor and narrowed `appeals.unitIds` to what they may see.
 */
export async function complianceByMonth(
  ctx: Ctx,
  period: { from: Date; to: Date; timeZone: string; appeals: NonNullable<ComplianceFilter['appeals']> },
  now: Date,
): Promise<ComplianceReport['items']> {
  const rows = await compliance(ctx.db, {
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    groupBy: 'month',
    metrics: null,
    scopeUnitIds: null,
    now,
    timeZone: period.timeZone,
    appeals: period.appeals,
  });
  return rows.map(presentRow);
}
