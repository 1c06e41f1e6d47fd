// The world of the inbound mail tests: a real app with a mailbox (support@, alias help@) that opens incidents in
// the store's queue, Otklik's own SMTP listener on loopback, and a real SMTP client sending to it; and the reads
// the tests check (a customer's appeals, an appeal's mail).
import { type SmtpListener, startSmtpListener } from '../../src/modules/mail/smtp-listener.ts';
import { startTestEnv, type TestEnv } from '../support/harness.ts';
import { smtpClient } from '../support/mail.ts';

/** Small limits, so that "too large" needs no megabytes: attachments over 50 KB stay in the raw source only. */
export const SMTP_MAX = 400_000;
export const ATTACHMENT_MAX = 50_000;
export const silent = { info: () => undefined, error: () => undefined };

export interface InboundWorld {
  env: TestEnv;
  listener: SmtpListener;
  client: ReturnType<typeof smtpClient>;
  mailboxId: string;
  close(): Promise<void>;
}

export async function startInboundWorld(): Promise<InboundWorld> {
  const env = await startTestEnv({ attachmentMaxBytes: ATTACHMENT_MAX });
  const queue = await env.request('POST', '/api/v1/queues', { as: 'admin', body: { code: 'email', name: 'Почта' } });
  const mailbox = await env.request('POST', '/api/v1/mail/mailboxes', {
    as: 'admin',
    body: {
      name: 'Поддержка',
      address: 'support@otklik.test',
      aliases: ['help@otklik.test'],
      unitId: env.units.store.id,
      kind: 'incident',
      queueId: queue.body.id,
    },
  });
  const listener = await startSmtpListener(env.ctx, { host: '127.0.0.1', port: 0, maxBytes: SMTP_MAX, log: silent });
  const client = smtpClient(listener.port);
  return {
    env,
    listener,
    client,
    mailboxId: mailbox.body.id,
    async close() {
      client.close();
      await listener.close();
      await env.close();
    },
  };
}

/** The appeals of the customer with this address, as an administrator lists them; none for an unknown address. */
export async function appealsOf(env: TestEnv, email: string) {
  const customers = await env.request('GET', `/api/v1/customers?email=${encodeURIComponent(email)}`, { as: 'admin' });
  if (!customers.body.items.length) {
    return [];
  }
  const customerId = customers.body.items[0].id;
  return (await env.request('GET', `/api/v1/appeals?customerId=${customerId}`, { as: 'admin' })).body.items;
}

/** An appeal's mail, as an administrator reads it. */
export const mailOf = async (env: TestEnv, appealId: string) =>
  (await env.request('GET', `/api/v1/appeals/${appealId}/mail`, { as: 'admin' })).body.items;
