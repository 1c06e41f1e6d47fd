// The one way the code base talks to PostgreSQL: embedded PGlite by default, a pg pool when DATABASE_URL is
// set. Both speak the same SQL; repos take a Queryable so they run inside or outside a transaction alike.
import { createHash } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import type { Pool, PoolClient } from 'pg';
import { isDatabaseOutage } from './outage.ts';

export interface QueryOptions {
  /**
   * Keep the statement prepared on each server connection (skips sending and planning its text again). Only for
   * hot statements whose best plan does not depend on the values: PostgreSQL may switch to a generic plan.
   */
  prepared?: boolean;
}

export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<R[]>;
  /** Runs a script of several statements without parameters (migrations, fixtures). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /**
   * PostgreSQL only: LISTENs on a channel over a dedicated connection (never a pooled one, which would lose it).
   * onEnd runs when that connection breaks; the returned function stops listening.
   */
  listen?(
    channel: string,
    onNotify: (payload: string) => void,
    onEnd: (err?: Error) => void,
  ): Promise<() => Promise<void>>;
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** PGlite data directory; `memory://` (or undefined) keeps everything in memory. */
  dataDir?: string | undefined;
  poolSize?: number | undefined;
  /** PGlite's shared_buffers: its memory is never given back, so a server keeps it small. */
  pgliteSharedBuffers?: string | undefined;
  /** An in-memory PGlite starts from this dump of a data directory (tests: a migrated template) instead of initdb. */
  pgliteImage?: Blob | undefined;
}

const INT8 = 20;

export async function openDb(options: OpenOptions): Promise<Db> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options.poolSize ?? 20) : openPglite(options);
}

async function openPostgres(url: string, max: number): Promise<Db> {
  const pg = (await import('pg')).default;
  // bigint ids and counts fit comfortably in a double; strings would leak into every API answer.
  pg.types.setTypeParser(INT8, (v: string) => Number(v));
  // JIT compiling takes 100–300 ms of CPU and pays off only for queries running far longer than any of ours; the
  // planner's row estimates for the roll-up fold alone would otherwise trigger it on every fold.
  // A connect that cannot finish (the server is away) fails in 5 s instead of holding a request forever.
  const pool: Pool = new pg.Pool({ connectionString: url, max, options: '-c jit=off', connectionTimeoutMillis: 5_000 });
  pool.on('error', () => undefined); // an idle client's broken socket is replaced on the next checkout
  // A client emits 'error' when its connection breaks, whether it is idle, running a query, held by a transaction
  // or already released as broken; with no listener at that moment the event would end the process. The query in
  // flight fails with the same error, so nothing is lost by listening here.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const names = new Map<string, string>();
  const nameOf = (sql: string) => {
    let name = names.get(sql);
    if (!name) {
      names.set(sql, (name = `otklik_${createHash('sha1').update(sql).digest('hex').slice(0, 16)}`));
    }
    return name;
  };
  const run = async <R>(client: Pool | PoolClient, sql: string, params?: readonly unknown[], options?: QueryOptions) =>
    (
      await client.query(
        options?.prepared
          ? { name: nameOf(sql), text: sql, values: params as unknown[] }
          : { text: sql, values: params as unknown[] },
      )
    ).rows as R[];
  return {
    kind: 'postgres',
    query: (sql, params, options) => run(pool, sql, params, options),
    exec: async (sql) => void (await pool.query(sql)),
    transaction: (fn) => transactionOn(pool, fn, run),
    close: () => pool.end(),
    async listen(channel, onNotify, onEnd) {
      const client = new pg.Client({ connectionString: url });
      let stopped = false;
      client.on('notification', (notification) => {
        if (notification.channel === channel && notification.payload !== undefined) {
          onNotify(notification.payload);
        }
      });
      client.on('error', (err) => {
        if (!stopped) {
          onEnd(err);
        }
      });
      client.on('end', () => {
        if (!stopped) {
          onEnd();
        }
      });
      await client.connect();
      await client.query(`LISTEN ${client.escapeIdentifier(channel)}`);
      return async () => {
        stopped = true;
        await client.end().catch(() => undefined);
      };
    },
  };
}

type RunOn = <R>(client: PoolClient, sql: string, params?: readonly unknown[], options?: QueryOptions) => Promise<R[]>;

/** One transaction on a checked-out client; a connection that broke meanwhile is destroyed, not pooled again. */
async function transactionOn<T>(pool: Pool, fn: (tx: Queryable) => Promise<T>, run: RunOn): Promise<T> {
  const client = await pool.connect();
  // A connection dropped mid-transaction (a restart, a killed backend) fails the query in flight: the request is
  // answered 503 and nothing is committed; the broken client is destroyed on release.
  let broken: Error | undefined;
  const onError = (err: Error) => {
    broken = err;
  };
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const result = await fn({
      query: (sql, params, options) => run(client, sql, params, options),
      exec: async (sql) => void (await client.query(sql)),
    });
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    broken ??= isDatabaseOutage(err) ? (err as Error) : undefined;
    throw err;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}

async function openPglite({ dataDir, pgliteSharedBuffers, pgliteImage }: OpenOptions): Promise<Db> {
  const { PGlite } = await import('@electric-sql/pglite');
  const startParams = pgliteSharedBuffers
    ? [...PGlite.defaultStartParams, '-c', `shared_buffers=${pgliteSharedBuffers}`]
    : undefined;
  const pglite: PGlite = await PGlite.create(dataDir ?? 'memory://', {
    parsers: { [INT8]: (v: string) => Number(v) },
    ...(startParams ? { startParams } : {}),
    ...(pgliteImage ? { loadDataDir: pgliteImage } : {}),
  });
  return wrapPglite(pglite);
}

/** One Db over an open PGlite. */
export function wrapPglite(pglite: PGlite): Db {
  return {
    kind: 'pglite',
    query: async (sql, params) => (await pglite.query(sql, params as unknown[])).rows as never,
    exec: async (sql) => void (await pglite.exec(sql)),
    transaction: (fn) =>
      pglite.transaction((tx) =>
        fn({
          query: async (sql, params) => (await tx.query(sql, params as unknown[])).rows as never,
          exec: async (sql) => void (await tx.exec(sql)),
        }),
      ),
    close: () => pglite.close(),
  };
}
