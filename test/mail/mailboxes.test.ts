// Mailboxes through the API: who may manage them, what they hold, and the bad inputs refused with the field named.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../support/harness.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await startTestEnv();
});
afterAll(() => env.close());

const imap = { host: 'imap.example.ru', user: 'support', password: 's3cret' };

describe('mailboxes', () => {
  it('an administrator creates, reads and changes a mailbox; passwords are never returned', async () => {
    const created = await env.request('POST', '/api/v1/mail/mailboxes', {
      as: 'admin',
      body: {
        name: 'Поддержка',
        address: 'Support@Otklik.Test',
        aliases: ['help@otklik.test'],
        unitId: env.units.store.id,
        kind: 'question',
        inbound: 'imap',
        imap,
        smtp: { host: 'smtp.example.ru', user: 'u', password: 'p' },
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      address: 'support@otklik.test',
      kind: 'question',
      inbound: 'imap',
      unitId: env.units.store.id,
      autoAck: false,
      active: true,
    });
    expect(created.body.imap).toEqual({
      host: 'imap.example.ru',
      port: 993,
      secure: true,
      user: 'support',
      hasPassword: true,
      folder: 'INBOX',
      processed: 'mark',
      moveTo: null,
    });
    expect(created.body.smtp).toMatchObject({ host: 'smtp.example.ru', port: 587, hasPassword: true });
    expect(JSON.stringify(created.body)).not.toContain('s3cret');

    // Changing the folder keeps the stored password when none is sent.
    const changed = await env.request('PATCH', `/api/v1/mail/mailboxes/${created.body.id}`, {
      as: 'admin',
      body: { imap: { host: 'imap.example.ru', user: 'support', folder: 'Otklik' }, autoAck: true },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.imap).toMatchObject({ folder: 'Otklik', hasPassword: true });
    expect(changed.body.autoAck).toBe(true);

    const list = await env.request('GET', '/api/v1/mail/mailboxes', { as: 'supervisor' });
    expect(list.body.items.map((m: { id: string }) => m.id)).toContain(created.body.id);
  });

  it('refuses an address another mailbox already receives', async () => {
    await env.request('POST', '/api/v1/mail/mailboxes', { as: 'admin', body: { name: 'A', address: 'a@otklik.test' } });
    const taken = await env.request('POST', '/api/v1/mail/mailboxes', {
      as: 'admin',
      body: { name: 'B', address: 'b@otklik.test', aliases: ['a@otklik.test'] },
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.fields[0].path).toBe('address');
  });

  it.each([
    [{ name: 'X', address: 'not-an-address' }, 'address'],
    [{ name: 'X', address: 'x1@otklik.test', inbound: 'imap' }, 'imap'],
    [{ name: 'X', address: 'x2@otklik.test', imap: { host: 'h', user: 'u' } }, 'imap.password'],
    [{ name: 'X', address: 'x3@otklik.test', imap: { ...imap, processed: 'move' } }, 'imap.moveTo'],
    [{ name: 'X', address: 'x4@otklik.test', unitId: '00000000-0000-4000-8000-000000000000' }, 'unitId'],
    [{ name: 'X', address: 'x5@otklik.test', queueId: '00000000-0000-4000-8000-000000000000' }, 'queueId'],
    [{ name: 'X', address: 'x6@otklik.test', smtp: { host: 'h', port: 70000 } }, 'smtp.port'],
    [{ name: 'X', address: 'x7@otklik.test', aliases: ['x7@otklik.test'] }, 'aliases'],
    [{ name: 'X', address: 'x8@otklik.test', colour: 'red' }, 'colour'],
  ])('refuses %j naming %s', async (body, field) => {
    const res = await env.request('POST', '/api/v1/mail/mailboxes', { as: 'admin', body });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain(field);
  });

  it('only administrators and heads of Customer Service manage mailboxes', async () => {
    for (const as of ['agent', 'supervisor', 'analyst', 'unit_responsible'] as const) {
      const res = await env.request('POST', '/api/v1/mail/mailboxes', {
        as,
        body: { name: 'X', address: `${as}@otklik.test` },
      });
      expect(res.status).toBe(403);
    }
    expect((await env.request('GET', '/api/v1/mail/mailboxes', { as: 'unit_responsible' })).status).toBe(200);
    expect((await env.request('GET', '/api/v1/mail/messages', { as: 'agent' })).status).toBe(403);
  });

  it('answers 404 for an unknown mailbox and refuses polling one that is not IMAP', async () => {
    expect(
      (await env.request('GET', '/api/v1/mail/mailboxes/00000000-0000-4000-8000-000000000000', { as: 'admin' })).status,
    ).toBe(404);
    const smtp = await env.request('POST', '/api/v1/mail/mailboxes', {
      as: 'admin',
      body: { name: 'S', address: 's@otklik.test' },
    });
    const poll = await env.request('POST', `/api/v1/mail/mailboxes/${smtp.body.id}/poll`, { as: 'admin' });
    expect(poll.status).toBe(400);
    expect(poll.body.error.fields[0].path).toBe('inbound');
  });
});
