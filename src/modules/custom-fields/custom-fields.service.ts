// Custom fields per appeal kind: their definitions (admin) and the check every appeal write goes through.
import type { Ctx } from '../../context.ts';
import type { Queryable } from '../../db/db.ts';
import { AppError, notFound, type FieldError } from '../../server/errors.ts';
import { authorize, type Actor } from '../auth/actor.ts';
import { idempotent, type Outcome } from '../idempotency/idempotency.service.ts';
import * as repo from './custom-fields.repo.ts';
import type { CreateCustomFieldInput, CustomFieldDefinition, UpdateCustomFieldInput } from './custom-fields.schema.ts';
import { validateCustomFields } from './validate-custom-fields.ts';

export async function listDefinitions(ctx: Ctx, actor: Actor, kind?: string): Promise<CustomFieldDefinition[]> {
  authorize(actor, 'settings:read');
  return repo.list(ctx.db, kind ?? null);
}

/**
 * Checks an appeal's values, all of them, against its kind's definitions (cached for a few seconds: this runs on
 * every appeal write).
 */
export async function checkCustomFields(
  ctx: Ctx,
  db: Queryable,
  kind: string,
  values: Record<string, unknown>,
): Promise<FieldError[]> {
  const rules = await ctx.cache.get(`custom-fields:${kind}`, () => repo.list(db, kind));
  return validateCustomFields(rules, values, false);
}

const forget = (ctx: Ctx) => ctx.cache.deletePrefix('custom-fields:');

export async function createDefinition(
  ctx: Ctx,
  actor: Actor,
  input: CreateCustomFieldInput,
  key?: string,
): Promise<Outcome<CustomFieldDefinition>> {
  authorize(actor, 'settings:write');
  const outcome = await idempotent(
    { db: ctx.db, userId: actor.id, key, route: 'POST /api/v1/custom-fields', request: input },
    async (tx) => {
      const created = await repo.insert(tx, input);
      if (!created) {
        throw new AppError('conflict', 'This key is taken for this kind', [
          { path: 'key', code: 'taken', message: 'This key is taken for this kind' },
        ]);
      }
      return created;
    },
  );
  forget(ctx);
  return outcome;
}

export async function updateDefinition(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: UpdateCustomFieldInput,
): Promise<CustomFieldDefinition> {
  authorize(actor, 'settings:write');
  const updated = await repo.update(ctx.db, id, input);
  forget(ctx);
  if (!updated) {
    throw notFound('Custom field');
  }
  return updated;
}

export async function deleteDefinition(ctx: Ctx, actor: Actor, id: string): Promise<void> {
  authorize(actor, 'settings:write');
  if (!(await repo.remove(ctx.db, id))) {
    throw notFound('Custom field');
  }
  forget(ctx);
}
