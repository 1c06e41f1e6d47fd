// Drill-down: the queue screen's search for the appeals behind a bar or slice, and the organisation-day arithmetic it
// needs (a bucket's first and last instants in the organisation's time zone). Pure.
import type { Grain } from './search.ts';

/** Offset (ms, local = utc + offset) of a zone at an instant, from Intl. */
function offsetAt(timeZone: string, instant: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  return (
    Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) -
    Math.floor(instant / 1000) * 1000
  );
}

/** The instant a local day begins in a zone. */
export function dayStart(day: string, timeZone: string): Date {
  const wall = Date.parse(`${day}T00:00:00Z`);
  // The offset at the wall time's instant, then at the instant that gives: right across a DST change too.
  const guess = wall - offsetAt(timeZone, wall);
  return new Date(wall - offsetAt(timeZone, guess));
}

export function nextBucket(start: string, grain: Grain): string {
  const date = new Date(`${start}T00:00:00Z`);
  if (grain === 'day') {
    date.setUTCDate(date.getUTCDate() + 1);
  } else if (grain === 'week') {
    date.setUTCDate(date.getUTCDate() + 7);
  } else {
    date.setUTCMonth(date.getUTCMonth() + 1);
  }
  return date.toISOString().slice(0, 10);
}

export interface DrillSearch {
  kind?: string;
  channel?: string;
  unitId?: string;
  categoryId?: string[];
  receivedFrom?: string;
  receivedTo?: string;
}

/** The period's bounds, or one bucket's, clipped to the period, as instants. */
export function periodSearch(
  from: string,
  to: string,
  timeZone: string,
  bucket?: { start: string; grain: Grain },
): Pick<DrillSearch, 'receivedFrom' | 'receivedTo'> {
  const first = bucket && bucket.start > from ? bucket.start : from;
  const afterBucket = bucket ? nextBucket(bucket.start, bucket.grain) : null;
  const dayAfterTo = nextBucket(to, 'day');
  const end = afterBucket && afterBucket < dayAfterTo ? afterBucket : dayAfterTo;
  return { receivedFrom: dayStart(first, timeZone).toISOString(), receivedTo: dayStart(end, timeZone).toISOString() };
}

/** A category and everything under it, as the appeals list filters them. */
export function withDescendants(all: readonly { id: string; parentId: string | null }[], id: string): string[] {
  const tree = [id];
  for (let i = 0; i < tree.length; i++) {
    for (const category of all) {
      if (category.parentId === tree[i]) {
        tree.push(category.id);
      }
    }
  }
  return tree;
}
