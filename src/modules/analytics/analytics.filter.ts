// Turns the query's filters into what the stores read: the period in organisation days with its defaults, the unit
// subtree narrowed to what the actor may see, and the category with its sub-categories.
import type { Ctx } from '../../context.ts';
import { forbidden, invalidField } from '../../server/errors.ts';
import { authorize, unitScope, type Actor } from '../auth/actor.ts';
import { unitSubtree } from '../units/units.service.ts';
import type { DimFilter } from './analytics.dims.repo.ts';
import * as repo from './analytics.repo.ts';
import type { AnalyticsQuery } from './analytics.schema.ts';
import { daysBetween, type Grain, monthsBefore, orgDayOf } from './periods.ts';

export interface Filter extends DimFilter {
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
    for (const category of all) {
      if (category.parentId === out[i]) {
        out.push(category.id);
      }
    }
  }
  return out;
}

/** The period in organisation days: up to today and from the month 11 months before, unless the query says. */
function periodOf(query: AnalyticsQuery, timeZone: string, now: Date): { from: string; to: string } {
  const to = query.to ?? orgDayOf(now, timeZone);
  const from = query.from ?? monthsBefore(to, 11);
  const span = daysBetween(from, to);
  if (span < 0) {
    throw invalidField('query.to', 'before_from', '"to" must not be earlier than "from"');
  }
  if (span > MAX_DAYS) {
    throw invalidField('query.from', 'period_too_long', 'The period may span at most ten years');
  }
  return { from, to };
}

/** The unit with its sub-units, narrowed to the units the actor may see; null: every unit. */
async function unitsOf(ctx: Ctx, actor: Actor, unitId: string | undefined): Promise<string[] | null> {
  const scope = unitScope(actor);
  if (unitId && scope && !scope.includes(unitId)) {
    throw forbidden('You may see only your own units');
  }
  let unitIds: string[] | null = null;
  if (unitId) {
    unitIds = await unitSubtree(ctx.db, unitId);
    if (unitIds.length === 0) {
      throw invalidField('query.unitId', 'unknown_unit', `No unit ${unitId}`);
    }
  }
  return scope ? (unitIds ?? scope).filter((id) => scope.includes(id)) : unitIds;
}

/** The category with its sub-categories; null: every category. */
async function categoriesOf(ctx: Ctx, categoryId: string | undefined): Promise<string[] | null> {
  if (!categoryId) {
    return null;
  }
  const all = await repo.categories(ctx.db);
  if (!all.some((category) => category.id === categoryId)) {
    throw invalidField('query.categoryId', 'unknown_category', `No category ${categoryId}`);
  }
  return descendantsOf(all, categoryId);
}

/** The query's filters as the stores read them; the default period ends on the organisation's day at `now`. */
export async function resolveFilter(
  ctx: Ctx,
  actor: Actor,
  query: AnalyticsQuery,
  now = ctx.clock.now(),
): Promise<Filter> {
  authorize(actor, 'appeals:read');
  const { timeZone } = await repo.settings(ctx.db);
  return {
    ...periodOf(query, timeZone, now),
    grain: query.grain ?? 'month',
    timeZone,
    unitIds: await unitsOf(ctx, actor, query.unitId),
    categoryIds: await categoriesOf(ctx, query.categoryId),
    channel: query.channel ?? null,
    kind: query.kind ?? null,
    unitId: query.unitId ?? null,
    categoryId: query.categoryId ?? null,
  };
}
