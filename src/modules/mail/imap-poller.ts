// Polling IMAP mailboxes: every new mail in the folder is received like one from the SMTP listener, then
// flagged \Seen or moved away. A mail is marked only after it is stored, so a crash means it is fetched again
// next time — and stored once, since mail is deduplicated by its Message-ID.
import type * as Imap from 'imapflow';
import type { Ctx } from '../../context.ts';
import { invalidField, notFound } from '../../server/errors.ts';
import { lazyRequire } from '../../server/lazy-require.ts';

import { receiveMail } from './inbound.service.ts';
import { activeMailboxes, findMailbox, type MailboxRow, saveImapState } from './mailboxes.service.ts';

const imapflow = lazyRequire<typeof Imap>('imapflow');

/** Mail taken per mailbox and poll, so one huge backlog cannot hold the scheduler. */
const BATCH = 200;

export interface PollResult {
  fetched: number;
  stored: number;
}

export async function pollMailbox(ctx: Ctx, mailbox: MailboxRow): Promise<PollResult> {
  const settings = mailbox.imap;
  if (!settings) {
    throw new Error(`IMAP ${mailbox.address}: no IMAP settings`);
  }
  const client: Imap.ImapFlow = new (imapflow().ImapFlow)({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    auth: { user: settings.user, pass: settings.password },
    logger: false,
    emitLogs: false,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  });
  // A dropped connection is reported by the failing command; the client's own 'error' event must not crash the process.
  client.on('error', () => undefined);
  const state = { ...mailbox.imapState, lastPollAt: ctx.clock.now().toISOString(), lastError: null as string | null };
  const result: PollResult = { fetched: 0, stored: 0 };
  try {
    await client.connect();
    const lock = await client.getMailboxLock(settings.folder);
    try {
      const opened = client.mailbox;
      const uidValidity = opened ? String(opened.uidValidity) : undefined;
      if (uidValidity !== state.uidValidity) {
        Object.assign(state, { uidValidity, lastUid: 0 });
      }
      const uids =
        (await client.search(settings.processed === 'move' ? { all: true } : { seen: false }, { uid: true })) || [];
      for (const uid of uids.sort((a, b) => a - b).slice(0, BATCH)) {
        const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
        if (!message || !message.source) {
          continue;
        }
        result.fetched++;
        const received = await receiveMail(ctx, mailbox, message.source);
        if (received.verdict !== 'duplicate') {
          result.stored++;
        }
        if (settings.processed === 'move' && settings.moveTo) {
          await client.messageMove(String(uid), settings.moveTo, { uid: true });
        } else {
          await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
        }
        state.lastUid = Math.max(state.lastUid ?? 0, uid);
      }
    } finally {
      lock.release();
    }
    await client.logout();
  } catch (err) {
    state.lastError = err instanceof Error ? err.message : String(err);
    client.close();
  }
  await saveImapState(ctx.db, mailbox.id, state);
  if (state.lastError) {
    throw new Error(`IMAP ${mailbox.address}: ${state.lastError}`);
  }
  return result;
}

/** The scheduler's job: poll every active IMAP mailbox; one failing mailbox does not stop the others. */
export async function pollAllMailboxes(ctx: Ctx): Promise<PollResult & { failed: string[] }> {
  const total = { fetched: 0, stored: 0, failed: [] as string[] };
  for (const mailbox of await activeMailboxes(ctx)) {
    if (mailbox.inbound !== 'imap' || !mailbox.imap) {
      continue;
    }
    try {
      const polled = await pollMailbox(ctx, mailbox);
      total.fetched += polled.fetched;
      total.stored += polled.stored;
    } catch {
      total.failed.push(mailbox.address);
    }
  }
  return total;
}

/** Polls one mailbox now (an administrator's "check mail"); its error is answered as a 4xx naming the settings. */
export async function pollNow(ctx: Ctx, id: string): Promise<PollResult> {
  const mailbox = await findMailbox(ctx.db, id);
  if (!mailbox) {
    throw notFound('Mailbox');
  }
  if (mailbox.inbound !== 'imap' || !mailbox.imap) {
    throw invalidField('inbound', 'not_imap', 'This mailbox does not poll IMAP');
  }
  try {
    return await pollMailbox(ctx, mailbox);
  } catch (err) {
    throw invalidField('imap', 'poll_failed', err instanceof Error ? err.message : String(err));
  }
}
