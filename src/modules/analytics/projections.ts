// Which roll-up projection a count query reads: every projection keeps kind and channel; each keeps some of unit,
// category and owner, per month, and the smaller ones per week too. The smallest one of the query's grain holding what
// it groups and filters by answers it exactly; with none, the query reads days. Mirrors the rows of
// analytics_projections (migration 012). Pure.

export type ProjectedDim = 'unit' | 'category' | 'owner';
export type RollupGrain = 'month' | 'week';

export interface Projection {
  id: number;
  dims: readonly ProjectedDim[];
  grains: readonly RollupGrain[];
}

/** Smallest first (by the number of rows each holds on realistic data). */
export const PROJECTIONS: readonly Projection[] = [
  { id: 1, dims: [], grains: ['month', 'week'] },
  { id: 2, dims: ['category'], grains: ['month', 'week'] },
  { id: 4, dims: ['owner'], grains: ['month', 'week'] },
  { id: 3, dims: ['unit'], grains: ['month', 'week'] },
  { id: 5, dims: ['unit', 'category'], grains: ['month'] },
  { id: 6, dims: ['unit', 'category', 'owner'], grains: ['month'] },
];

export function projectionFor(needs: readonly ProjectedDim[], grain: RollupGrain): Projection | null {
  return PROJECTIONS.find((p) => p.grains.includes(grain) && needs.every((d) => p.dims.includes(d))) ?? null;
}
