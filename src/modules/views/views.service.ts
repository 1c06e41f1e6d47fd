// Saved queue views: each user's own named filters of the queue screen. Nobody sees or changes another's.
import type { Ctx } from '../../context.ts';
import type { Queryable } from '../../db/db.ts';
import { mustExist } from '../../db/rows.ts';
import { AppError, notFound } from '../../server/errors.ts';
import type { Actor } from '../auth/actor.ts';
import * as repo from './views.repo.ts';
import { MAX_VIEWS_PER_USER, type CreateViewInput, type SavedView, type UpdateViewInput } from './views.schema.ts';

const present = (v: repo.ViewRow): SavedView => ({ ...v, createdAt: v.createdAt.toISOString() });

const duplicateName = () =>
  new AppError('conflict', 'You already have a view with this name', [
    { path: 'name', code: 'duplicate', message: 'You already have a view with this name' },
  ]);

async function checkNameFree(db: Queryable, userId: string, name: string, self?: string) {
  const other = await repo.findByName(db, userId, name);
  if (other && other.id !== self) {
    throw duplicateName();
  }
}

export async function listViews(ctx: Ctx, actor: Actor): Promise<SavedView[]> {
  return (await repo.listByUser(ctx.db, actor.id)).map(present);
}

export async function createView(ctx: Ctx, actor: Actor, input: CreateViewInput): Promise<SavedView> {
  return ctx.db.transaction(async (tx) => {
    await repo.lockUser(tx, actor.id);
    if ((await repo.countByUser(tx, actor.id)) >= MAX_VIEWS_PER_USER) {
      throw new AppError('conflict', `At most ${MAX_VIEWS_PER_USER} saved views per user`, [
        { path: '', code: 'too_many_views', message: `At most ${MAX_VIEWS_PER_USER} saved views per user` },
      ]);
    }
    await checkNameFree(tx, actor.id, input.name);
    const id = await repo.insert(tx, actor.id, input.name, input.query);
    return present(mustExist(await repo.findOwn(tx, actor.id, id), 'view'));
  });
}

export async function updateView(ctx: Ctx, actor: Actor, id: string, input: UpdateViewInput): Promise<SavedView> {
  return ctx.db.transaction(async (tx) => {
    await repo.lockUser(tx, actor.id);
    if (!(await repo.findOwn(tx, actor.id, id))) {
      throw notFound('View');
    }
    if (input.name !== undefined) {
      await checkNameFree(tx, actor.id, input.name, id);
    }
    await repo.update(tx, actor.id, id, input);
    return present(mustExist(await repo.findOwn(tx, actor.id, id), 'view'));
  });
}

export async function deleteView(ctx: Ctx, actor: Actor, id: string): Promise<void> {
  if (!(await repo.remove(ctx.db, actor.id, id))) {
    throw notFound('View');
  }
}
