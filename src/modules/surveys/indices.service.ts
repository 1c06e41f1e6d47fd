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
import { type Range, splitPeriod } from './tally-period.ts';

const DAY_MS = 86_400_000;

function checkTimeZone(tz: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz;
  } catch {
    throw invalidField(
      'query.tz',
      'unknown_time_zone',
      `Unknown time zone "${tz}"; use an IANA name such as Europe/Moscow`,
    );
  }
}

/** A date is a whole day in the report's time zone (`to` included); a date-time is an exact instant (`to` excluded). */
function bound(value: string, tz: string, end: boolean): Date {
  if (value.length !== 10) {
    return new Date(value);
  }
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
  // By default the organisation's zone, the one the roll-ups keep months in: another zone's months are read raw.
  const tz = checkTimeZone(q.tz ?? (await repo.tallyTimeZone(ctx.db)));
  const to = q.to ? bound(q.to, tz, true) : now;
  const from = q.from ? bound(q.from, tz, false) : new Date(to.getTime() - 365 * DAY_MS);
  if (!(from < to)) {
    throw invalidField('query.from', 'invalid_range', 'from must come before to');
  }
  const filter: repo.IndexFilter = {
    groupBy: q.groupBy,
    from,
    to,
    timeZone: tz,
    unitIds: unitsInScope(actor, q.unitId),
    surveyId: q.surveyId,
  };
  const [{ responses, events }, intakes, visitors, s] = await Promise.all([
    periodTallies(ctx, filter),
    repo.tallyIntakes(ctx.db, filter),
    repo.tallyVisitors(ctx.db, filter),
    settings(ctx.db),
  ]);
  const groups = new Map<string | null, GroupTally>();
  const group = (key: string | null) => {
    let t = groups.get(key);
    if (!t) {
      groups.set(key, (t = emptyTally()));
    }
    return t;
  };
  for (const { key, ...t } of responses) {
    Object.assign(group(key), t);
  }
  const transactions = new Map<string | null, number>();
  for (const e of events) {
    transactions.set(e.key, e.events);
  }
  for (const d of intakes) {
    transactions.set(d.key, (transactions.get(d.key) ?? 0) + d.intakes);
    Object.assign(group(d.key), { intakes: d.intakes, intakesWithEmail: d.intakesWithEmail });
  }
  for (const [key, n] of transactions) {
    group(key).transactions = n;
  }
  if (visitors) {
    for (const [key, n] of visitors) {
      group(key).visitors = n;
    }
    for (const [key, t] of groups) {
      t.visitors ??= key === null ? null : 0;
    }
  }
  const names = await repo.labels(
    ctx.db,
    q.groupBy,
    [...groups.keys()].filter((k): k is string => k !== null),
    q.locale ?? actor.locale,
  );
  const items = [...groups.entries()]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)))
    .map(([key, t]) =>
      indexRow(
        key,
        key === null
          ? null
          : (names.get(key) ?? (q.groupBy === 'month' || q.groupBy === 'channel' || q.groupBy === 'all' ? key : null)),
        t,
        s,
      ),
    );
  return {
    groupBy: q.groupBy,
    from: from.toISOString(),
    to: to.toISOString(),
    correctionCoefficient: s.correctionCoefficient,
    items,
  };
}

/**
 * Response and purchase-event tallies of the filter: whole months of the roll-up's zone from the roll-ups, the
 * period's edges from the raw rows (added, or taken away where the months overshoot). Months of another zone
 * cannot be read from the roll-up: groupBy=month in a zone other than tally_time_zone reads the raw rows.
 */
export async function periodTallies(
  ctx: Ctx,
  f: repo.IndexFilter,
): Promise<{ responses: repo.ResponseTally[]; events: repo.EventTally[] }> {
  const zone = await repo.tallyTimeZone(ctx.db);
  const split = f.groupBy === 'month' && f.timeZone !== zone ? null : splitPeriod(f.from, f.to, zone);
  if (!split?.months) {
    return { responses: await repo.tallyResponses(ctx.db, f), events: await repo.tallyEvents(ctx.db, f) };
  }
  const months = split.months;
  const edge = (r: Range) => ({ ...f, from: r.from, to: r.to });
  const [responses, events] = await Promise.all([
    Promise.all([
      repo.tallyResponseMonths(ctx.db, f, months),
      Promise.all(split.add.map((r) => repo.tallyResponses(ctx.db, edge(r)))),
      Promise.all(split.subtract.map((r) => repo.tallyResponses(ctx.db, edge(r)))),
    ]),
    Promise.all([
      repo.tallyEventMonths(ctx.db, f, months),
      Promise.all(split.add.map((r) => repo.tallyEvents(ctx.db, edge(r)))),
      Promise.all(split.subtract.map((r) => repo.tallyEvents(ctx.db, edge(r)))),
    ]),
  ]);
  const [rMonths, rAdd, rSub] = responses;
  const [eMonths, eAdd, eSub] = events;
  return {
    // A group every closed invitation of which lies outside the period (taken away at an edge) is no group.
    responses: combine([rMonths, ...rAdd], rSub, repo.RESPONSE_COUNTERS).filter((t) => t.closed > 0),
    events: combine([eMonths, ...eAdd], eSub, ['events']).filter((t) => t.events > 0),
  };
}

/** Adds up tallies per key, taking away the subtracted ones. */
function combine<T extends { key: string | null }>(plus: T[][], minus: T[][], counters: readonly (keyof T)[]): T[] {
  const byKey = new Map<string | null, T>();
  const add = (rows: T[], sign: 1 | -1) => {
    for (const row of rows) {
      let t = byKey.get(row.key);
      if (!t) {
        byKey.set(row.key, (t = { ...row, ...Object.fromEntries(counters.map((c) => [c, 0])) }));
      }
      for (const c of counters) {
        (t[c] as number) += sign * (row[c] as number);
      }
    }
  };
  for (const rows of plus) {
    add(rows, 1);
  }
  for (const rows of minus) {
    add(rows, -1);
  }
  return [...byKey.values()];
}

export const indicesCsv = (report: IndicesReport): string => toCsv(report.items);
