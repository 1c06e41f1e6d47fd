// Owns: the indices report — the period and scope of a request, the database's tallies per group, and the rows
// the pure formulas make of them.
import { TZDate } from '@date-fns/tz';
import type { Ctx } from '../../context.ts';
import { invalidField } from '../../server/errors.ts';
import type { Actor } from '../auth/actor.ts';
import * as repo from './indices.repo.ts';
import { emptyTally, type GroupTally, type IndexRow, indexRow, toCsv } from './report.ts';
import { authorizeSurvey, unitsInScope } from './surveys.access.ts';
import { settings } from './surveys.repo.ts';
import type { IndicesQueryInput } from './surveys.schema.ts';

const DAY_MS = 86_400_000;

function checkTimeZone(tz: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz;
  } catch {
    throw invalidField('query.tz', 'unknown_time_zone', `Unknown time zone "${tz}"; use an IANA name such as Europe/Moscow`);
  }
}

/** A date is a whole day in the report's time zone (`to` included); a date-time is an exact instant (`to` excluded). */
function bound(value: string, tz: string, end: boolean): Date {
  if (value.length !== 10) return new Date(value);
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d + (end ? 1 : 0), tz).getTime());
}

export interface IndicesReport {
  groupBy: repo.GroupBy;
  from: string;
  to: string;
  correctionCoefficient: number;
  items: IndexRow[];
}

export async function indices(ctx: Ctx, actor: Actor, q: IndicesQueryInput, now = new Date()): Promise<IndicesReport> {
  authorizeSurvey(actor, 'read');
  const tz = checkTimeZone(q.tz);
  const to = q.to ? bound(q.to, tz, true) : now;
  const from = q.from ? bound(q.from, tz, false) : new Date(to.getTime() - 365 * DAY_MS);
  if (!(from < to)) throw invalidField('query.from', 'invalid_range', 'from must come before to');
  const filter: repo.IndexFilter = { groupBy: q.groupBy, from, to, timeZone: tz, unitIds: unitsInScope(actor, q.unitId), surveyId: q.surveyId };
  const [responses, denominators, visitors, s] = await Promise.all([
    repo.tallyResponses(ctx.db, filter), repo.tallyDenominators(ctx.db, filter), repo.tallyVisitors(ctx.db, filter), settings(ctx.db),
  ]);
  const groups = new Map<string | null, GroupTally>();
  const group = (key: string | null) => {
    let t = groups.get(key);
    if (!t) groups.set(key, (t = emptyTally()));
    return t;
  };
  for (const { key, ...t } of responses) Object.assign(group(key), t);
  for (const d of denominators) Object.assign(group(d.key), { transactions: d.transactions, intakes: d.intakes, intakesWithEmail: d.intakesWithEmail });
  if (visitors) {
    for (const [key, n] of visitors) group(key).visitors = n;
    for (const [key, t] of groups) t.visitors ??= key === null ? null : 0;
  }
  const names = await repo.labels(ctx.db, q.groupBy, [...groups.keys()].filter((k): k is string => k !== null), q.locale ?? actor.locale);
  const items = [...groups.entries()]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)))
    .map(([key, t]) => indexRow(key, key === null ? null : (names.get(key) ?? (q.groupBy === 'month' || q.groupBy === 'channel' || q.groupBy === 'all' ? key : null)), t, s));
  return { groupBy: q.groupBy, from: from.toISOString(), to: to.toISOString(), correctionCoefficient: s.correctionCoefficient, items };
}

export const indicesCsv = (report: IndicesReport): string => toCsv(report.items);
