// The web app's page over HTTP: its Content-Security-Policy (a fresh style nonce each time, handed to the app in a
// meta tag), frame protection, no sniffing and its referrer policy, on a stand-in build of the app.
import Fastify from 'fastify';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/server/http.ts';
import { registerWebRoutes } from '../../src/server/web.ts';

let root: string;
let app: App;

const INDEX = '<!doctype html><html><head><title>Otklik</title></head><body><div id="root"></div></body></html>';

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'otklik-web-'));
  mkdirSync(path.join(root, 'assets'));
  writeFileSync(path.join(root, 'index.html'), INDEX);
  writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  app = Fastify() as unknown as App;
  await registerWebRoutes(app, root);
});

afterAll(async () => {
  await app.close();
  rmSync(root, { recursive: true, force: true });
});

/** A directive's sources, by name, from a policy header. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe('the web app page', () => {
  it('is never framed, never sniffed, and keeps its referrer on this site', async () => {
    const page = await app.inject({ method: 'GET', url: '/queues/mine' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('same-origin');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers.etag).toBeUndefined();
  });

  it('allows scripts from this site only, no eval, and inline styles only under the nonce it hands over', async () => {
    const page = await app.inject({ method: 'GET', url: '/' });
    const policy = directives(String(page.headers['content-security-policy']));
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(page.headers['content-security-policy']).not.toMatch(/unsafe-(eval|inline)/);
    const nonce = policy
      .get('style-src')
      ?.find((source) => source.startsWith("'nonce-"))
      ?.slice(7, -1);
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(page.body).toContain(`<meta property="csp-nonce" nonce="${nonce}" />`);
    expect(page.body).toContain('<div id="root"></div>');
  });

  it('gives each response a nonce of its own', async () => {
    const policies = await Promise.all(
      [1, 2, 3].map(async () => (await app.inject({ method: 'GET', url: '/' })).headers['content-security-policy']),
    );
    expect(new Set(policies).size).toBe(3);
  });

  it('serves /index.html itself through the page route, with its policy', async () => {
    const page = await app.inject({ method: 'GET', url: '/index.html' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.body).toContain('csp-nonce');
  });

  it('serves hashed assets unsniffed and cached, and a missing one as a plain 404', async () => {
    const asset = await app.inject({ method: 'GET', url: '/assets/index-abc.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['x-content-type-options']).toBe('nosniff');
    expect(asset.headers['cache-control']).toContain('immutable');
    const missing = await app.inject({ method: 'GET', url: '/assets/index-old.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['x-content-type-options']).toBe('nosniff');
  });
});
