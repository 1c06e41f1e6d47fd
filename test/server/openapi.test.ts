import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../support/harness.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await startTestEnv();
});
afterAll(() => env.close());

describe('API documentation', () => {
  it('serves an OpenAPI 3.1 document describing the appeals API', async () => {
    const res = await env.request('GET', '/api/docs/json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    for (const path of [
      '/api/v1/appeals',
      '/api/v1/appeals/{id}',
      '/api/v1/appeals/{id}/messages',
      '/api/v1/appeals/{id}/history',
      '/api/v1/auth/login',
      '/api/v1/customers',
      '/api/v1/units',
      '/api/v1/users',
      '/api/v1/categories',
      '/api/v1/tokens',
    ]) {
      expect(res.body.paths, path).toHaveProperty([path]);
    }
    const create = res.body.paths['/api/v1/appeals'].post;
    expect(create.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['kind', 'channel', 'subject', 'customer']),
    );
  });

  it('serves the interactive page', async () => {
    const entry = await env.request('GET', '/api/docs');
    expect([200, 302]).toContain(entry.status);
    const page = await env.request(
      'GET',
      entry.status === 302 ? new URL(String(entry.headers.location), 'http://x/api/docs/').pathname : '/api/docs',
    );
    expect(page.status).toBe(200);
    expect(String(page.body)).toContain('swagger-ui');
    const script = await env.request('GET', '/api/docs/static/swagger-ui-bundle.js');
    expect(script.status).toBe(200);
  });
});
