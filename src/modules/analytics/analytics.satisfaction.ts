// SURVEYS HOOK: the dashboard's satisfaction indices (CSAT, NPS, CES, staff and office dissatisfaction, emotional
// loyalty) for the same filters. Until the surveys module is committed, the block says it is unavailable. To wire it:
// call the surveys service's indices(ctx, actor, { groupBy: 'all', from: filter.from, to: filter.to, tz: filter.timeZone,
// unitId: filter.unitId ?? undefined }) and map items[0]'s { value, n } of each index to { key, value, sampleSize };
// answer { available: false } when it refuses the actor.
import type { Ctx } from '../../context.ts';
import type { Actor } from '../auth/actor.ts';
import type { Filter } from './analytics.filter.ts';

export interface SatisfactionBlock {
  available: boolean;
  indices: { key: string; value: number | null; sampleSize: number }[];
}

export async function satisfactionIndices(_ctx: Ctx, _actor: Actor, _filter: Filter): Promise<SatisfactionBlock> {
  return { available: false, indices: [] };
}
