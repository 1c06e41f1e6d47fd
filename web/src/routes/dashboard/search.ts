// The dashboard's filters as the URL keeps them, so a filtered dashboard can be bookmarked and shared. Values are
// the API's analytics query (GET /api/v1/analytics/dashboard), checked for their form; the server checks the rest.
import type { AnalyticsQuery, Dashboard } from '../../api/contract.ts';

export type Grain = Dashboard['filters']['grain'];

export type DashboardSearch = Partial<Record<Exclude<keyof AnalyticsQuery, 'grain'>, string>> & { grain?: Grain };

const GRAINS: readonly Grain[] = ['month', 'week', 'day'];
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const matching = (pattern: RegExp, value: unknown) =>
  typeof value === 'string' && pattern.test(value) ? value : undefined;
const nonEmpty = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

export function parseDashboardSearch(params: Record<string, unknown>): DashboardSearch {
  const search: DashboardSearch = {
    from: matching(DAY, params.from),
    to: matching(DAY, params.to),
    grain: GRAINS.find((grain) => grain === params.grain),
    unitId: matching(UUID, params.unitId),
    categoryId: matching(UUID, params.categoryId),
    channel: nonEmpty(params.channel),
    kind: nonEmpty(params.kind),
  };
  // Absent, not undefined: the search object is the query key and the URL as it is.
  return Object.fromEntries(Object.entries(search).filter(([, value]) => value !== undefined)) as DashboardSearch;
}
