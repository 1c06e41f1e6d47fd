// The dashboard's satisfaction indices for its period and unit: the surveys module's figures for the whole
// selection (CSAT, NPS, CES, staff and office dissatisfaction, emotional loyalty, response rate), each with its
// sample size. Channel, kind and category filters describe appeals, not survey answers, so they do not apply.
// A role the surveys module refuses sees the block as unavailable rather than an error.
import type { Ctx } from '../../context.ts';
import { AppError } from '../../server/errors.ts';
import type { Actor } from '../auth/actor.ts';
import { indices } from '../surveys/indices.service.ts';
import type { Filter } from './analytics.filter.ts';

export interface SatisfactionBlock {
  available: boolean;
  indices: { key: string; value: number | null; sampleSize: number }[];
}

interface Result {
  value: number | null;
  n: number;
}

/** The scale a CES or CSAT mean was asked on: the one with answers (1–7 and 0–10 when both have). */
const answered = (a: Result, b: Result) => (a.n >= b.n ? a : b);

export async function satisfactionIndices(ctx: Ctx, actor: Actor, filter: Filter): Promise<SatisfactionBlock> {
  try {
    const report = await indices(ctx, actor, {
      groupBy: 'all',
      from: filter.from,
      to: filter.to,
      tz: filter.timeZone,
      ...(filter.unitId ? { unitId: filter.unitId } : {}),
    });
    const row = report.items[0];
    if (!row) {
      return { available: true, indices: [] };
    }
    const picked: [string, Result][] = [
      ['csat', row.csat.satisfied],
      ['nps', row.nps],
      ['ces', answered(row.ces.mean1to7, row.ces.mean1to5)],
      ['staffDissatisfaction', row.staffDissatisfaction],
      ['officeDissatisfaction', row.officeDissatisfaction],
      ['emotionalLoyalty', row.emotionalLoyalty],
      ['responseRate', row.responseRate],
    ];
    return { available: true, indices: picked.map(([key, r]) => ({ key, value: r.value, sampleSize: r.n })) };
  } catch (err) {
    if (err instanceof AppError && err.code === 'forbidden') {
      return { available: false, indices: [] };
    }
    throw err;
  }
}
