// Polling a real IMAP server (Dovecot from Debian's packages, started by the test on loopback): new mail becomes
// appeals, processed mail is flagged \Seen or moved away, and nothing is stored twice.
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HANDLERS } from '../../src/jobs/handlers.ts';
import { startTestEnv, type TestEnv } from '../support/harness.ts';
import { type Dovecot, startDovecot } from '../support/dovecot.ts';
import { makeMail } from '../support/mail.ts';
import { appealsOf as appealsOfIn } from './inbound-kit.ts';

let env: TestEnv;
let dovecot: Dovecot;
const USERS = { 'support@otklik.test': 'secret', 'moves@otklik.test': 'secret2' };

beforeAll(async () => {
  [env, dovecot] = await Promise.all([startTestEnv(), startDovecot(USERS)]);
});
afterAll(async () => {
  await dovecot?.close();
  await env?.close();
});

async function imap<T>(user: keyof typeof USERS, fn: (client: ImapFlow) => Promise<T>): Promise<T> {
  const client = new ImapFlow({
    host: '127.0.0.1',
    port: dovecot.port,
    secure: false,
    auth: { user, pass: USERS[user] },
    logger: false,
  });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.logout();
  }
}

const settings = (user: keyof typeof USERS, extra: object = {}) => ({
  host: '127.0.0.1',
  port: dovecot.port,
  secure: false,
  user,
  password: USERS[user],
  ...extra,
});

const appealsOf = (email: string) => appealsOfIn(env, email);

describe('IMAP polling', () => {
  let mailboxId: string;

  it('turns new mail into appeals and flags it \\Seen', async () => {
    await imap('support@otklik.test', async (client) => {
      await client.append('INBOX', (await makeMail({ from: 'imap.one@example.ru', subject: 'Первое письмо' })).raw);
      await client.append('INBOX', (await makeMail({ from: 'imap.two@example.ru', subject: 'Второе письмо' })).raw);
      // Mail someone already read in their client is not ours to take.
      await client.append('INBOX', (await makeMail({ from: 'imap.read@example.ru' })).raw, ['\\Seen']);
    });
    const created = await env.request('POST', '/api/v1/mail/mailboxes', {
      as: 'admin',
      body: {
        name: 'IMAP',
        address: 'support@otklik.test',
        inbound: 'imap',
        imap: settings('support@otklik.test'),
        unitId: env.units.store.id,
      },
    });
    expect(created.status).toBe(201);
    mailboxId = created.body.id;
    const polled = await env.request('POST', `/api/v1/mail/mailboxes/${mailboxId}/poll`, { as: 'admin' });
    expect(polled.body).toEqual({ fetched: 2, stored: 2 });
    expect((await appealsOf('imap.one@example.ru'))[0]).toMatchObject({
      subject: 'Первое письмо',
      channel: 'email',
      unitId: env.units.store.id,
    });
    expect(await appealsOf('imap.two@example.ru')).toHaveLength(1);
    expect(await appealsOf('imap.read@example.ru')).toHaveLength(0);
    const unseen = await imap('support@otklik.test', async (client) => {
      const lock = await client.getMailboxLock('INBOX');
      try {
        return await client.search({ seen: false });
      } finally {
        lock.release();
      }
    });
    expect(unseen).toEqual([]);
    const mailbox = await env.request('GET', `/api/v1/mail/mailboxes/${mailboxId}`, { as: 'admin' });
    expect(mailbox.body.imapState).toMatchObject({ lastError: null, lastUid: 2 });
  });

  it('stores a mail once when it is fetched again (marked unread by someone)', async () => {
    await imap('support@otklik.test', async (client) => {
      const lock = await client.getMailboxLock('INBOX');
      try {
        await client.messageFlagsRemove('1:*', ['\\Seen']);
      } finally {
        lock.release();
      }
    });
    const polled = await env.request('POST', `/api/v1/mail/mailboxes/${mailboxId}/poll`, { as: 'admin' });
    expect(polled.body).toEqual({ fetched: 3, stored: 1 });
    expect(await appealsOf('imap.one@example.ru')).toHaveLength(1);
    // The one read before is new to Otklik, so it is now stored (once).
    expect(await appealsOf('imap.read@example.ru')).toHaveLength(1);
  });

  it('moves processed mail into another folder when the mailbox says so, from the scheduler’s job', async () => {
    await imap('moves@otklik.test', async (client) => {
      await client.mailboxCreate('Processed');
      await client.append('INBOX', (await makeMail({ from: 'imap.moved@example.ru', to: 'moves@otklik.test' })).raw);
    });
    await env.request('POST', '/api/v1/mail/mailboxes', {
      as: 'admin',
      body: {
        name: 'Moves',
        address: 'moves@otklik.test',
        inbound: 'imap',
        imap: settings('moves@otklik.test', { processed: 'move', moveTo: 'Processed' }),
      },
    });
    env.ctx.cache.deletePrefix('mailboxes:');
    const pollJob = HANDLERS['mail.imap'];
    expect(pollJob).toBeDefined();
    const result = await pollJob?.(env.ctx, {}, env.clock.now());
    expect(result).toMatchObject({ stored: 1, failed: [] });
    expect(await appealsOf('imap.moved@example.ru')).toHaveLength(1);
    const count = async (client: ImapFlow, folder: string) => {
      const status = await client.status(folder, { messages: true });
      return status ? status.messages : undefined;
    };
    const counts = await imap('moves@otklik.test', async (client) => ({
      inbox: await count(client, 'INBOX'),
      processed: await count(client, 'Processed'),
    }));
    expect(counts).toEqual({ inbox: 0, processed: 1 });
  });

  it('reports a refused login as a 400 naming the IMAP settings, and remembers the error', async () => {
    const wrong = await env.request('POST', '/api/v1/mail/mailboxes', {
      as: 'admin',
      body: {
        name: 'Wrong',
        address: 'wrong@otklik.test',
        inbound: 'imap',
        imap: { ...settings('support@otklik.test'), password: 'nope' },
      },
    });
    const polled = await env.request('POST', `/api/v1/mail/mailboxes/${wrong.body.id}/poll`, { as: 'admin' });
    expect(polled.status).toBe(400);
    expect(polled.body.error.fields[0]).toMatchObject({ path: 'imap', code: 'poll_failed' });
    const mailbox = await env.request('GET', `/api/v1/mail/mailboxes/${wrong.body.id}`, { as: 'admin' });
    expect(mailbox.body.imapState.lastError).toBeTruthy();
    expect((await env.request('POST', `/api/v1/mail/mailboxes/${wrong.body.id}/poll`, { as: 'agent' })).status).toBe(
      403,
    );
  });
});
