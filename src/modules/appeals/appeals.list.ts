// Listing appeals: filters, the actor's unit scope, keyset pagination.
import type { Ctx } from '../../context.ts';
import { decodeCursor, encodeCursor } from '../../server/cursor.ts';
import { invalidField } from '../../server/errors.ts';
import { authorize, can, unitScope, type Actor } from '../auth/actor.ts';
import { slaOfAppeals } from '../sla/sla.service.ts';
import { unitSubtree } from '../units/units.service.ts';
import * as listRepo from './appeals.list.repo.ts';
import { presentAppeal } from './appeals.present.ts';
import type { AppealListItem, AppealQuery } from './appeals.schema.ts';

const UUID = /^[0-9a-f-]{36}$/;

/** The previous page's last row, from the cursor; a cursor of another sort order is refused. */
function cursorAfter(query: AppealQuery): listRepo.ListOptions['after'] {
  if (!query.cursor) {
    return undefined;
  }
  const { s: sortOfCursor, k: key, id } = decodeCursor(query.cursor, ['s', 'k', 'id'] as const);
  if (sortOfCursor !== query.sort || typeof key !== 'string' || typeof id !== 'string' || !UUID.test(id)) {
    throw invalidField('query.cursor', 'invalid_cursor', 'The cursor belongs to another sort order');
  }
  return { key, id };
}

/** The units asked for, with their whole trees when unitTree is set; combinations that make no sense are refused. */
async function unitsAskedFor(ctx: Ctx, query: AppealQuery): Promise<string[] | undefined> {
  const unitTree = query.unitTree ?? query.includeSubunits;
  if (unitTree === 'true' && !query.unitId) {
    throw invalidField('query.unitTree', 'requires_unit_id', 'unitTree needs unitId: the units whose tree to list');
  }
  if (query.unassigned === 'true' && query.ownerId && query.ownerId !== 'none') {
    throw invalidField(
      'query.unassigned',
      'conflicts_with_owner',
      'unassigned=true cannot be combined with an ownerId',
    );
  }
  const unitIds = query.unitId;
  if (!unitIds || unitTree !== 'true') {
    return unitIds;
  }
  const trees = await Promise.all(unitIds.map((unitId: string) => unitSubtree(ctx.db, unitId)));
  return [...new Set(trees.flat())];
}

function listFilter(query: AppealQuery, actor: Actor, unitIds: string[] | undefined, now: Date): listRepo.ListFilter {
  return {
    kinds: query.kind,
    statuses: query.status,
    channels: query.channel,
    unitIds,
    scopeUnitIds: unitScope(actor),
    categoryIds: query.categoryId,
    queueIds: query.queueId,
    customerId: query.customerId,
    ownerId: query.ownerId === 'none' ? null : query.ownerId === 'me' ? actor.id : query.ownerId,
    priorities: query.priority,
    tag: query.tag,
    createdFrom: query.createdFrom,
    createdTo: query.createdTo,
    receivedFrom: query.receivedFrom,
    receivedTo: query.receivedTo,
    updatedFrom: query.updatedFrom,
    updatedTo: query.updatedTo,
    q: query.q,
    slaStates: query.slaState,
    dueBefore: query.dueBefore,
    now,
    hasOwner: query.unassigned === undefined ? undefined : query.unassigned === 'false',
    overdue: query.overdue === undefined ? undefined : query.overdue === 'true',
  };
}

export async function listAppeals(
  ctx: Ctx,
  actor: Actor,
  query: AppealQuery,
): Promise<{ items: AppealListItem[]; nextCursor: string | null }> {
  authorize(actor, 'appeals:read');
  const now = ctx.clock.now();
  const descending = query.sort.startsWith('-');
  const sort = (descending ? query.sort.slice(1) : query.sort) as listRepo.SortKey;
  const after = cursorAfter(query);
  const unitIds = await unitsAskedFor(ctx, query);
  const rows = await listRepo.list(ctx.db, listFilter(query, actor, unitIds, now), {
    sort,
    descending,
    limit: query.limit + 1,
    after,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  // Unit staff may not read customers: the list names them only to those who may.
  const namesVisible = can(actor, 'customers:read');
  // The page's SLA blocks in one query.
  const sla = await slaOfAppeals(
    ctx.db,
    page.map((row) => row.id),
    now,
  );
  return {
    items: page.map((row) => ({
      ...presentAppeal(row, sla.get(row.id) ?? null),
      customerName: namesVisible ? row.customerName : null,
    })),
    nextCursor:
      rows.length > query.limit && last ? encodeCursor({ s: query.sort, k: last.sortKey, id: last.id }) : null,
  };
}
