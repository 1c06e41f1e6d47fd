// How every change to the SLA configuration runs: in one transaction that bumps the configuration version (so
// every process reloads its copy), refusing bad input with one error naming every field.
import type { Ctx } from '../../context.ts';
import type { Queryable } from '../../db/db.ts';
import { AppError, type FieldError } from '../../server/errors.ts';
import * as repo from './sla.repo.ts';
import { invalidateSnapshots } from './sla.snapshot.ts';

/** Runs a configuration change, bumps the version with it, and drops this process's cached copy after commit. */
export async function configChange<T>(ctx: Ctx, change: (tx: Queryable) => Promise<T>): Promise<T> {
  const result = await ctx.db.transaction(async (tx) => {
    const value = await change(tx);
    await repo.bumpVersion(tx);
    return value;
  });
  invalidateSnapshots();
  return result;
}

/** One validation error naming every field; its message names the first. */
export function invalidFields(fields: readonly FieldError[]): AppError {
  const [first] = fields;
  const message = first ? `${first.path}: ${first.message}` : 'Invalid configuration';
  return new AppError('validation_failed', message, [...fields]);
}

/** The conflict of a name another calendar or policy already has. */
export function nameTaken(what: 'calendar' | 'policy'): AppError {
  const message = `A ${what} with this name exists`;
  return new AppError('conflict', message, [{ path: 'name', code: 'taken', message }]);
}
