// Owns: turning the counts and figures the stores answered into the dashboard's blocks — series per bucket, shares,
// ranked tables, the SLA months, the backlog and submission errors. Pure: the service reads, these shape.
import { APPEAL_KINDS } from '../categories/categories.schema.ts';
import type { ComplianceReport } from '../sla/sla.schema.ts';
import type { CategoryInfo } from './analytics.repo.ts';
import type { CountRow, CountSet } from './analytics.rollups.repo.ts';
import type { Dashboard } from './analytics.schema.ts';
import { bucketsOf, share } from './periods.ts';

const TOP_CATEGORIES = 10;
const LONG_SERVICE = 'long_service';

/** Sums count rows of one set into a series per key over `buckets`, zeros where nothing happened. */
export function seriesByKey(
  rows: readonly CountRow[],
  set: CountSet,
  buckets: readonly string[],
): Map<string | null, number[]> {
  const index = new Map(buckets.map((bucket, i) => [bucket, i]));
  const out = new Map<string | null, number[]>();
  for (const row of rows) {
    const at = row.set === set && row.bucket !== null ? index.get(row.bucket) : undefined;
    if (at === undefined) {
      continue;
    }
    const series = out.get(row.key) ?? buckets.map(() => 0);
    series[at] = (series[at] ?? 0) + row.n;
    out.set(row.key, series);
  }
  return out;
}

export const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/** Each bucket's sum over every series. */
const totals = (series: Map<string | null, number[]>, buckets: readonly string[]) =>
  buckets.map((_, i) => sum([...series.values()].map((values) => values[i] ?? 0)));

/** Busiest first; ties in a fixed order, so that equal rows do not swap places between requests. */
const byAppealsDesc =
  <Row extends { appeals: number }>(label: (row: Row) => string | null) =>
  (left: Row, right: Row) =>
    right.appeals - left.appeals || (label(left) ?? '').localeCompare(label(right) ?? '');

/** Appeals per bucket by kind, with the same buckets a year before. */
export function appealsOverTime(
  current: { rows: readonly CountRow[]; buckets: string[] },
  previous: { rows: readonly CountRow[]; buckets: string[] },
): Dashboard['appealsOverTime'] {
  const kinds = seriesByKey(current.rows, 'kind', current.buckets);
  const previousKinds = seriesByKey(previous.rows, 'kind', previous.buckets);
  const zeros = (buckets: readonly string[]) => buckets.map(() => 0);
  return {
    buckets: current.buckets,
    total: totals(kinds, current.buckets),
    byKind: APPEAL_KINDS.map((kind) => ({ kind, values: kinds.get(kind) ?? zeros(current.buckets) })),
    previousYear: {
      buckets: previous.buckets,
      total: totals(previousKinds, previous.buckets),
      byKind: APPEAL_KINDS.map((kind) => ({ kind, values: previousKinds.get(kind) ?? zeros(previous.buckets) })),
    },
  };
}

/** The share of thanks among each bucket's appeals. */
export function thanksShare(overTime: Dashboard['appealsOverTime']): Dashboard['thanksShare'] {
  const thanks = overTime.byKind.find((series) => series.kind === 'thanks')?.values ?? [];
  return overTime.buckets.map((bucket, index) => {
    const appeals = overTime.total[index] ?? 0;
    const thanksThen = thanks[index] ?? 0;
    return { bucket, thanks: thanksThen, appeals, share: share(thanksThen, appeals) };
  });
}

export function channelMix(rows: readonly CountRow[], buckets: string[], grand: number): Dashboard['channelMix'] {
  return [...seriesByKey(rows, 'channel', buckets)]
    .map(([channel, series]) => ({
      channel: channel ?? '',
      appeals: sum(series),
      share: share(sum(series), grand),
      series,
    }))
    .sort(byAppealsDesc((row) => row.channel));
}

type CategoryRow = Dashboard['topCategories'][number];

