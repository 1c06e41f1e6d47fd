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

export async function listAppeals(
  ctx: Ctx,
  actor: Actor,
  q: AppealQuery,
): Promise<{ items: AppealListItem[]; nextCursor: string | null }> {
  authorize(actor, 'appeals:read');
  const now = ctx.clock.now();
  const descending = q.sort.startsWith('-');
  const sort = (descending ? q.sort.slice(1) : q.sort) as listRepo.SortKey;
  let after: { key: string; id: string } | undefined;
  if (q.cursor) {
    const cursor = decodeCursor(q.cursor, ['s', 'k', 'id'] as const);
    const { s: sortOfCursor, k: key, id } = cursor;
    if (sortOfCursor !== q.sort || typeof key !== 'string' || typeof id !== 'string' || !/^[0-9a-f-]{36}$/.test(id)) {
      throw invalidField('query.cursor', 'invalid_cursor', 'The cursor belongs to another sort order');
    }
    after = { key, id };
  }
  const unitTree = q.unitTree ?? q.includeSubunits;
  if (unitTree === 'true' && !q.unitId) {
    throw invalidField('query.unitTree', 'requires_unit_id', 'unitTree needs unitId: the units whose tree to list');
  }
  if (q.unassigned === 'true' && q.ownerId && q.ownerId !== 'none') {
    throw invalidField(
      'query.unassigned',
      'conflicts_with_owner',
      'unassigned=true cannot be combined with an ownerId',
    );
  }
  let unitIds = q.unitId;
  if (unitIds && unitTree === 'true') {
    unitIds = [...new Set((await Promise.all(unitIds.map((unitId: string) => unitSubtree(ctx.db, unitId)))).flat())];
  }
  const rows = await listRepo.list(
    ctx.db,
    {
      kinds: q.kind,
      statuses: q.status,
      channels: q.channel,
      unitIds,
      scopeUnitIds: unitScope(actor),
      categoryIds: q.categoryId,
      queueIds: q.queueId,
      customerId: q.customerId,
      ownerId: q.ownerId === 'none' ? null : q.ownerId === 'me' ? actor.id : q.ownerId,
      priorities: q.priority,
      tag: q.tag,
      createdFrom: q.createdFrom,
      createdTo: q.createdTo,
      receivedFrom: q.receivedFrom,
      receivedTo: q.receivedTo,
      updatedFrom: q.updatedFrom,
      updatedTo: q.updatedTo,
      q: q.q,
      slaStates: q.slaState,
      dueBefore: q.dueBefore,
      now,
      hasOwner: q.unassigned === undefined ? undefined : q.unassigned === 'false',
      overdue: q.overdue === undefined ? undefined : q.overdue === 'true',
    },
    { sort, descending, limit: q.limit + 1, after },
  );
  const page = rows.slice(0, q.limit);
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
    nextCursor: rows.length > q.limit && last ? encodeCursor({ s: q.sort, k: last.sortKey, id: last.id }) : null,
  };
}
