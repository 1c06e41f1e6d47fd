// Creating a PGlite database (initdb) takes seconds; the suite does it once: vitest's global setup migrates one
// in-memory database, dumps its data directory to a file named by the migrations' hash, and every test file's
// database starts from that dump (openTestDb).
import { createHash } from 'node:crypto';
import { readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { wrapPglite } from '../../src/db/db.ts';
import { migrate, migrationsDir } from '../../src/db/migrate.ts';

export const TEMPLATE_ENV = 'OTKLIK_TEST_PGLITE_TEMPLATE';

async function templatePath(): Promise<string> {
  const hash = createHash('sha1');
  const pglite = JSON.parse(
    await readFile(new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url), 'utf8'),
  );
  hash.update(pglite.version);
  for (const file of (await readdir(migrationsDir())).sort()) {
    hash.update(file).update(await readFile(path.join(migrationsDir(), file)));
  }
  return path.join(tmpdir(), `otklik-pglite-template-${hash.digest('hex').slice(0, 16)}.tar`);
}

/** vitest global setup: makes the template unless one for these migrations exists, and names it to the workers. */
export default async function setup(): Promise<void> {
  if (process.env.DATABASE_URL) {
    return;
  }
  const file = await templatePath();
  const exists = await stat(file).then(
    () => true,
    () => false,
  );
  if (!exists) {
    const pglite = await PGlite.create('memory://');
    await migrate(wrapPglite(pglite));
    const image = await pglite.dumpDataDir('none');
    await pglite.close();
    // Written aside and renamed, so that a run started at the same moment never reads half a file.
    const partial = `${file}.${process.pid}`;
    await writeFile(partial, Buffer.from(await image.arrayBuffer()));
    await rename(partial, file);
  }
  process.env[TEMPLATE_ENV] = file;
}

/** The template's dump, when the global setup made one. */
export async function readTemplate(): Promise<Blob | undefined> {
  const file = process.env[TEMPLATE_ENV];
  return file ? new Blob([await readFile(file)]) : undefined;
}
