// The row a statement must return (INSERT … RETURNING, an aggregate, a lookup by a key just written): a missing
// one is a bug, so it fails loudly here instead of as `undefined` somewhere later.
import type { Queryable } from './db.ts';

export function oneRow<R>(rows: readonly R[], what = 'row'): R {
  const row = rows[0];
  if (row === undefined) {
    throw new Error(`expected a ${what}, the statement returned none`);
  }
  return row;
}

/** Runs a raw statement that must return a row and returns it. */
export async function queryOne<R>(db: Queryable, sql: string, params: readonly unknown[] = []): Promise<R> {
  return oneRow(await db.query<R>(sql, params));
}

/** A row that must be there (one this transaction just wrote or locked): a missing one is a bug, and says so. */
export function mustExist<R>(row: R | undefined, what = 'row'): R {
  if (row === undefined) {
    throw new Error(`expected the ${what} to exist, it does not`);
  }
  return row;
}
