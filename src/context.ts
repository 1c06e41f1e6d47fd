// What every service needs: the database, the configuration and this process's short-lived caches.
// Passed explicitly, never global.
import type { Config } from './config.ts';
import type { Db } from './db/db.ts';
import { TtlCache } from './server/ttl-cache.ts';

export interface Ctx {
  db: Db;
  config: Config;
  cache: TtlCache;
}

/** Seconds another process's change (a revoked token, a new custom field) may take to show here. */
export const CACHE_TTL_MS = 5_000;

export const makeCtx = (db: Db, config: Config): Ctx => ({ db, config, cache: new TtlCache(CACHE_TTL_MS) });
