// The category taxonomy: categories and subcategories, each valid for some appeal kinds.
import type { Ctx } from '../../context.ts';
import type { Queryable } from '../../db/db.ts';
import { AppError, invalidField, notFound } from '../../server/errors.ts';
import { authorize, type Actor } from '../auth/actor.ts';
import { idempotent, type Outcome } from '../idempotency/idempotency.service.ts';
import * as repo from './categories.repo.ts';
import type { Category, CreateCategoryInput, UpdateCategoryInput } from './categories.schema.ts';

export async function listCategories(ctx: Ctx, actor: Actor): Promise<Category[]> {
  authorize(actor, 'categories:read');
  return repo.list(ctx.db);
}

function checkCategoryFits(category: Category | undefined, kind: string, path: string): Category {
  if (!category || !category.active) {
    throw invalidField(path, 'unknown_category', 'No such active category');
  }
  if (!category.kinds.includes(kind as Category['kinds'][number])) {
    throw invalidField(path, 'category_kind_mismatch', `Category "${category.code}" is not used for ${kind} appeals`);
  }
  return category;
}

/** For appeals: the category must exist, be active and fit the appeal's kind. */
export async function requireCategoryFor(
  db: Queryable,
  id: string,
  kind: string,
  path = 'categoryId',
): Promise<Category> {
  return checkCategoryFits(await repo.findById(db, id), kind, path);
}

/** requireCategoryFor through the short-lived cache (one lookup per appeal write otherwise). */
export async function cachedCategoryFor(ctx: Ctx, id: string, kind: string, path = 'categoryId'): Promise<Category> {
  return checkCategoryFits(await ctx.cache.get(`category:${id}`, () => repo.findById(ctx.db, id)), kind, path);
}

export async function createCategory(
  ctx: Ctx,
  actor: Actor,
  input: CreateCategoryInput,
  key?: string,
): Promise<Outcome<Category>> {
  authorize(actor, 'categories:write');
  return idempotent(
    { db: ctx.db, userId: actor.id, key, route: 'POST /api/v1/categories', request: input },
    async (tx) => {
      if (await repo.findByCode(tx, input.code)) {
        throw new AppError('conflict', 'This code is taken', [
          { path: 'code', code: 'taken', message: 'This code is taken' },
        ]);
      }
      if (input.parentId && !(await repo.findById(tx, input.parentId))) {
        throw invalidField('parentId', 'unknown_category', 'No such category');
      }
      return repo.insert(tx, { ...input, parentId: input.parentId ?? null });
    },
  );
}

export async function updateCategory(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: UpdateCategoryInput,
): Promise<Category> {
  authorize(actor, 'categories:write');
  const updated = await repo.update(ctx.db, id, input);
  ctx.cache.deletePrefix('category:');
  if (!updated) {
    throw notFound('Category');
  }
  return updated;
}
