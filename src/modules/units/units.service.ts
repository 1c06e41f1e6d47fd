// Units: stores, call centre, service centres and other departments, in a tree.
import type { Ctx } from '../../context.ts';
import type { Queryable } from '../../db/db.ts';
import { mustExist } from '../../db/rows.ts';
import { AppError, invalidField, notFound } from '../../server/errors.ts';
import { authorize, type Actor } from '../auth/actor.ts';
import { idempotent, type Outcome } from '../idempotency/idempotency.service.ts';
import * as repo from './units.repo.ts';
import type { CreateUnitInput, Unit, UnitQuery, UpdateUnitInput } from './units.schema.ts';

const present = (unit: repo.UnitRow): Unit => ({
  ...unit,
  type: unit.type as Unit['type'],
  contacts: { ...unit.contacts, emails: unit.contacts.emails ?? [], phones: unit.contacts.phones ?? [] },
  createdAt: unit.createdAt.toISOString(),
  updatedAt: unit.updatedAt.toISOString(),
});

export async function listUnits(ctx: Ctx, actor: Actor, query: UnitQuery): Promise<Unit[]> {
  authorize(actor, 'units:read');
  const rows = await repo.list(ctx.db, {
    ...query,
    active: query.active === undefined ? undefined : query.active === 'true',
  });
  return rows.map(present);
}

export async function getUnit(ctx: Ctx, actor: Actor, id: string): Promise<Unit> {
  authorize(actor, 'units:read');
  const unit = await repo.findById(ctx.db, id);
  if (!unit) {
    throw notFound('Unit');
  }
  return present(unit);
}

/** For other modules: the unit or a field error on `path`. */
export async function requireUnit(db: Queryable, id: string, path = 'unitId'): Promise<repo.UnitRow> {
  const unit = await repo.findById(db, id);
  if (!unit) {
    throw invalidField(path, 'unknown_unit', 'No such unit');
  }
  return unit;
}

/** requireUnit through the short-lived cache: appeal creation looks units up on every request. */
export const cachedUnit = (ctx: Ctx, id: string, path = 'unitId') =>
  ctx.cache.get(`unit:${id}`, () => requireUnit(ctx.db, id, path));

export const unitSubtree = (db: Queryable, id: string) => repo.subtreeIds(db, id);

export async function createUnit(ctx: Ctx, actor: Actor, input: CreateUnitInput, key?: string): Promise<Outcome<Unit>> {
  authorize(actor, 'units:write');
  return idempotent({ db: ctx.db, userId: actor.id, key, route: 'POST /api/v1/units', request: input }, async (tx) => {
    if (input.parentId) {
      await requireUnit(tx, input.parentId, 'parentId');
    }
    const id = await repo.insert(tx, { ...input, code: input.code ?? null, parentId: input.parentId ?? null });
    return present(mustExist(await repo.findById(tx, id), 'unit'));
  });
}

export async function updateUnit(ctx: Ctx, actor: Actor, id: string, input: UpdateUnitInput): Promise<Unit> {
  authorize(actor, 'units:write');
  return ctx.db
    .transaction(async (tx) => {
      if (!(await repo.findById(tx, id))) {
        throw notFound('Unit');
      }
      if (input.parentId) {
        await requireUnit(tx, input.parentId, 'parentId');
        if (input.parentId === id || (await repo.ancestorIds(tx, input.parentId)).includes(id)) {
          throw new AppError('validation_failed', 'A unit cannot be placed under itself', [
            { path: 'parentId', code: 'cycle', message: 'A unit cannot be placed under itself or its own child' },
          ]);
        }
      }
      await repo.update(tx, id, input);
      return present(mustExist(await repo.findById(tx, id), 'unit'));
    })
    .finally(() => ctx.cache.deletePrefix('unit:'));
}
