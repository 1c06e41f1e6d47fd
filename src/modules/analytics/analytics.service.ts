// The dashboard: every figure for one set of filters, read from the roll-ups (counts), the facts (working times),
// the register (backlog now), the SLA module (compliance) and the submissions module (submission-quality errors).
import type { Ctx } from '../../context.ts';
import type { Actor } from '../auth/actor.ts';
import { APPEAL_KINDS } from '../categories/categories.schema.ts';
import { complianceByMonth } from '../sla/sla.reports.ts';
import { rejectionCounts } from '../submissions/submissions.service.ts';
import { type Filter, resolveFilter } from './analytics.filter.ts';
import * as repo from './analytics.repo.ts';
import { satisfactionIndices } from './analytics.satisfaction.ts';
import type { AnalyticsQuery, Dashboard } from './analytics.schema.ts';
import {
  addDays,
  bucketsOf,
  bucketsToRead,
  dayStartInstant,
  edgeBuckets,
  type Grain,
  sampleSlices,
  share,
  shiftYears,
} from './periods.ts';

const TOP_CATEGORIES = 10;
const LONG_SERVICE = 'long_service';

/** Sums count rows of one set into a series per key over `buckets`, zeros where nothing happened. */
export function seriesByKey(
  rows: readonly repo.CountRow[],
  set: repo.CountSet,
  buckets: readonly string[],
): Map<string | null, number[]> {
  const index = new Map(buckets.map((b, i) => [b, i]));
  const out = new Map<string | null, number[]>();
  for (const r of rows) {
    if (r.set !== set || r.bucket === null) {
      continue;
    }
    const i = index.get(r.bucket);
    if (i === undefined) {
      continue;
    }
    let s = out.get(r.key);
    if (!s) {
      out.set(r.key, (s = buckets.map(() => 0)));
    }
    s[i]! += r.n;
  }
  return out;
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
/** Busiest first; ties in a fixed order, so that equal rows do not swap places between requests. */
const byAppealsDesc =
  <T extends { appeals: number }>(label: (x: T) => string | null) =>
  (a: T, b: T) =>
    b.appeals - a.appeals || (label(a) ?? '').localeCompare(label(b) ?? '');

/**
 * Which whole buckets a count reads from the roll-up: every month or week inside the period, and the first and last
 * ones too when no appeal at all was received on their days outside it (the common "up to today" period).
 */
async function wholeBuckets(ctx: Ctx, from: string, to: string, grain: Grain): Promise<repo.CountQuery['whole']> {
  if (grain === 'day') {
    return null;
  }
  const edges = edgeBuckets(from, to, grain);
  const empty = async (ranges: [string, string][]) => {
    for (const [a, b] of ranges) {
      if (await repo.anyAppealsBetween(ctx.db, a, b)) {
        return false;
      }
    }
    return true;
  };
  const [firstWhole, lastWhole] = await Promise.all([empty(edges.outsideFirst), empty(edges.outsideLast)]);
  return bucketsToRead(from, to, grain, firstWhole, lastWhole);
}

async function countQuery(
  ctx: Ctx,
  f: Filter,
  from: string,
  to: string,
  sets: readonly repo.CountSet[],
): Promise<repo.CountQuery> {
  return { ...f, from, to, whole: await wholeBuckets(ctx, from, to, f.grain), sets };
}

export async function dashboard(ctx: Ctx, actor: Actor, q: AnalyticsQuery, now = new Date()): Promise<Dashboard> {
  const f = await resolveFilter(ctx, actor, q, now);
  return buildDashboard(ctx, actor, f, now);
}

export async function buildDashboard(ctx: Ctx, actor: Actor, f: Filter, now = new Date()): Promise<Dashboard> {
  const buckets = bucketsOf(f.from, f.to, f.grain);
  const prevFrom = shiftYears(f.from, -1);
  const prevTo = shiftYears(f.to, -1);
  const prevBuckets = bucketsOf(prevFrom, prevTo, f.grain);
  const fromInstant = dayStartInstant(f.from, f.timeZone);
  const toInstant = dayStartInstant(addDays(f.to, 1), f.timeZone);

  const [rows, prevRows, backlogRows, slaRows, rejections, pending, cats, satisfaction] = await Promise.all([
    countQuery(ctx, f, f.from, f.to, ['kind', 'channel', 'category', 'unit', 'owner', 'unit_channel']).then((q) =>
      repo.counts(ctx.db, q),
    ),
    countQuery(ctx, f, prevFrom, prevTo, ['kind']).then((q) => repo.counts(ctx.db, q)),
    repo.backlog(ctx.db, f, now),
    complianceByMonth(ctx, { from: fromInstant, to: toInstant, timeZone: f.timeZone, appeals: f }, now),
    rejectionCounts(ctx, actor, { from: fromInstant.toISOString(), to: toInstant.toISOString() }),
    repo.pendingFacts(ctx.db),
    repo.categories(ctx.db),
    satisfactionIndices(ctx, actor, f),
  ]);

  const kinds = seriesByKey(rows, 'kind', buckets);
  const zero = buckets.map(() => 0);
  const total = buckets.map((_, i) => sum([...kinds.values()].map((s) => s[i]!)));
  const grand = sum(total);
  const prevKinds = seriesByKey(prevRows, 'kind', prevBuckets);
  const prevTotal = prevBuckets.map((_, i) => sum([...prevKinds.values()].map((s) => s[i]!)));

  // Working-time percentiles read a sample only when the set is too large to sort quickly; counts stay exact.
  const slices = sampleSlices(grand);
  const pct = await repo.withoutJit(ctx.db, (q) => repo.percentiles(q, { ...f, slices }));
  const sampled = slices < 64;

  const catById = new Map(cats.map((c) => [c.id, c]));
  const categorySeries = seriesByKey(rows, 'category', buckets);
  const categoryRows = [...categorySeries]
    .map(([id, series]) => {
      const c = id ? catById.get(id) : undefined;
      return {
        categoryId: id,
        code: c?.code ?? null,
        nameRu: c?.nameRu ?? 'Без категории',
        nameEn: c?.nameEn ?? 'No category',
        appeals: sum(series),
        share: share(sum(series), grand),
        series,
      };
    })
    .sort(byAppealsDesc((r) => r.code));
  const longService = cats.find((c) => c.code === LONG_SERVICE);
  const causeRows = categoryRows.filter(
    (r) =>
      longService &&
      r.categoryId &&
      (r.categoryId === longService.id || catById.get(r.categoryId)?.parentId === longService.id),
  );
  const causesTotal = sum(causeRows.map((r) => r.appeals));

  const unitSeries = seriesByKey(rows, 'unit', buckets);
  const ownerSeries = seriesByKey(rows, 'owner', buckets);
  const [unitNames, userNames] = await Promise.all([
    repo.unitNames(
      ctx.db,
      [...unitSeries.keys(), ...rejections.map((r) => r.unitId)].filter((x): x is string => x !== null),
    ),
    repo.userNames(
      ctx.db,
      [...ownerSeries.keys()].filter((x): x is string => x !== null),
    ),
  ]);
  const table = (series: Map<string | null, number[]>, names: Map<string, string>, none: [string, string]) =>
    [...series]
      .map(([id, s]) => ({
        id,
        name: id ? (names.get(id) ?? id) : none[0],
        nameEn: id ? (names.get(id) ?? id) : none[1],
        appeals: sum(s),
        share: share(sum(s), grand),
        series: s,
      }))
      .sort(byAppealsDesc((r) => `${r.name}\u0000${r.id}`));

  const submissions = new Map<string, number>();
  for (const r of rows) {
    if (r.set === 'unit_channel' && r.channel === 'store_submission' && r.key) {
      submissions.set(r.key, r.n);
    }
  }
  const unitAllowed = (id: string) => f.unitIds === null || f.unitIds.includes(id);

  const channelSeries = seriesByKey(rows, 'channel', buckets);
  const slaByMonth = new Map(slaRows.map((r) => [`${r.key}-01`, r]));
  const slaTotal = slaRows.reduce(
    (t, r) => ({ met: t.met + r.met, breached: t.breached + r.breached, open: t.open + r.open }),
    { met: 0, breached: 0, open: 0 },
  );

  return {
    filters: {
      from: f.from,
      to: f.to,
      grain: f.grain,
      timeZone: f.timeZone,
      unitId: f.unitId,
      channel: f.channel,
      kind: f.kind,
      categoryId: f.categoryId,
    },
    buckets,
    total: grand,
    appealsOverTime: {
      buckets,
      total,
      byKind: APPEAL_KINDS.map((kind) => ({ kind, values: kinds.get(kind) ?? zero })),
      previousYear: {
        buckets: prevBuckets,
        total: prevTotal,
        byKind: APPEAL_KINDS.map((kind) => ({ kind, values: prevKinds.get(kind) ?? prevBuckets.map(() => 0) })),
      },
    },
    channelMix: [...channelSeries]
      .map(([channel, s]) => ({ channel: channel ?? '', appeals: sum(s), share: share(sum(s), grand), series: s }))
      .sort(byAppealsDesc((r) => r.channel)),
    topCategories: categoryRows.slice(0, TOP_CATEGORIES),
    longServiceCauses: causeRows.map((r) => ({ ...r, share: share(r.appeals, causesTotal) })),
    thanksShare: buckets.map((bucket, i) => {
      const thanks = kinds.get('thanks')?.[i] ?? 0;
      return { bucket, thanks, appeals: total[i]!, share: share(thanks, total[i]!) };
    }),
    sla: {
      total: { ...slaTotal, compliancePercent: share(slaTotal.met, slaTotal.met + slaTotal.breached) },
      byMonth: bucketsOf(f.from, f.to, 'month').map((bucket) => {
        const r = slaByMonth.get(bucket);
        return {
          bucket,
          met: r?.met ?? 0,
          breached: r?.breached ?? 0,
          open: r?.open ?? 0,
          compliancePercent: r?.compliancePercent ?? null,
        };
      }),
    },
    times: {
      firstResponse: { count: pct.frCount, median: pct.frMedian, p90: pct.frP90, sampled },
      resolution: { count: pct.rsCount, median: pct.rsMedian, p90: pct.rsP90, sampled },
      pendingAppeals: pending,
      calendar: 'cs',
    },
    backlog: {
      open: sum(backlogRows.map((r) => r.n)),
      overdue: sum(backlogRows.map((r) => r.overdue)),
      byStatus: Object.fromEntries(repo.OPEN_STATUSES.map((s) => [s, backlogRows.find((r) => r.status === s)?.n ?? 0])),
    },
    units: table(unitSeries, unitNames, ['Без подразделения', 'No unit']),
    agents: table(ownerSeries, userNames, ['Не назначено', 'Unassigned']),
    categories: categoryRows.map((r) => ({
      id: r.categoryId,
      name: r.nameRu,
      nameEn: r.nameEn,
      appeals: r.appeals,
      share: r.share,
      series: r.series,
    })),
    submissionErrors: rejections
      .filter((r) => unitAllowed(r.unitId))
      .map((r) => {
        const accepted = submissions.get(r.unitId) ?? 0;
        return {
          unitId: r.unitId,
          unitName: unitNames.get(r.unitId) ?? r.unitName,
          rejections: r.rejections,
          submissions: accepted,
          errorRate: share(r.rejections, r.rejections + accepted),
          byCode: r.byCode,
        };
      }),
    satisfaction,
  };
}
