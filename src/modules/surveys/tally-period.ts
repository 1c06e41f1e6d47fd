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
  const d = new TZDate(year, month, 1, tz);
  return { at: new Date(d.getTime()), date: `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-01` };
}

/** The start of the month (in tz) nearest to an instant: the months then overshoot or fall short by the least. */
function nearestMonthStart(t: Date, tz: string): MonthStart {
  const local = new TZDate(t.getTime(), tz);
  const floor = monthStart(local.getFullYear(), local.getMonth(), tz);
  const ceil = monthStart(local.getFullYear(), local.getMonth() + 1, tz);
  return t.getTime() - floor.at.getTime() <= ceil.at.getTime() - t.getTime() ? floor : ceil;
}

/**
 * Cuts [from, to) into whole months of the roll-up's zone plus signed raw edges: tally(period) = roll-up(months) +
 * raw(add) − raw(subtract). Exact for any counters that add up; the edges are empty when the bounds fall on month
 * starts in tz, and shorter than half a month otherwise (hours when the request's zone differs from tz).
 */
export function splitPeriod(from: Date, to: Date, tz: string): PeriodSplit {
  const a = nearestMonthStart(from, tz);
  const b = nearestMonthStart(to, tz);
  if (a.at >= b.at) {
    return { months: null, add: [{ from, to }], subtract: [] };
  }
  const add: Range[] = [];
  const subtract: Range[] = [];
  if (from < a.at) {
    add.push({ from, to: a.at });
  }
  if (from > a.at) {
    subtract.push({ from: a.at, to: from });
  }
  if (to > b.at) {
    add.push({ from: b.at, to });
  }
  if (to < b.at) {
    subtract.push({ from: to, to: b.at });
  }
  return { months: { from: a.date, to: b.date }, add, subtract };
}
