// Turns the query's filters into what the stores read: the period in organisation days with its defaults, the unit
// subtree narrowed to what the actor may see, and the category with its sub-categories.
import type { Ctx } from '../../context.ts';
import { invalidField } from '../../server/errors.ts';
import { authorize, unitScope, type Actor } from '../auth/actor.ts';
import { unitSubtree } from '../units/units.service.ts';
import * as repo from './analytics.repo.ts';
import type { AnalyticsQuery } from './analytics.schema.ts';
import { dayNumber, type Grain, monthsBefore, orgDayOf } from './periods.ts';

export interface Filter extends repo.DimFilter {
  from: string;
  to: string;
  grain: Grain;
  timeZone: string;
  unitId: string | null;
  categoryId: string | null;
}

/** At most ten years per request: a day-grain chart beyond that is unreadable and slow. */
const MAX_DAYS = 3_660;

/** Every category under `id` (itself included). */
export function descendantsOf(all: readonly { id: string; parentId: string | null }[], id: string): string[] {
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

export async function resolveFilter(ctx: Ctx, actor: Actor, q: AnalyticsQuery, now = new Date()): Promise<Filter> {
  authorize(actor, 'appeals:read');
  const { timeZone } = await repo.settings(ctx.db);
  const to = q.to ?? orgDayOf(now, timeZone);
  const from = q.from ?? monthsBefore(to, 11);
  const span = dayNumber(to)! - dayNumber(from)!;
  if (span < 0) {
    throw invalidField('query.to', 'before_from', '"to" must not be earlier than "from"');
  }
  if (span > MAX_DAYS) {
    throw invalidField('query.from', 'period_too_long', 'The period may span at most ten years');
  }
  let unitIds: string[] | null = null;
  if (q.unitId) {
    unitIds = await unitSubtree(ctx.db, q.unitId);
    if (unitIds.length === 0) {
      throw invalidField('query.unitId', 'unknown_unit', `No unit ${q.unitId}`);
    }
  }
  const scope = unitScope(actor);
  if (scope) {
    unitIds = (unitIds ?? scope).filter((id) => scope.includes(id));
  }
  let categoryIds: string[] | null = null;
  if (q.categoryId) {
    const all = await repo.categories(ctx.db);
    if (!all.some((c) => c.id === q.categoryId)) {
      throw invalidField('query.categoryId', 'unknown_category', `No category ${q.categoryId}`);
    }
    categoryIds = descendantsOf(all, q.categoryId);
  }
  return {
    from,
    to,
    grain: q.grain ?? 'month',
    timeZone,
    unitIds,
    categoryIds,
    channel: q.channel ?? null,
    kind: q.kind ?? null,
    unitId: q.unitId ?? null,
    categoryId: q.categoryId ?? null,
  };
}
