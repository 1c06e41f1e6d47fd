// The JavaScript a first visit loads: the entry script of dist/web/index.html and its modulepreloads, gzipped.
// Route chunks (lazy screens) load later and are listed apart. The budget is 300 KB gzip (issue 4).
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 300;
const webDir = fileURLToPath(new URL('../dist/web/', import.meta.url));

const gzipKb = async (file) => gzipSync(await readFile(path.join(webDir, file)), { level: 9 }).length / 1024;

export async function reportInitialSize() {
  const html = await readFile(path.join(webDir, 'index.html'), 'utf8');
  const initial = [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="\/([^"]+\.js)"/g)].map((m) => m[1]);
  const all = (await readdir(path.join(webDir, 'assets'))).filter((f) => f.endsWith('.js')).map((f) => `assets/${f}`);
  let total = 0;
  for (const file of initial) {
    total += await gzipKb(file);
  }
  let lazy = 0;
  for (const file of all.filter((f) => !initial.includes(f))) {
    lazy += await gzipKb(file);
  }
  const css = (await readdir(path.join(webDir, 'assets'))).filter((f) => f.endsWith('.css'));
  let cssKb = 0;
  for (const file of css) {
    cssKb += await gzipKb(`assets/${file}`);
  }
  console.log(
    `web: initial JS ${total.toFixed(1)} KB gzip in ${initial.length} file(s) (budget ${BUDGET_KB} KB); ` +
      `lazy route chunks ${lazy.toFixed(1)} KB gzip in ${all.length - initial.length}; CSS ${cssKb.toFixed(1)} KB gzip`,
  );
  if (total > BUDGET_KB) {
    console.error(`web: the initial JavaScript is over the ${BUDGET_KB} KB budget`);
    process.exitCode = 1;
  }
  return { initialKb: total, lazyKb: lazy, cssKb };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await reportInitialSize();
}
