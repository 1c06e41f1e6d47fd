// Drill-down: the queue screen's search for the appeals behind a bar or slice, and the organisation-day arithmetic it
// needs (a bucket's first and last instants in the organisation's time zone). Pure.
import type { Grain } from './search.ts';

/** Offset (ms, local = utc + offset) of a zone at an instant, from Intl. */
function offsetAt(timeZone: string, t: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(t));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return (
    Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) -
    Math.floor(t / 1000) * 1000
  );
}

/** The instant a local day begins in a zone. */
export function dayStart(day: string, timeZone: string): Date {
  const wall = Date.parse(`${day}T00:00:00Z`);
  let t = wall - offsetAt(timeZone, wall);
  t = wall - offsetAt(timeZone, t);
  return new Date(t);
}

export function nextBucket(start: string, grain: Grain): string {
  const d = new Date(`${start}T00:00:00Z`);
  if (grain === 'day') {
    d.setUTCDate(d.getUTCDate() + 1);
  } else if (grain === 'week') {
    d.setUTCDate(d.getUTCDate() + 7);
  } else {
    d.setUTCMonth(d.getUTCMonth() + 1);
  }
  return d.toISOString().slice(0, 10);
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
  const out = [id];
  for (let i = 0; i < out.length; i++) {
    for (const c of all) {
      if (c.parentId === out[i]) {
        out.push(c.id);
      }
    }
  }
  return out;
}
