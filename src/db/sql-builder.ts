// Typed SQL from named pieces: Kysely builds and compiles a statement, our own Queryable runs it, so a built query
// runs inside or outside a transaction on PGlite and PostgreSQL alike. Used where a statement's shape depends on
// its input (filters, sorts, optional clauses); hand-tuned fixed statements stay plain SQL in the repos.
import {
  type Compilable,
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type InferResult,
  type QueryResult,
  type UpdateObject,
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
} from 'kysely';
import type { Queryable } from './db.ts';
import { oneRow } from './rows.ts';
import type { DB } from './schema.ts';

/** Builds and compiles statements; it never connects (run them with `run`). */
export const builder = new Kysely<DB>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

/** Runs a built statement on a connection or transaction and returns its rows. */
export function run<Q extends Compilable<unknown>>(db: Queryable, query: Q): Promise<InferResult<Q>> {
  const { sql, parameters } = query.compile();
  return db.query(sql, parameters) as Promise<InferResult<Q>>;
}

/** Runs a built statement and returns its first row, if any. */
export async function runFirst<Q extends Compilable<unknown>>(
  db: Queryable,
  query: Q,
): Promise<InferResult<Q>[number] | undefined> {
  const rows = (await run(db, query)) as unknown[];
  return rows[0] as InferResult<Q>[number] | undefined;
}

/** Runs a built statement that must return a row (see rows.ts) and returns it. */
export async function runOne<Q extends Compilable<unknown>>(db: Queryable, query: Q): Promise<InferResult<Q>[number]> {
  return oneRow((await run(db, query)) as InferResult<Q>[number][]);
}

/**
 * The SET of a partial update: each given field (undefined leaves it as it is) under its column's name, the JSON
 * ones as text. Fields the table does not have are passed over. Empty when nothing is to change.
 */
export function columnsToSet<Table extends keyof Tables & string, Tables = DB>(
  fields: Readonly<Record<string, unknown>>,
  columns: Readonly<Record<string, keyof Tables[Table] & string>>,
  jsonFields: readonly string[] = [],
): UpdateObject<Tables, Table> {
  const set: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(fields)) {
    const column = columns[field];
    if (column !== undefined && value !== undefined) {
      set[column] = jsonFields.includes(field) ? JSON.stringify(value) : value;
    }
  }
  // The columns are the table's own (the map's type says so); their values were validated at the edge.
  return set as UpdateObject<Tables, Table>;
}

/** A Kysely that executes on a Queryable: for tools that need Kysely itself to talk to the database (codegen). */
export function kyselyOver(db: Queryable): Kysely<DB> {
  const connection: DatabaseConnection = {
    async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
      return { rows: await db.query<R>(compiled.sql, compiled.parameters) };
    },
    streamQuery: () => {
      throw new Error('streaming is not supported');
    },
  };
  const driver: Driver = {
    init: async () => undefined,
    acquireConnection: async () => connection,
    beginTransaction: async () => undefined,
    commitTransaction: async () => undefined,
    rollbackTransaction: async () => undefined,
    releaseConnection: async () => undefined,
    destroy: async () => undefined,
  };
  return new Kysely<DB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => driver,
      createIntrospector: (kysely) => new PostgresIntrospector(kysely),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
}
