// The queue screen's own filters live in the URL, so a filtered queue can be bookmarked and shared.
import { APPEAL_KINDS, CHANNELS, PRIORITIES, STATUSES } from '../../api/types.ts';

export const SORTS = [
  '-createdAt',
  'createdAt',
  'dueAt',
  '-dueAt',
  '-updatedAt',
  'updatedAt',
  '-number',
  'number',
  '-receivedAt',
  'receivedAt',
] as const;
export type Sort = (typeof SORTS)[number];

export interface QueueSearch {
  q?: string;
  status?: string[];
  kind?: string;
  channel?: string;
  priority?: string;
  sort?: Sort;
  /** Drill-down from the dashboard: a unit (with its sub-units), categories, and a period of when customers spoke (ISO instants). */
  unitId?: string;
  categoryId?: string[];
  receivedFrom?: string;
  receivedTo?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isInstant = (v: unknown): v is string =>
  typeof v === 'string' && !Number.isNaN(Date.parse(v)) && /^\d{4}-\d{2}-\d{2}T/.test(v);

const pick = <T extends string>(allowed: readonly T[], v: unknown): T | undefined =>
  typeof v === 'string' && (allowed as readonly string[]).includes(v) ? (v as T) : undefined;

export function parseQueueSearch(s: Record<string, unknown>): QueueSearch {
  const out: QueueSearch = {};
  if (typeof s.q === 'string' && s.q.trim()) {
    out.q = s.q;
  }
  const statuses = Array.isArray(s.status) ? (s.status.filter((x) => pick(STATUSES, x)) as string[]) : [];
  if (statuses.length) {
    out.status = statuses;
  }
  const kind = pick(APPEAL_KINDS, s.kind);
  if (kind) {
    out.kind = kind;
  }
  const channel = pick(CHANNELS, s.channel);
  if (channel) {
    out.channel = channel;
  }
  const priority = pick(PRIORITIES, s.priority);
  if (priority) {
    out.priority = priority;
  }
  const sort = pick(SORTS, s.sort);
  if (sort) {
    out.sort = sort;
  }
  if (typeof s.unitId === 'string' && UUID.test(s.unitId)) {
    out.unitId = s.unitId;
  }
  const categories = Array.isArray(s.categoryId)
    ? s.categoryId.filter((x): x is string => typeof x === 'string' && UUID.test(x))
    : [];
  if (categories.length) {
    out.categoryId = categories;
  }
  if (isInstant(s.receivedFrom)) {
    out.receivedFrom = s.receivedFrom;
  }
  if (isInstant(s.receivedTo)) {
    out.receivedTo = s.receivedTo;
  }
  return out;
}
