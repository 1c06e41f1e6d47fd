// What every service needs: the database and the configuration. Passed explicitly, never global.
import type { Config } from './config.ts';
import type { Db } from './db/db.ts';

export interface Ctx {
  db: Db;
  config: Config;
}
