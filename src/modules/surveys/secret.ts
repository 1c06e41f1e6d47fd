// Owns: the secret survey links are signed with. OTKLIK_SURVEY_SECRET when set; otherwise a random one written
// once into the data directory (mode 0600, never in the repository) and read back on every later start.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Ctx } from '../../context.ts';

const FILE = 'survey-secret';
const loaded = new WeakMap<object, Promise<string>>();

async function readOrCreate(dataDir: string): Promise<string> {
  const file = path.join(dataDir, FILE);
  try {
    const text = (await readFile(file, 'utf8')).trim();
    if (text.length >= 32) {
      return text;
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw err;
    }
  }
  await mkdir(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  try {
    // 'wx': if another process wrote it first, theirs wins and is read back below.
    await writeFile(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw err;
    }
    return (await readFile(file, 'utf8')).trim();
  }
}

export function surveySecret(ctx: Ctx): Promise<string> {
  if (ctx.config.surveySecret) {
    return Promise.resolve(ctx.config.surveySecret);
  }
  let secret = loaded.get(ctx.config);
  if (!secret) {
    loaded.set(ctx.config, (secret = readOrCreate(ctx.config.dataDir)));
  }
  return secret;
}