/** Every category with its series, busiest first; the top ones; and the causes of long service among themselves. */
export function categoryBlocks(
  rows: readonly CountRow[],
  buckets: string[],
  grand: number,
  categories: readonly CategoryInfo[],
): Pick<Dashboard, 'topCategories' | 'longServiceCauses' | 'categories'> {
  const byId = new Map(categories.map((category) => [category.id, category]));
  const categoryRows: CategoryRow[] = [...seriesByKey(rows, 'category', buckets)]
    .map(([id, series]) => {
      const category = id ? byId.get(id) : undefined;
      return {
        categoryId: id,
        code: category?.code ?? null,
        nameRu: category?.nameRu ?? 'Без категории',
        nameEn: category?.nameEn ?? 'No category',
        appeals: sum(series),
        share: share(sum(series), grand),
        series,
      };
    })
    .sort(byAppealsDesc((row) => row.code));
  const longService = categories.find((category) => category.code === LONG_SERVICE);
  const isCause = (row: CategoryRow) =>
    longService !== undefined &&
    row.categoryId !== null &&
    (row.categoryId === longService.id || byId.get(row.categoryId)?.parentId === longService.id);
  const causes = categoryRows.filter(isCause);
  const causesTotal = sum(causes.map((row) => row.appeals));
  return {
    topCategories: categoryRows.slice(0, TOP_CATEGORIES),
    longServiceCauses: causes.map((row) => ({ ...row, share: share(row.appeals, causesTotal) })),
    categories: categoryRows.map((row) => ({
      id: row.categoryId,
      name: row.nameRu,
      nameEn: row.nameEn,
      appeals: row.appeals,
      share: row.share,
      series: row.series,
    })),
  };
}

/** Units or agents with their series, named in both languages; `none` names the row of appeals without one. */
export function namedTable(
  series: Map<string | null, number[]>,
  names: Map<string, string>,
  none: { ru: string; en: string },
  grand: number,
): Dashboard['units'] {
  return [...series]
    .map(([id, values]) => ({
      id,
      name: id ? (names.get(id) ?? id) : none.ru,
      nameEn: id ? (names.get(id) ?? id) : none.en,
      appeals: sum(values),
      share: share(sum(values), grand),
      series: values,
    }))
    .sort(byAppealsDesc((row) => `${row.name}\u0000${row.id}`));
}

/** The SLA compliance of the period and of each of its months. */
export function slaBlock(rows: ComplianceReport['items'], period: { from: string; to: string }): Dashboard['sla'] {
  const byMonth = new Map(rows.map((row) => [`${row.key}-01`, row]));
  const met = sum(rows.map((row) => row.met));
  const breached = sum(rows.map((row) => row.breached));
  const open = sum(rows.map((row) => row.open));
  return {
    total: { met, breached, open, compliancePercent: share(met, met + breached) },
    byMonth: bucketsOf(period.from, period.to, 'month').map((bucket) => {
      const row = byMonth.get(bucket);
      return {
        bucket,
        met: row?.met ?? 0,
        breached: row?.breached ?? 0,
        open: row?.open ?? 0,
        compliancePercent: row?.compliancePercent ?? null,
      };
    }),
  };
}

export function backlogBlock(
  rows: readonly { status: string; n: number; overdue: number }[],
  openStatuses: readonly string[],
): Dashboard['backlog'] {
  return {
    open: sum(rows.map((row) => row.n)),
    overdue: sum(rows.map((row) => row.overdue)),
    byStatus: Object.fromEntries(
      openStatuses.map((status) => [status, rows.find((row) => row.status === status)?.n ?? 0]),
    ),
  };
}

export interface UnitRejections {
  unitId: string;
  unitName: string;
  rejections: number;
  byCode: Record<string, number>;
}

/** Each visible unit's refused submissions against its accepted ones (store submissions counted by the roll-up). */
export function submissionErrors(
  rows: readonly CountRow[],
  rejections: readonly UnitRejections[],
  unitNames: Map<string, string>,
  visibleUnitIds: readonly string[] | null,
): Dashboard['submissionErrors'] {
  const accepted = new Map<string, number>();
  for (const row of rows) {
    if (row.set === 'unit_channel' && row.channel === 'store_submission' && row.key) {
      accepted.set(row.key, row.n);
    }
  }
  return rejections
    .filter((unit) => visibleUnitIds === null || visibleUnitIds.includes(unit.unitId))
    .map((unit) => {
      const submissions = accepted.get(unit.unitId) ?? 0;
      return {
        unitId: unit.unitId,
        unitName: unitNames.get(unit.unitId) ?? unit.unitName,
        rejections: unit.rejections,
        submissions,
        errorRate: share(unit.rejections, unit.rejections + submissions),
        byCode: unit.byCode,
      };
    });
}
