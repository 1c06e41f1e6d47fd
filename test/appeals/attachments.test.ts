import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/modules/auth/actor.ts';
import { makeAppealInput, type TestUser } from '../support/factories.ts';
import { startTestEnv, type TestEnv } from '../support/harness.ts';
import { queryOne } from '../../src/db/rows.ts';

// A minimal PNG header is all the sniffer reads; the rest of the "image" may be anything.
function png(width: number, height: number, filler = 'x'): Buffer {
  const be32 = (value: number) => {
    const buffer = Buffer.alloc(4);
    buffer.writeUInt32BE(value);
    return buffer;
  };
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    be32(13),
    Buffer.from('IHDR'),
    be32(width),
    be32(height),
    Buffer.from([8, 6, 0, 0, 0]),
    Buffer.from(filler.repeat(100)),
  ]);
}

type Part = { name: string; value: string } | { name: string; filename: string; contentType?: string; data: Buffer };

function multipart(parts: Part[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----otklik${Math.random().toString(16).slice(2)}`;
  const chunks = parts.flatMap((part) => {
    const head =
      'data' in part
        ? `Content-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\n` +
          `Content-Type: ${part.contentType ?? 'application/octet-stream'}`
        : `Content-Disposition: form-data; name="${part.name}"`;
    return [
      Buffer.from(`--${boundary}\r\n${head}\r\n\r\n`),
      'data' in part ? part.data : Buffer.from(part.value),
      Buffer.from('\r\n'),
    ];
  });
  return {
    payload: Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const fileParts = (data: Buffer, filename = 'file.bin', extra: Part[] = [], contentType?: string): Part[] => [
  ...extra,
  { name: 'file', filename, data, ...(contentType ? { contentType } : {}) },
];

let env: TestEnv;
let otherResponsible: TestUser;
let secondAgent: TestUser;

beforeAll(async () => {
  env = await startTestEnv();
  otherResponsible = await env.makeUser('unit_responsible', [env.units.other.id]);
  secondAgent = await env.makeUser('agent');
});
afterAll(() => env.close());

const upload = (url: string, parts: Part[], who: { as?: Role; token?: string } = { as: 'agent' }) => {
  const { payload, headers } = multipart(parts);
  return env.request('POST', url, { ...who, payload, headers });
};
const stage = (parts: Part[], who?: { as?: Role; token?: string }) => upload('/api/v1/attachments', parts, who);

async function storeAppeal(): Promise<string> {
  const res = await env.request('POST', '/api/v1/appeals', {
    as: 'admin',
    body: makeAppealInput({ unitId: env.units.store.id }),
  });
  expect(res.status).toBe(201);
  return res.body.id;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

const rowCount = async () =>
  (await queryOne<{ n: number }>(env.ctx.db, 'SELECT count(*)::int AS n FROM attachments')).n;

describe('uploading and downloading', () => {
  it('stages a PNG declared as a PDF and serves it back as image/png, inline', async () => {
    const data = png(1024, 768);
    const res = await stage(fileParts(data, 'скан.pdf', [{ name: 'documentKind', value: 'scan' }], 'application/pdf'));
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      appealId: null,
      fileName: 'скан.pdf',
      contentType: 'image/png',
      size: data.length,
      sha256: createHash('sha256').update(data).digest('hex'),
      documentKind: 'scan',
      width: 1024,
      height: 768,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
    });
    const content = await env.app.inject({
      method: 'GET',
      url: `/api/v1/attachments/${res.body.id}/content`,
      headers: { authorization: `Bearer ${env.users.agent.token}` },
    });
    expect(content.statusCode).toBe(200);
    expect(content.rawPayload.equals(data)).toBe(true);
    expect(content.headers).toMatchObject({
      'content-type': 'image/png',
      'x-content-type-options': 'nosniff',
      'cache-control': 'private',
      'content-disposition': `inline; filename="____.pdf"; filename*=UTF-8''%D1%81%D0%BA%D0%B0%D0%BD.pdf`,
    });
  });

  it('serves text as an attachment with its charset, and a file after the field order is reversed', async () => {
    const data = Buffer.from('Акт приёма-передачи: товар принят без претензий.\n');
    const res = await stage([
      { name: 'file', filename: 'акт.txt', data },
      { name: 'documentKind', value: 'repair_act' },
    ]);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      contentType: 'text/plain',
      documentKind: 'repair_act',
      width: null,
      height: null,
    });
    const content = await env.request('GET', `/api/v1/attachments/${res.body.id}/content`, { as: 'agent' });
    expect(content.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(String(content.headers['content-disposition'])).toMatch(/^attachment; /);
    expect(content.body).toBe(data.toString());
  });

  it('defaults the document kind to "other" and never trusts a declared HTML type', async () => {
    const res = await stage(fileParts(Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x00]), 'x.html', [], 'text/html'));
    expect(res.body).toMatchObject({ documentKind: 'other', contentType: 'application/octet-stream' });
  });

  it('stores identical content once', async () => {
    const data = png(900, 700, 'same');
    const first = await stage(fileParts(data, 'a.png'));
    const second = await stage(fileParts(data, 'b.png'));
    expect(first.body.id).not.toBe(second.body.id);
    expect(first.body.sha256).toBe(second.body.sha256);
    const stored = (await filesUnder(path.join(env.ctx.config.dataDir, 'attachments'))).filter((f) =>
      f.endsWith(first.body.sha256),
    );
    expect(stored).toEqual([
      path.join(
        env.ctx.config.dataDir,
        'attachments',
        first.body.sha256.slice(0, 2),
        first.body.sha256.slice(2, 4),
        first.body.sha256,
      ),
    ]);
  });

  it('streams a large file through intact', async () => {
    const data = Buffer.alloc(3 * 1024 * 1024 + 17);
    for (let i = 0; i < data.length; i++) {
      data[i] = (i * 7919) % 251;
    }
    const res = await stage(fileParts(data, 'big.bin'));
    expect(res.body).toMatchObject({ size: data.length, sha256: createHash('sha256').update(data).digest('hex') });
    const content = await env.app.inject({
      method: 'GET',
      url: `/api/v1/attachments/${res.body.id}/content`,
      headers: { authorization: `Bearer ${env.users.agent.token}` },
    });
    expect(content.rawPayload.equals(data)).toBe(true);
  });

  it('replays a retried upload with the same Idempotency-Key instead of storing it twice', async () => {
    const parts = fileParts(Buffer.from('retry me, please'), 'retry.txt');
    const key = { 'idempotency-key': `upload-${Math.random()}` };
    const send = (parts: Part[]) => {
      const form = multipart(parts);
      return env.request('POST', '/api/v1/attachments', {
        as: 'agent',
        payload: form.payload,
        headers: { ...form.headers, ...key },
      });
    };
    const first = await send(parts);
    const rowsAfterFirst = await rowCount();
    const second = await send(parts);
    expect(second.status).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.body).toEqual(first.body);
    expect(await rowCount()).toBe(rowsAfterFirst);
    expect((await send(fileParts(Buffer.from('different bytes'), 'retry.txt'))).status).toBe(409);
  });

  it.each<[string, Part[], number, string, string]>([
    ['an empty file', fileParts(Buffer.alloc(0), 'empty.txt'), 400, 'file', 'empty_file'],
    ['no file at all', [{ name: 'documentKind', value: 'scan' }], 400, 'file', 'required'],
    [
      'a bad document kind',
      fileParts(Buffer.from('hello world'), 'a.txt', [{ name: 'documentKind', value: 'Scan Copy' }]),
      400,
      'documentKind',
      'invalid_format',
    ],
    [
      'an unknown field',
      fileParts(Buffer.from('hello world'), 'a.txt', [{ name: 'colour', value: 'red' }]),
      400,
      'colour',
      'unknown_field',
    ],
    [
      'two files',
      [...fileParts(Buffer.from('one')), { name: 'file', filename: 'b.txt', data: Buffer.from('two') }],
      400,
      'file',
      'unexpected_file',
    ],
  ])('refuses %s, storing nothing', async (_name, parts, ...refusal) => {
    const [status, fieldPath, code] = refusal;
    const [rowsBefore, filesBefore] = [
      await rowCount(),
      await filesUnder(path.join(env.ctx.config.dataDir, 'attachments')),
    ];
    const res = await stage(parts);
    expect(res.status).toBe(status);
    expect(res.body.error.fields).toEqual([expect.objectContaining({ path: fieldPath, code })]);
    expect(await rowCount()).toBe(rowsBefore);
    expect(await filesUnder(path.join(env.ctx.config.dataDir, 'attachments'))).toEqual(filesBefore);
  });

  it('answers 415 to a JSON body', async () => {
    const res = await env.request('POST', '/api/v1/attachments', { as: 'agent', body: { file: 'abc' } });
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('unsupported_media_type');
  });

  it('refuses uploads from a role that may not create appeals', async () => {
    const res = await stage(fileParts(Buffer.from('hello world')), { as: 'analyst' });
    expect(res.status).toBe(403);
  });

  it('answers 404 for an unknown attachment', async () => {
    const res = await env.request('GET', '/api/v1/attachments/00000000-0000-4000-8000-000000000000', { as: 'admin' });
    expect(res.status).toBe(404);
  });
});

describe('who may read a staged attachment', () => {
  it('is its uploader or an admin; anyone else is told it does not exist', async () => {
    const { body } = await stage(fileParts(png(10, 10), 'secret.png'));
    for (const [who, status] of [
      [{ as: 'agent' as Role }, 200],
      [{ as: 'admin' as Role }, 200],
      [{ token: secondAgent.token }, 404],
      [{ as: 'supervisor' as Role }, 404],
      [{ as: 'unit_responsible' as Role }, 404],
    ] as const) {
      expect((await env.request('GET', `/api/v1/attachments/${body.id}`, who)).status).toBe(status);
      expect((await env.request('GET', `/api/v1/attachments/${body.id}/content`, who)).status).toBe(status);
    }
  });
});

describe('attachments of an appeal', () => {
  it('adds a file to an appeal, lists it and records the event', async () => {
    const appealId = await storeAppeal();
    const res = await upload(
      `/api/v1/appeals/${appealId}/attachments`,
      fileParts(png(2000, 1500), 'photo.png', [{ name: 'documentKind', value: 'photo' }]),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      appealId,
      documentKind: 'photo',
      contentType: 'image/png',
      width: 2000,
      height: 1500,
    });
    const list = await env.request('GET', `/api/v1/appeals/${appealId}/attachments`, { as: 'unit_responsible' });
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([res.body]);
    const history = await env.request('GET', `/api/v1/appeals/${appealId}/history`, { as: 'agent' });
    expect(history.body.items.map((e: { action: string }) => e.action)).toContain('attachment_added');
  });

  it('hides them from a unit_responsible of another unit: 404 for metadata, bytes, list and upload', async () => {
    const appealId = await storeAppeal();
    const { body } = await upload(
      `/api/v1/appeals/${appealId}/attachments`,
      fileParts(Buffer.from('repair act text'), 'act.txt'),
    );
    const other = { token: otherResponsible.token };
    expect(
      (await env.request('GET', `/api/v1/attachments/${body.id}/content`, { as: 'unit_responsible' })).status,
    ).toBe(200);
    expect((await env.request('GET', `/api/v1/attachments/${body.id}/content`, other)).status).toBe(404);
    const meta = await env.request('GET', `/api/v1/attachments/${body.id}`, other);
    expect(meta.status).toBe(404);
    expect(meta.body.error.message).toBe('Attachment not found');
    expect((await env.request('GET', `/api/v1/appeals/${appealId}/attachments`, other)).status).toBe(404);
    const rowsBefore = await rowCount();
    expect(
      (await upload(`/api/v1/appeals/${appealId}/attachments`, fileParts(Buffer.from('sneaky')), other)).status,
    ).toBe(404);
    expect(await rowCount()).toBe(rowsBefore);
  });

  it('refuses an upload to an appeal by a role that may not comment', async () => {
    const appealId = await storeAppeal();
    expect(
      (await upload(`/api/v1/appeals/${appealId}/attachments`, fileParts(Buffer.from('hi there')), { as: 'analyst' }))
        .status,
    ).toBe(403);
  });

  it('links staged attachments when the appeal is created, and only the uploader may use them', async () => {
    const mine = await stage(
      fileParts(Buffer.from('receipt 42, paid'), 'receipt.txt', [{ name: 'documentKind', value: 'receipt' }]),
    );
    const theirs = await stage(fileParts(Buffer.from('another receipt'), 'r.txt'), { token: secondAgent.token });
    const refused = await env.request('POST', '/api/v1/appeals', {
      as: 'agent',
      body: makeAppealInput({ attachmentIds: [mine.body.id, theirs.body.id] }),
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields).toContainEqual(
      expect.objectContaining({ path: 'attachmentIds.1', code: 'unknown_attachment' }),
    );
    const created = await env.request('POST', '/api/v1/appeals', {
      as: 'agent',
      body: makeAppealInput({ attachmentIds: [mine.body.id] }),
    });
    expect(created.status).toBe(201);
    const list = await env.request('GET', `/api/v1/appeals/${created.body.id}/attachments`, { as: 'agent' });
    expect(list.body.items).toEqual([{ ...mine.body, appealId: created.body.id }]);
    const again = await env.request('POST', '/api/v1/appeals', {
      as: 'agent',
      body: makeAppealInput({ attachmentIds: [mine.body.id] }),
    });
    expect(again.status).toBe(400);
  });
});

describe('size limit', () => {
  let small: TestEnv;
  beforeAll(async () => {
    small = await startTestEnv({ attachmentMaxBytes: 1024 });
  });
  afterAll(() => small.close());

  it('answers 413 naming the field and leaves no row and no file behind', async () => {
    const ok = multipart(fileParts(Buffer.alloc(1024, 'a'), 'fits.txt'));
    expect((await small.request('POST', '/api/v1/attachments', { as: 'agent', ...ok })).status).toBe(201);
    const rowsBefore = (await small.ctx.db.query('SELECT id FROM attachments')).length;
    const filesBefore = await filesUnder(path.join(small.ctx.config.dataDir, 'attachments'));

    const tooBig = multipart(fileParts(Buffer.alloc(1025, 'b'), 'big.txt', [{ name: 'documentKind', value: 'scan' }]));
    const res = await small.request('POST', '/api/v1/attachments', { as: 'agent', ...tooBig });
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({ code: 'payload_too_large', fields: [{ path: 'file', code: 'too_large' }] });
    expect((await small.ctx.db.query('SELECT id FROM attachments')).length).toBe(rowsBefore);
    expect(await filesUnder(path.join(small.ctx.config.dataDir, 'attachments'))).toEqual(filesBefore);
  });
});
