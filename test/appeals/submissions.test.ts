import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordRejection } from '../../src/modules/submissions/submissions.service.ts';
import { makeSubmissionInput, type TestUser } from '../support/factories.ts';
import { startTestEnv, type TestEnv } from '../support/harness.ts';

let env: TestEnv;
let otherResponsible: TestUser;
beforeAll(async () => {
  env = await startTestEnv();
  otherResponsible = await env.makeUser('unit_responsible', [env.units.other.id]);
});
afterAll(() => env.close());

const OFFICE_RULES = {
  requireComment: true,
  requireSequenceNumber: false,
  requireLegibleCustomerName: true,
  requiredDocuments: [{ kind: 'scan', min: 2 }],
  minImageWidth: 1200,
  minImageHeight: 900,
};

describe('submission rules', () => {
  it('lists the seeded rules to anyone who may read settings', async () => {
    const res = await env.request('GET', '/api/v1/submission-rules', { as: 'unit_responsible' });
    expect(res.status).toBe(200);
    const serviceCentre = res.body.items.find((r: { unitType: string }) => r.unitType === 'service_centre');
    expect(serviceCentre).toMatchObject({
      rules: { requiredDocuments: [{ kind: 'repair_act', min: 1 }], minImageWidth: 800 },
    });
    expect(serviceCentre.updatedAt).toMatch(/Z$/);
  });

  it('lets an admin set the rules of a unit type, and they are read back', async () => {
    const put = await env.request('PUT', '/api/v1/submission-rules/office', { as: 'admin', body: OFFICE_RULES });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ unitType: 'office', rules: OFFICE_RULES });
    const changed = { ...OFFICE_RULES, requiredDocuments: [] };
    expect((await env.request('PUT', '/api/v1/submission-rules/office', { as: 'cs_head', body: changed })).status).toBe(
      200,
    );
    const list = await env.request('GET', '/api/v1/submission-rules', { as: 'agent' });
    expect(list.body.items.find((r: { unitType: string }) => r.unitType === 'office').rules).toEqual(changed);
  });

  it.each(['agent', 'supervisor', 'unit_responsible', 'analyst'] as const)('refuses a %s with 403', async (as) => {
    const res = await env.request('PUT', '/api/v1/submission-rules/store', { as, body: OFFICE_RULES });
    expect(res.status).toBe(403);
  });

  it.each<[string, string, unknown, string[]]>([
    [
      'a minimum of 0',
      'store',
      { ...OFFICE_RULES, requiredDocuments: [{ kind: 'scan', min: 0 }] },
      ['requiredDocuments.0.min'],
    ],
    [
      'a minimum over 20',
      'store',
      { ...OFFICE_RULES, requiredDocuments: [{ kind: 'scan', min: 21 }] },
      ['requiredDocuments.0.min'],
    ],
    [
      'a bad kind and a negative width',
      'store',
      { ...OFFICE_RULES, requiredDocuments: [{ kind: 'Скан', min: 1 }], minImageWidth: -5 },
      ['requiredDocuments.0.kind', 'minImageWidth'],
    ],
    ['a missing flag', 'store', { ...OFFICE_RULES, requireComment: undefined }, ['requireComment']],
    ['an unknown field', 'store', { ...OFFICE_RULES, maxAttachments: 3 }, ['maxAttachments']],
    [
      'a kind listed twice',
      'store',
      {
        ...OFFICE_RULES,
        requiredDocuments: [
          { kind: 'scan', min: 1 },
          { kind: 'scan', min: 2 },
        ],
      },
      ['requiredDocuments.1.kind'],
    ],
    ['an unknown unit type', 'warehouse', OFFICE_RULES, ['params.unitType']],
  ])('answers 400 to %s, naming the field', async (_name, unitType, body, paths) => {
    const res = await env.request('PUT', `/api/v1/submission-rules/${unitType}`, { as: 'admin', body });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toEqual(paths);
  });
});

