// The dashboard: every figure for one set of filters, read from the roll-ups (counts), the facts (working times),
// the register (backlog now), the SLA module (compliance) and the submissions module (submission-quality errors).
import type { Ctx } from '../../context.ts';
import type { Actor } from '../auth/actor.ts';
import { complianceByMonth } from '../sla/sla.reports.ts';
import { rejectionCounts } from '../submissions/submissions.service.ts';
import {
  appealsOverTime,
  backlogBlock,
  categoryBlocks,
  channelMix,
  namedTable,
  seriesByKey,
  slaBlock,
  submissionErrors,
  sum,
  thanksShare,
} from './analytics.blocks.ts';
import * as factsRepo from './analytics.facts.repo.ts';
import { type Filter, resolveFilter } from './analytics.filter.ts';
import * as repo from './analytics.repo.ts';
import * as rollups from './analytics.rollups.repo.ts';
import { satisfactionIndices } from './analytics.satisfaction.ts';
import type { AnalyticsQuery, Dashboard } from './analytics.schema.ts';
import {
  addDays,
  bucketsOf,
  bucketsToRead,
  dayStartInstant,
  edgeBuckets,
  type Grain,
  SAMPLE_SLICES,
  sampleSlices,
  shiftYears,
} from './periods.ts';

/**
 * Which whole buckets a count reads from the roll-up: every month or week inside the period, and the first and last
 * ones too when no appeal at all was received on their days outside it (the common "up to today" period).
 */
async function wholeBuckets(ctx: Ctx, period: { from: string; to: string; grain: Grain }) {
  const { from, to, grain } = period;
  if (grain === 'day') {
    return null;
  }
  const edges = edgeBuckets(from, to, grain);
  const empty = async (ranges: [string, string][]) => {
    for (const [first, last] of ranges) {
      if (await rollups.anyAppealsBetween(ctx.db, first, last)) {
        return false;
      }
    }
    return true;
  };
  const [firstWhole, lastWhole] = await Promise.all([empty(edges.outsideFirst), empty(edges.outsideLast)]);
  return bucketsToRead(from, to, grain, { firstWhole, lastWhole });
}

/** The counts of these sets over [from, to] under the filter. */
async function countsOver(ctx: Ctx, filter: Filter, period: { from: string; to: string }, sets: rollups.CountSet[]) {
  const whole = await wholeBuckets(ctx, { ...period, grain: filter.grain });
  return rollups.counts(ctx.db, { ...filter, ...period, whole, sets });
}

/** The dashboard at the clock's now (the default period ends on the organisation's today). */
export async function dashboard(ctx: Ctx, actor: Actor, query: AnalyticsQuery): Promise<Dashboard> {
  const now = ctx.clock.now();
  return buildDashboard(ctx, actor, await resolveFilter(ctx, actor, query, now), now);
}

/** The period's day bounds as instants, and the same period a year before. */
function periodsOf(filter: Filter) {
  const previous = { from: shiftYears(filter.from, -1), to: shiftYears(filter.to, -1) };
  return {
    buckets: bucketsOf(filter.from, filter.to, filter.grain),
    previous: { ...previous, buckets: bucketsOf(previous.from, previous.to, filter.grain) },
    fromInstant: dayStartInstant(filter.from, filter.timeZone),
    toInstant: dayStartInstant(addDays(filter.to, 1), filter.timeZone),
  };
}

/** Everything the stores answer for the filter, read side by side. */
async function readFigures(ctx: Ctx, actor: Actor, filter: Filter, now: Date) {
  const { previous, fromInstant, toInstant } = periodsOf(filter);
  const [rows, previousRows, backlog, sla, rejections, pending, categories, satisfaction] = await Promise.all([
    countsOver(ctx, filter, filter, ['kind', 'channel', 'category', 'unit', 'owner', 'unit_channel']),
    countsOver(ctx, filter, previous, ['kind']),
    repo.backlog(ctx.db, filter, now),
    complianceByMonth(ctx, { from: fromInstant, to: toInstant, timeZone: filter.timeZone, appeals: filter }, now),
    rejectionCounts(ctx, actor, { from: fromInstant.toISOString(), to: toInstant.toISOString() }),
    factsRepo.pendingFacts(ctx.db),
    repo.categories(ctx.db),
    satisfactionIndices(ctx, actor, filter),
  ]);
  return { rows, previousRows, backlog, sla, rejections, pending, categories, satisfaction };
}

/** Median and 90th percentile of the working times; a sample only when the set is too large to sort quickly. */
async function times(ctx: Ctx, filter: Filter, total: number, pending: number): Promise<Dashboard['times']> {
  const slices = sampleSlices(total);
  const figures = await rollups.withoutJit(ctx.db, (db) => factsRepo.percentiles(db, { ...filter, slices }));
  const sampled = slices < SAMPLE_SLICES;
  return {
    firstResponse: { count: figures.frCount, median: figures.frMedian, p90: figures.frP90, sampled },
    resolution: { count: figures.rsCount, median: figures.rsMedian, p90: figures.rsP90, sampled },
    pendingAppeals: pending,
    calendar: 'cs',
  };
}

export async function buildDashboard(ctx: Ctx, actor: Actor, filter: Filter, now: Date): Promise<Dashboard> {
  const { buckets, previous } = periodsOf(filter);
  const figures = await readFigures(ctx, actor, filter, now);
  const overTime = appealsOverTime(
    { rows: figures.rows, buckets },
    { rows: figures.previousRows, buckets: previous.buckets },
  );
  const grand = sum(overTime.total);
  const unitSeries = seriesByKey(figures.rows, 'unit', buckets);
  const ownerSeries = seriesByKey(figures.rows, 'owner', buckets);
  const named = (ids: Iterable<string | null>) => [...ids].filter((id): id is string => id !== null);
  const [unitNames, userNames, workingTimes] = await Promise.all([
    repo.unitNames(ctx.db, named([...unitSeries.keys(), ...figures.rejections.map((row) => row.unitId)])),
    repo.userNames(ctx.db, named(ownerSeries.keys())),
    times(ctx, filter, grand, figures.pending),
  ]);
  const { from, to, grain, timeZone, unitId, channel, kind, categoryId } = filter;
  const categories = categoryBlocks(figures.rows, buckets, grand, figures.categories);
  return {
    filters: { from, to, grain, timeZone, unitId, channel, kind, categoryId },
    buckets,
    total: grand,
    appealsOverTime: overTime,
    channelMix: channelMix(figures.rows, buckets, grand),
    topCategories: categories.topCategories,
    longServiceCauses: categories.longServiceCauses,
    thanksShare: thanksShare(overTime),
    sla: slaBlock(figures.sla, filter),
    times: workingTimes,
    backlog: backlogBlock(figures.backlog, repo.OPEN_STATUSES),
    units: namedTable(unitSeries, unitNames, { ru: 'Без подразделения', en: 'No unit' }, grand),
    agents: namedTable(ownerSeries, userNames, { ru: 'Не назначено', en: 'Unassigned' }, grand),
    categories: categories.categories,
    submissionErrors: submissionErrors(figures.rows, figures.rejections, unitNames, filter.unitIds),
    satisfaction: figures.satisfaction,
  };
}
