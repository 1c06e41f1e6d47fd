// Serves the built web app (dist/web) at "/": hashed assets cached for a year, index.html never cached and sent
// with its security headers (a fresh style nonce each time), and every other non-API GET answered with index.html
// so that the app's own router handles deep links.
import fastifyStatic from '@fastify/static';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { App } from './http.ts';
import { newNonce, nonceMeta, PAGE_HEADERS, webAppHeaders } from './security-headers.ts';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** dist/web beside the bundled CLI (dist/cli.js), or from the source tree (src/server/web.ts) in development. */
export function webRoot(): string | null {
  const candidates = [new URL('./web/', import.meta.url), new URL('../../dist/web/', import.meta.url)].map((u) =>
    fileURLToPath(u),
  );
  return candidates.find((dir) => existsSync(path.join(dir, 'index.html'))) ?? null;
}

/** The app's page with this response's nonce where the app's script looks for it. */
const withNonce = (indexHtml: string, nonce: string): string =>
  indexHtml.replace(/<head>/i, (head) => `${head}\n    ${nonceMeta(nonce)}`);

/** The web app's routes; `root` is the built app's folder (found beside the server unless a test names one). */
export async function registerWebRoutes(app: App, root: string | null = webRoot()) {
  // Read once: a build is deployed before the server starts. Sent as a string, without validators, so a browser
  // never keeps an old nonce through a 304.
  const indexHtml = root ? readFileSync(path.join(root, 'index.html'), 'utf8') : null;
  if (root) {
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      index: false,
      // The page itself is the catch-all's, which adds its nonce and policy.
      globIgnore: ['index.html'],
      cacheControl: false,
      setHeaders: (res, file) => {
        res.header('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? IMMUTABLE : 'no-cache');
        res.header('x-content-type-options', 'nosniff');
      },
    });
  }

  app.get('/*', { schema: { hide: true } }, async (req, reply) => {
    const [pathname = ''] = req.url.split('?');
    if (pathname === '/api' || pathname.startsWith('/api/')) {
      return reply.code(404).send({ error: { code: 'not_found', message: `No route GET ${pathname}`, fields: [] } });
    }
    // A missing hashed asset is a stale page asking for an old build: a 404, not the app's HTML.
    if (pathname.startsWith('/assets/')) {
      return reply.code(404).headers(PAGE_HEADERS).type('text/plain').send('Not found');
    }
    if (indexHtml === null) {
      return reply
        .code(503)
        .headers(PAGE_HEADERS)
        .type('text/plain; charset=utf-8')
        .send('The web app is not built: run `npm run build`.');
    }
    const nonce = newNonce();
    return reply
      .headers({ ...webAppHeaders(nonce), 'cache-control': 'no-cache' })
      .type('text/html; charset=utf-8')
      .send(withNonce(indexHtml, nonce));
  });
}
