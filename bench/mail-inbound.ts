// Inbound mail through Otklik's SMTP listener: real SMTP clients (nodemailer, pooled connections) in this process
// send mail to a server in a child process, which parses, threads and stores each one before answering 250.
// Two thirds of the mail opens appeals (customers recur), a third answers earlier mail (threaded by
// In-Reply-To); one in ten carries an HTML part and a small image.
//   npm run build && DATABASE_URL=postgres://… \
//     npx tsx bench/mail-inbound.ts [--mails 1500] [--connections 8] [--runs 3]
import { randomBytes } from 'node:crypto';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { freePort } from '../test/support/dovecot.ts';
import { adminToken, arg, dropDatabase, fmt, freshDatabase, median, percentile, startServer } from './lib.ts';

const mails = arg('mails', 1500);
const connections = arg('connections', 8);
const runs = arg('runs', 3);

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);
const TEXT =
  'Здравствуйте! Купил холодильник в вашем магазине на Тверской, через неделю он перестал морозить. ' +
  'Мастер из сервисного центра так и не приехал, хотя обещали в течение трёх дней. ' +
  'Прошу разобраться и сообщить, когда будет ремонт.\n\n' +
  'С уважением,\nИван Петров\n+7 916 123-45-67';

/** The `sequence`-th mail of a run: a new appeal, or a reply to the mail whose Message-ID is `replyTo`. */
async function compose(sequence: number, run: string, replyTo?: string): Promise<{ id: string; raw: Buffer }> {
  const id = `bench.${run}.${sequence}@client.example`;
  const customer = sequence % 1000;
  const from = `Покупатель ${customer} <customer${customer}@example.ru>`;
  const quoted = replyTo
    ? `\n\n10.06.2024 12:00, Поддержка пишет:\n> Уточните, пожалуйста, номер заказа.\n> Служба заботы о клиентах`
    : '';
  const rich = sequence % 10 === 0;
  const raw = await new MailComposer({
    from,
    to: 'support@otklik.test',
    messageId: `<${id}>`,
    subject: replyTo ? 'Re: Ремонт холодильника' : `Ремонт холодильника №${sequence}`,
    text: (replyTo ? 'Номер заказа 4815162342, чек во вложении.' : TEXT) + quoted,
    ...(rich
      ? {
          html: `<p>${TEXT.replaceAll('\n', '<br>')}</p><img src="cid:p${sequence}">`,
          attachments: [{ filename: 'photo.png', content: PNG, cid: `p${sequence}` }],
        }
      : {}),
    ...(replyTo ? { inReplyTo: `<${replyTo}>`, references: [`<${replyTo}>`] } : {}),
  })
    .compile()
    .build();
  return { id, raw };
}

async function sendAll(port: number, batch: { raw: Buffer }[]): Promise<{ seconds: number; latencies: number[] }> {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: connections,
    maxMessages: Infinity,
  });
  const latencies: number[] = [];
  const started = performance.now();
  // The connections take the next mail in turn until none is left.
  const queue = batch.values();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      for (const mail of queue) {
        const sent = performance.now();
        await transport.sendMail({
          envelope: { from: 'sender@example.ru', to: ['support@otklik.test'] },
          raw: mail.raw,
        });
        latencies.push(performance.now() - sent);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  transport.close();
  return { seconds, latencies };
}

const databaseUrl = await freshDatabase();
const smtpPort = await freePort();
const server = await startServer({
  databaseUrl,
  env: { OTKLIK_SMTP_PORT: String(smtpPort), OTKLIK_SMTP_HOST: '127.0.0.1' },
});
try {
  const token = await adminToken(server.url);
  const created = await fetch(`${server.url}/api/v1/mail/mailboxes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ name: 'Bench', address: 'support@otklik.test' }),
  });
  if (created.status !== 201) {
    throw new Error(`mailbox: ${created.status} ${await created.text()}`);
  }
  console.log(
    `inbound mail on ${databaseUrl ? 'PostgreSQL' : 'PGlite'}: ` +
      `${fmt(mails)} mails per run, ${connections} SMTP connections, ${runs} runs`,
  );
  const rates: number[] = [];
  const p99s: number[] = [];
  for (let round = 0; round < runs; round++) {
    const run = randomBytes(3).toString('hex');
    const fresh = await Promise.all(Array.from({ length: Math.round((mails * 2) / 3) }, (_, i) => compose(i, run)));
    const first = await sendAll(smtpPort, fresh);
    // A reply to each of the first mails, as far as they go.
    const replies = await Promise.all(
      fresh.slice(0, mails - fresh.length).map((mail, i) => compose(fresh.length + i, run, mail.id)),
    );
    const second = await sendAll(smtpPort, replies);
    const seconds = first.seconds + second.seconds;
    const latencies = [...first.latencies, ...second.latencies].sort((a, b) => a - b);
    rates.push(mails / seconds);
    p99s.push(percentile(latencies, 99));
    console.log(
      `  run ${round + 1}: ${fmt(mails / seconds)} mails/s ` +
        `(new ${fmt(fresh.length / first.seconds)}/s, replies ${fmt(replies.length / second.seconds)}/s), ` +
        `per mail p50 ${fmt(percentile(latencies, 50), 1)} ms, p99 ${fmt(percentile(latencies, 99), 1)} ms`,
    );
  }
  console.log(`median: ${fmt(median(rates))} mails/s stored (target ≥ 100), p99 ${fmt(median(p99s), 1)} ms`);
} finally {
  await server.stop();
  await dropDatabase(databaseUrl);
}
