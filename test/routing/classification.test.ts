// The appeal classifier through HTTP: trained on a small demo register, its figures, suggestions, settings and
// roles; and the rules engine's hot path answering from memory.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../../src/context.ts';
import type { Db } from '../../src/db/db.ts';
import { queryOne } from '../../src/db/rows.ts';
import { HANDLERS } from '../../src/jobs/handlers.ts';
import { enqueue } from '../../src/jobs/jobs.service.ts';
import { runDueJobs } from '../../src/jobs/runner.ts';
import { loadDemo } from '../../src/modules/demo/demo.service.ts';
import { suggestForAppeal } from '../../src/modules/routing/classification/classification.service.ts';
import { startTestEnv, type TestEnv } from '../support/harness.ts';

const BASE = '/api/v1/routing/classifier';
const DELIVERY = {
  subject: 'Не привезли заказ',
  description: 'Курьер так и не приехал, доставку перенесли уже второй раз',
};

let env: TestEnv;
beforeAll(async () => {
  env = await startTestEnv();
}, 60_000);
afterAll(() => env.close());

describe('classifier without history', () => {
  it('answers 409 with a clear reason when there are too few labelled appeals to train on', async () => {
    const res = await env.request('POST', `${BASE}/train`, { as: 'admin' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('conflict');
    expect(res.body.error.message).toMatch(/Too little history.*at least 200/);
  });

  it('suggests nothing while no model exists', async () => {
    const res = await env.request('POST', `${BASE}/suggest`, { as: 'agent', body: DELIVERY });
    expect(res.status).toBe(200);
    expect(res.body.suggestion).toBeNull();
  });
});

describe('classifier trained on a demo register', () => {
  beforeAll(async () => {
    await loadDemo(env.ctx.db, {
      stores: 3,
      customers: 300,
      appeals: 3_000,
      withMessages: false,
      seed: 7,
      baseDate: new Date('2026-06-01T00:00:00Z'),
    });
  }, 120_000);

  it('learns from a demo whose appeals are mostly resolved or closed with a category', async () => {
    const { labelled, total } = await queryOne<{ labelled: number; total: number }>(
      env.ctx.db,
      `SELECT count(*) FILTER (WHERE status IN ('resolved', 'closed') AND category_id IS NOT NULL)::int AS labelled,
         count(*)::int AS total
       FROM appeals`,
    );
    expect(labelled / total).toBeGreaterThan(0.5);
  });

  it('refuses training to an agent', async () => {
    expect((await env.request('POST', `${BASE}/train`, { as: 'agent' })).status).toBe(403);
    expect((await env.request('PATCH', BASE, { as: 'agent', body: { enabled: false } })).status).toBe(403);
  });

  it('trains a category model, skips queues without history, and reports held-out figures', async () => {
    const res = await env.request('POST', `${BASE}/train`, { as: 'admin' });
    expect(res.status).toBe(200);
    expect(res.body.models.map((m: { target: string }) => m.target)).toEqual(['category']);
    const status = await env.request('GET', BASE, { as: 'analyst' });
    expect(status.status).toBe(200);
    const [model] = status.body.models;
    console.log(
      `classifier on demo data: ${model.samples} samples, ` +
        `accuracy ${model.accuracy.toFixed(3)}, macro-F1 ${model.macroF1.toFixed(3)}`,
    );
    expect(model).toMatchObject({ target: 'category' });
    expect(model.samples).toBeGreaterThan(1_000);
    expect(model.accuracy).toBeGreaterThan(0.5);
    expect(model.macroF1).toBeGreaterThan(0.5);
    expect(model.perClass.length).toBeGreaterThan(3);
    expect(model.perClass.every((c: { code: string | null; name: string | null }) => c.code && c.name)).toBe(true);
    expect(status.body).toMatchObject({ applyThreshold: expect.closeTo(0.8, 5), enabled: true, minSamples: 200 });
  });

  it('suggests an existing category for new text, and the threshold decides whether it may be applied', async () => {
    const res = await env.request('POST', `${BASE}/suggest`, { as: 'agent', body: DELIVERY });
    expect(res.status).toBe(200);
    const suggestion = res.body.suggestion;
    const [category] = await env.ctx.db.query<{ code: string }>('SELECT code FROM categories WHERE id = $1', [
      suggestion.categoryId,
    ]);
    expect(category).toBeDefined();
    expect(suggestion).toMatchObject({ queueId: null, queueConfidence: 0, applyQueue: false });
    expect(suggestion.categoryConfidence).toBeGreaterThan(0);

    expect((await env.request('PATCH', BASE, { as: 'admin', body: { applyThreshold: 0 } })).status).toBe(200);
    expect(
      (await env.request('POST', `${BASE}/suggest`, { as: 'agent', body: DELIVERY })).body.suggestion.applyCategory,
    ).toBe(true);
    expect((await env.request('PATCH', BASE, { as: 'admin', body: { applyThreshold: 1 } })).body.applyThreshold).toBe(
      1,
    );
    expect(
      (await env.request('POST', `${BASE}/suggest`, { as: 'agent', body: DELIVERY })).body.suggestion.applyCategory,
    ).toBe(false);
  });

  it('suggests nothing when switched off', async () => {
    await env.request('PATCH', BASE, { as: 'admin', body: { enabled: false } });
    expect((await env.request('POST', `${BASE}/suggest`, { as: 'agent', body: DELIVERY })).body.suggestion).toBeNull();
    await env.request('PATCH', BASE, { as: 'admin', body: { enabled: true, applyThreshold: 0.8 } });
  });

  it('rejects bad settings with 400 naming the field', async () => {
    const res = await env.request('PATCH', BASE, { as: 'admin', body: { applyThreshold: 1.5 } });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain('applyThreshold');
    const other = await env.request('PATCH', BASE, { as: 'admin', body: { minSamples: 0 } });
    expect(other.status).toBe(400);
    expect(other.body.error.fields.map((f: { path: string }) => f.path)).toContain('minSamples');
  });

  it('answers 409 when the minimum sample count exceeds the history', async () => {
    await env.request('PATCH', BASE, { as: 'admin', body: { minSamples: 1_000_000 } });
    const res = await env.request('POST', `${BASE}/train`, { as: 'admin' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/at least 1000000/);
    await env.request('PATCH', BASE, { as: 'admin', body: { minSamples: 200 } });
  });

  it('trains a queue model once appeals carry queues, replacing the active category model', async () => {
    // Give every category a queue, so the queue is learnable from the text.
    await env.ctx.db.query(
      `UPDATE appeals a SET queue_id = q.id
       FROM (SELECT id, (row_number() OVER (ORDER BY code)) % 3 AS n FROM categories) c,
            (SELECT id, row_number() OVER (ORDER BY code) - 1 AS n FROM queues) q
       WHERE a.category_id = c.id AND q.n = c.n`,
    );
    const res = await env.request('POST', `${BASE}/train`, { as: 'cs_head' });
    expect(res.status).toBe(200);
    expect(res.body.models.map((m: { target: string }) => m.target)).toEqual(['category', 'queue']);
    const [{ count }] = (await env.ctx.db.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM classifier_models WHERE active AND target = 'category'`,
    )) as [{ count: number }];
    expect(count).toBe(1);
    const suggestion = (await env.request('POST', `${BASE}/suggest`, { as: 'agent', body: DELIVERY })).body.suggestion;
    const [queue] = await env.ctx.db.query('SELECT code FROM queues WHERE id = $1', [suggestion.queueId]);
    expect(queue).toBeDefined();
  });

  it('answers suggestForAppeal from memory once warm, without a database query', async () => {
    await suggestForAppeal(env.ctx, DELIVERY);
    let queries = 0;
    const counting = new Proxy(env.ctx.db, {
      get(target, prop, receiver) {
        if (prop === 'query' || prop === 'exec' || prop === 'transaction') {
          return (...args: unknown[]) => {
            queries++;
            return (Reflect.get(target, prop, receiver) as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        return Reflect.get(target, prop, receiver);
      },
    }) as Db;
    const ctx: Ctx = { ...env.ctx, db: counting };
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      const started = performance.now();
      const suggestion = await suggestForAppeal(ctx, {
        subject: `${DELIVERY.subject} ${i}`,
        description: DELIVERY.description,
      });
      times.push(performance.now() - started);
      expect(suggestion?.categoryId).toBeTruthy();
    }
    times.sort((a, b) => a - b);
    const [p50, p99] = [times[100] ?? NaN, times[198] ?? NaN];
    console.log(`suggestForAppeal p50 ${p50.toFixed(3)} ms, p99 ${p99.toFixed(3)} ms`);
    expect(queries).toBe(0);
  });

  it('retrains in the daily job, which queues its own next run a day later', async () => {
    const now = new Date(Date.now() + 3 * 24 * 60 * 60 * 1000);
    const models = async () =>
      (await queryOne<{ n: number }>(env.ctx.db, 'SELECT count(*)::int AS n FROM classifier_models')).n;
    const before = await models();
    // Only this run: the next run queued by the training through the API would be due too.
    await env.ctx.db.query(`DELETE FROM jobs WHERE kind = 'classifier.train'`);
    await enqueue(env.ctx.db, [{ kind: 'classifier.train', runAt: now }], now);
    expect(await runDueJobs(env.ctx, now, { handlers: HANDLERS })).toMatchObject({ failed: 0 });
    expect(await models()).toBe(before + 2);
    const next = await env.ctx.db.query<{ runAt: Date }>(
      `SELECT run_at AS "runAt" FROM jobs WHERE kind = 'classifier.train' AND done_at IS NULL`,
    );
    expect(next.map((j) => j.runAt.getTime())).toEqual([now.getTime() + 24 * 60 * 60 * 1000]);
  });
});
