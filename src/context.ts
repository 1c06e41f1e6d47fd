// What every service needs: the database, the configuration, the clock and this process's short-lived caches.
// Passed explicitly, never global.
import type { Config } from './config.ts';
import type { Db } from './db/db.ts';
import { TtlCache } from './server/ttl-cache.ts';

/** Where services read the time, so that a test can hold it still or move it on. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface Ctx {
  db: Db;
  config: Config;
  cache: TtlCache;
  clock: Clock;
}

/** Seconds another process's change (a revoked token, a new custom field) may take to show here. */
export const CACHE_TTL_MS = 5_000;

export const makeCtx = (db: Db, config: Config, clock: Clock = systemClock): Ctx => ({
  db,
  config,
  clock,
  cache: new TtlCache(CACHE_TTL_MS),
});
