// The queue screen's own filters live in the URL, so a filtered queue can be bookmarked and shared.
import type { AppealSort } from '../../api/contract.ts';
import { APPEAL_KINDS, CHANNELS, PRIORITIES, SORTS, STATUSES } from '../../api/enums.ts';

export interface QueueSearch {
  q?: string;
  status?: string[];
  kind?: string;
  channel?: string;
  priority?: string;
  sort?: AppealSort;
  /**
   * Drill-down from the dashboard: a unit (with its sub-units), categories, and a period of when customers spoke
   * (ISO instants).
   */
  unitId?: string;
  categoryId?: string[];
  receivedFrom?: string;
  receivedTo?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isInstant = (value: unknown): value is string =>
  typeof value === 'string' && !Number.isNaN(Date.parse(value)) && /^\d{4}-\d{2}-\d{2}T/.test(value);
const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** The value if the list allows it. */
export const pick = <Value extends string>(allowed: readonly Value[], value: unknown): Value | undefined =>
  typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as Value) : undefined;

/** Only the filters the URL may say, each checked; a filter the list would refuse is dropped. */
export function parseQueueSearch(params: Record<string, unknown>): QueueSearch {
  const statuses = Array.isArray(params.status)
    ? params.status.filter((status): status is string => pick(STATUSES, status) !== undefined)
    : [];
  const categories = Array.isArray(params.categoryId) ? params.categoryId.filter(isUuid) : [];
  const search: QueueSearch = {
    q: typeof params.q === 'string' && params.q.trim() ? params.q : undefined,
    status: statuses.length ? statuses : undefined,
    kind: pick(APPEAL_KINDS, params.kind),
    channel: pick(CHANNELS, params.channel),
    priority: pick(PRIORITIES, params.priority),
    sort: pick(SORTS, params.sort),
    unitId: isUuid(params.unitId) ? params.unitId : undefined,
    categoryId: categories.length ? categories : undefined,
    receivedFrom: isInstant(params.receivedFrom) ? params.receivedFrom : undefined,
    receivedTo: isInstant(params.receivedTo) ? params.receivedTo : undefined,
  };
  // Absent, not undefined: the search object is compared and saved as it is.
  return Object.fromEntries(Object.entries(search).filter(([, value]) => value !== undefined)) as QueueSearch;
}
