// Owns: how a period of the indices is cut for the monthly roll-ups — the whole months read from the roll-up and
// the edges read from the raw rows, added or taken away. Pure.
import { TZDate } from '@date-fns/tz';

export interface Range {
  from: Date;
  to: Date;
}

export interface PeriodSplit {
  /** Roll-up months [from, to) as the dates of their first days ('YYYY-MM-DD'); null: read everything raw. */
  months: { from: string; to: string } | null;
  /** Raw ranges whose tallies are added to the months'. */
  add: Range[];
  /** Raw ranges whose tallies are taken away (the months overshoot the period there). */
  subtract: Range[];
}

interface MonthStart {
  at: Date;
  date: string;
}

function monthStart(year: number, month: number, tz: string): MonthStart {
  const start = new TZDate(year, month, 1, tz);
  const date = `${start.getFullYear()}-${String(start.getMonth() + 1).padStart(2, '0')}-01`;
  return { at: new Date(start.getTime()), date };
}

/** The start of the month (in tz) nearest to an instant: the months then overshoot or fall short by the least. */
function nearestMonthStart(instant: Date, tz: string): MonthStart {
  const local = new TZDate(instant.getTime(), tz);
  const floor = monthStart(local.getFullYear(), local.getMonth(), tz);
  const ceil = monthStart(local.getFullYear(), local.getMonth() + 1, tz);
  return instant.getTime() - floor.at.getTime() <= ceil.at.getTime() - instant.getTime() ? floor : ceil;
}

/**
 * Cuts [from, to) into whole months of the roll-up's zone plus signed raw edges: tally(period) = roll-up(months) +
 * raw(add) − raw(subtract). Exact for any counters that add up; the edges are empty when the bounds fall on month
 * starts in tz, and shorter than half a month otherwise (hours when the request's zone differs from tz).
 */
export function splitPeriod(from: Date, to: Date, tz: string): PeriodSplit {
  const first = nearestMonthStart(from, tz);
  const last = nearestMonthStart(to, tz);
  if (first.at >= last.at) {
    return { months: null, add: [{ from, to }], subtract: [] };
  }
  const add: Range[] = [];
  const subtract: Range[] = [];
  if (from < first.at) {
    add.push({ from, to: first.at });
  }
  if (from > first.at) {
    subtract.push({ from: first.at, to: from });
  }
  if (to > last.at) {
    add.push({ from: last.at, to });
  }
  if (to < last.at) {
    subtract.push({ from: to, to: last.at });
  }
  return { months: { from: first.date, to: last.date }, add, subtract };
}
