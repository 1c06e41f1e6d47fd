// Serves the built web app (dist/web) at "/": hashed assets cached for a year, index.html never cached, and
// every other non-API GET answered with index.html so that the app's own router handles deep links.
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { App } from './http.ts';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** dist/web beside the bundled CLI (dist/cli.js), or from the source tree (src/server/web.ts) in development. */
export function webRoot(): string | null {
  const candidates = [new URL('./web/', import.meta.url), new URL('../../dist/web/', import.meta.url)].map((u) =>
    fileURLToPath(u),
  );
  return candidates.find((dir) => existsSync(path.join(dir, 'index.html'))) ?? null;
}

export async function registerWebRoutes(app: App) {
  const root = webRoot();
  if (root) {
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      index: false,
      cacheControl: false,
      setHeaders: (res, file) => {
        res.header('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? IMMUTABLE : 'no-cache');
      },
    });
  }

  app.get('/*', { schema: { hide: true } }, async (req, reply) => {
    const pathname = req.url.split('?')[0]!;
    if (pathname === '/api' || pathname.startsWith('/api/')) {
      return reply.code(404).send({ error: { code: 'not_found', message: `No route GET ${pathname}`, fields: [] } });
    }
    // A missing hashed asset is a stale page asking for an old build: a 404, not the app's HTML.
    if (pathname.startsWith('/assets/')) {
      return reply.code(404).type('text/plain').send('Not found');
    }
    if (!root) {
      return reply.code(503).type('text/plain; charset=utf-8').send('The web app is not built: run `npm run build`.');
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html', root);
  });
}
