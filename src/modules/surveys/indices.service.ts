// Owns: the indices report — the period and scope of a request, the database's tallies per group, and the rows
// the pure formulas make of them.
import { TZDate } from '@date-fns/tz';
import type { Ctx } from '../../context.ts';
import { invalidField } from '../../server/errors.ts';
import type { Actor } from '../auth/actor.ts';
import * as denominators from './denominators.repo.ts';
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
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(year, month - 1, day + (end ? 1 : 0), tz).getTime());
}

export interface IndicesReport {
  groupBy: repo.GroupBy;
  from: string;
  to: string;
  correctionCoefficient: number;
  items: IndexRow[];
}

export async function indices(
  ctx: Ctx,
  actor: Actor,
  query: IndicesQueryInput,
  now = ctx.clock.now(),
): Promise<IndicesReport> {
  authorizeSurvey(actor, 'read');
  // By default the organisation's zone, the one the roll-ups keep months in: another zone's months are read raw.
  const timeZone = checkTimeZone(query.tz ?? (await repo.tallyTimeZone(ctx.db)));
  const to = query.to ? bound(query.to, timeZone, true) : now;
  const from = query.from ? bound(query.from, timeZone, false) : new Date(to.getTime() - 365 * DAY_MS);
  if (!(from < to)) {
    throw invalidField('query.from', 'invalid_range', 'from must come before to');
  }
  const filter: repo.IndexFilter = {
    groupBy: query.groupBy,
    from,
    to,
    timeZone,
    unitIds: unitsInScope(actor, query.unitId),
    surveyId: query.surveyId,
  };
  const [{ responses, events }, intakes, visitors, programme] = await Promise.all([
    periodTallies(ctx, filter),
    denominators.tallyIntakes(ctx.db, filter),
    denominators.tallyVisitors(ctx.db, filter),
    settings(ctx.db),
  ]);
  const groups = groupTallies({ responses, events, intakes, visitors });
  const names = await repo.labels(
    ctx.db,
    query.groupBy,
    [...groups.keys()].filter((key): key is string => key !== null),
    query.locale ?? actor.locale,
  );
  // Keys that name nothing else (months, channels, 'all') are their own label.
  const keyIsLabel = query.groupBy === 'month' || query.groupBy === 'channel' || query.groupBy === 'all';
  const labelOf = (key: string | null) => (key === null ? null : (names.get(key) ?? (keyIsLabel ? key : null)));
  const items = [...groups.entries()]
    .sort(([left], [right]) => (left === null ? 1 : right === null ? -1 : left.localeCompare(right)))
    .map(([key, tally]) => indexRow(key, labelOf(key), tally, programme));
  return {
    groupBy: query.groupBy,
    from: from.toISOString(),
    to: to.toISOString(),
    correctionCoefficient: programme.correctionCoefficient,
    items,
  };
}

/**
 * Every group's tally from the database's counters: responses, transactions (purchase events and intakes alike)
 * and visitors, where a door counter can see the grouping (a group without a count then had none).
 */
function groupTallies(counted: {
  responses: repo.ResponseTally[];
  events: denominators.EventTally[];
  intakes: denominators.IntakeTally[];
  visitors: Map<string, number> | null;
}): Map<string | null, GroupTally> {
  const groups = new Map<string | null, GroupTally>();
  const group = (key: string | null) => {
    let tally = groups.get(key);
    if (!tally) {
      groups.set(key, (tally = emptyTally()));
    }
    return tally;
  };
  for (const { key, ...counters } of counted.responses) {
    Object.assign(group(key), counters);
  }
  const transactions = new Map<string | null, number>();
  for (const event of counted.events) {
    transactions.set(event.key, event.events);
  }
  for (const intake of counted.intakes) {
    transactions.set(intake.key, (transactions.get(intake.key) ?? 0) + intake.intakes);
    Object.assign(group(intake.key), { intakes: intake.intakes, intakesWithEmail: intake.intakesWithEmail });
  }
  for (const [key, count] of transactions) {
    group(key).transactions = count;
  }
  if (counted.visitors) {
    for (const [key, count] of counted.visitors) {
      group(key).visitors = count;
    }
    for (const [key, tally] of groups) {
      tally.visitors ??= key === null ? null : 0;
    }
  }
  return groups;
}

/**
 * Response and purchase-event tallies of the filter: whole months of the roll-up's zone from the roll-ups, the
 * period's edges from the raw rows (added, or taken away where the months overshoot). Months of another zone
 * cannot be read from the roll-up: groupBy=month in a zone other than tally_time_zone reads the raw rows.
 */
export async function periodTallies(
  ctx: Ctx,
  filter: repo.IndexFilter,
): Promise<{ responses: repo.ResponseTally[]; events: denominators.EventTally[] }> {
  const zone = await repo.tallyTimeZone(ctx.db);
  const split =
    filter.groupBy === 'month' && filter.timeZone !== zone ? null : splitPeriod(filter.from, filter.to, zone);
  if (!split?.months) {
    return {
      responses: await repo.tallyResponses(ctx.db, filter),
      events: await denominators.tallyEvents(ctx.db, filter),
    };
  }
  const months = split.months;
  const edge = (range: Range) => ({ ...filter, from: range.from, to: range.to });
  const [responses, events] = await Promise.all([
    Promise.all([
      repo.tallyResponseMonths(ctx.db, filter, months),
      Promise.all(split.add.map((range) => repo.tallyResponses(ctx.db, edge(range)))),
      Promise.all(split.subtract.map((range) => repo.tallyResponses(ctx.db, edge(range)))),
    ]),
    Promise.all([
      denominators.tallyEventMonths(ctx.db, filter, months),
      Promise.all(split.add.map((range) => denominators.tallyEvents(ctx.db, edge(range)))),
      Promise.all(split.subtract.map((range) => denominators.tallyEvents(ctx.db, edge(range)))),
    ]),
  ]);
  const [rMonths, rAdd, rSub] = responses;
  const [eMonths, eAdd, eSub] = events;
  return {
    // A group every closed invitation of which lies outside the period (taken away at an edge) is no group.
    responses: combine([rMonths, ...rAdd], rSub, repo.RESPONSE_COUNTERS).filter((tally) => tally.closed > 0),
    events: combine([eMonths, ...eAdd], eSub, ['events']).filter((tally) => tally.events > 0),
  };
}

/** Adds up tallies per key, taking away the subtracted ones. */
function combine<T extends { key: string | null }>(plus: T[][], minus: T[][], counters: readonly (keyof T)[]): T[] {
  const byKey = new Map<string | null, T>();
  const add = (rows: T[], sign: 1 | -1) => {
    for (const row of rows) {
      let sum = byKey.get(row.key);
      if (!sum) {
        byKey.set(row.key, (sum = { ...row, ...Object.fromEntries(counters.map((counter) => [counter, 0])) }));
      }
      for (const counter of counters) {
        (sum[counter] as number) += sign * (row[counter] as number);
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