describe('rejection counts', () => {
  const counts = (query: string, as: 'admin' | 'analyst' | 'unit_responsible' = 'admin', token?: string) =>
    env.request('GET', `/api/v1/submission-rejections${query}`, token ? { token } : { as });

  beforeAll(async () => {
    // Two rejections through the API (a unit's own submission failing the store rules)…
    const bad = [
      makeSubmissionInput(env.units.store.id, { customer: { name: '???', phone: '+7 912 000 11 22' } }),
      makeSubmissionInput(env.units.store.id, {
        customer: { name: 'ааааа', phone: '+7 912 000 11 23' },
        description: 'Плохо',
      }),
    ];
    for (const body of bad) {
      const res = await env.request('POST', '/api/v1/appeals', { as: 'unit_responsible', body });
      expect(res.status).toBe(422);
    }
    // …and earlier ones written directly, dated so the period filters can be checked.
    await recordRejection(env.ctx.db, env.units.other.id, null, [
      { path: 'sequenceNumber', code: 'sequence_number_required', message: 'x' },
      { path: 'attachmentIds.0', code: 'image_resolution_too_low', message: 'x' },
      { path: 'attachmentIds.1', code: 'image_resolution_too_low', message: 'x' },
    ]);
    await recordRejection(env.ctx.db, env.units.other.id, null, [
      { path: 'description', code: 'comment_required', message: 'x' },
    ]);
    await env.ctx.db.query(`UPDATE submission_rejections SET at = '2024-03-10T12:00:00Z' WHERE unit_id = $1`, [
      env.units.other.id,
    ]);
    await recordRejection(env.ctx.db, env.units.other.id, null, [
      { path: 'description', code: 'comment_required', message: 'x' },
    ]);
    await env.ctx.db.query(
      `UPDATE submission_rejections SET at = '2024-04-01T00:00:00Z' WHERE unit_id = $1 AND at > '2024-03-31'`,
      [env.units.other.id],
    );
  });

  it('counts rejections per unit and per failure code, busiest unit first', async () => {
    const res = await counts('');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      {
        unitId: env.units.other.id,
        unitName: 'Магазин на Невском',
        rejections: 3,
        byCode: { sequence_number_required: 1, image_resolution_too_low: 1, comment_required: 2 },
      },
      {
        unitId: env.units.store.id,
        unitName: 'Магазин на Тверской',
        rejections: 2,
        byCode: { customer_name_illegible: 2, comment_too_short: 1 },
      },
    ]);
  });

  it('counts within [from, to)', async () => {
    const march = await counts('?from=2024-03-01&to=2024-04-01');
    expect(march.body.items).toEqual([expect.objectContaining({ unitId: env.units.other.id, rejections: 2 })]);
    const fromApril = await counts('?from=2024-04-01T00:00:00Z&to=2024-05-01');
    expect(fromApril.body.items).toEqual([
      expect.objectContaining({ unitId: env.units.other.id, rejections: 1, byCode: { comment_required: 1 } }),
    ]);
    expect((await counts('?to=2024-01-01')).body.items).toEqual([]);
  });

  it('filters by unit', async () => {
    const res = await counts(`?unitId=${env.units.store.id}`, 'analyst');
    expect(res.body.items.map((r: { unitId: string }) => r.unitId)).toEqual([env.units.store.id]);
  });

  it('shows a unit_responsible only their own units', async () => {
    const own = await counts('', 'unit_responsible');
    expect(own.body.items.map((r: { unitId: string }) => r.unitId)).toEqual([env.units.store.id]);
    const other = await counts('', 'unit_responsible', otherResponsible.token);
    expect(other.body.items.map((r: { unitId: string }) => r.unitId)).toEqual([env.units.other.id]);
    const peeking = await counts(`?unitId=${env.units.other.id}`, 'unit_responsible');
    expect(peeking.body.items).toEqual([]);
  });

  it.each([
    ['?from=yesterday', 'query.from'],
    ['?unitId=42', 'query.unitId'],
    ['?from=2024-05-01&to=2024-04-01', 'query.to'],
  ])('answers 400 to %s naming %s', async (query, fieldPath) => {
    const res = await counts(query);
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].path).toBe(fieldPath);
  });
});
