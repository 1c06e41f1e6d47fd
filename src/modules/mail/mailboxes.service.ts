// Mailboxes: settings of the e-mail channel, managed by administrators. Inbound code finds a mailbox by the
// address a mail was sent to; the list of active mailboxes is cached briefly, like other settings.
import type { Ctx } from '../../context.ts';
import type { Queryable } from '../../db/db.ts';
import { AppError, invalidField, notFound } from '../../server/errors.ts';
import { authorize, type Actor } from '../auth/actor.ts';
import { idempotent, type Outcome } from '../idempotency/idempotency.service.ts';
import { getQueue } from '../queues/queues.service.ts';
import { requireUnit } from '../units/units.service.ts';
import * as repo from './mailboxes.repo.ts';
import type { CreateMailboxInput, Mailbox, UpdateMailboxInput } from './mailboxes.schema.ts';

export type { ImapSettings, ImapState, MailboxRow, SmtpSettings } from './mailboxes.repo.ts';

const ACTIVE_KEY = 'mailboxes:active';

export const present = (mailbox: repo.MailboxRow): Mailbox => ({
  id: mailbox.id,
  name: mailbox.name,
  address: mailbox.address,
  aliases: mailbox.aliases,
  displayName: mailbox.displayName,
  unitId: mailbox.unitId,
  kind: mailbox.kind as Mailbox['kind'],
  queueId: mailbox.queueId,
  inbound: mailbox.inbound,
  autoAck: mailbox.autoAck,
  active: mailbox.active,
  imap: mailbox.imap && {
    host: mailbox.imap.host,
    port: mailbox.imap.port,
    secure: mailbox.imap.secure,
    user: mailbox.imap.user,
    hasPassword: Boolean(mailbox.imap.password),
    folder: mailbox.imap.folder,
    processed: mailbox.imap.processed,
    moveTo: mailbox.imap.moveTo ?? null,
  },
  smtp: mailbox.smtp && {
    host: mailbox.smtp.host,
    port: mailbox.smtp.port,
    secure: mailbox.smtp.secure,
    user: mailbox.smtp.user ?? null,
    hasPassword: Boolean(mailbox.smtp.password),
  },
  imapState: {
    lastPollAt: mailbox.imapState.lastPollAt ?? null,
    lastError: mailbox.imapState.lastError ?? null,
    lastUid: mailbox.imapState.lastUid ?? null,
  },
  createdAt: mailbox.createdAt.toISOString(),
  updatedAt: mailbox.updatedAt.toISOString(),
});

async function existing(db: Queryable, id: string): Promise<repo.MailboxRow> {
  const row = await repo.findById(db, id);
  if (!row) {
    throw notFound('Mailbox');
  }
  return row;
}

/** The queue must exist; asked before the transaction, through the queues service. */
async function checkQueue(ctx: Ctx, actor: Actor, queueId: string | null | undefined): Promise<void> {
  if (!queueId) {
    return;
  }
  await getQueue(ctx, actor, queueId).catch((err) => {
    throw err instanceof AppError && err.code === 'not_found'
      ? invalidField('queueId', 'unknown_queue', 'No such queue')
      : err;
  });
}

/** The unit must exist; no address may be received by two mailboxes. */
async function check(tx: Queryable, mailbox: repo.MailboxValues, self: string | null): Promise<void> {
  if (mailbox.unitId) {
    await requireUnit(tx, mailbox.unitId);
  }
  if (mailbox.aliases.includes(mailbox.address)) {
    throw invalidField('aliases', 'duplicate', 'An alias repeats the address');
  }
  const taken = await repo.findClaiming(tx, [mailbox.address, ...mailbox.aliases], self);
  if (taken) {
    const message = `Mailbox ${taken.address} already receives this address`;
    throw new AppError('conflict', message, [{ path: 'address', code: 'duplicate', message }]);
  }
}

export async function listMailboxes(ctx: Ctx, actor: Actor): Promise<Mailbox[]> {
  authorize(actor, 'settings:read');
  return (await repo.list(ctx.db)).map(present);
}

export async function getMailbox(ctx: Ctx, actor: Actor, id: string): Promise<Mailbox> {
  authorize(actor, 'settings:read');
  return present(await existing(ctx.db, id));
}

export async function createMailbox(
  ctx: Ctx,
  actor: Actor,
  input: CreateMailboxInput,
  key?: string,
): Promise<Outcome<Mailbox>> {
  authorize(actor, 'settings:write');
  const imapPassword = input.imap?.password;
  if (input.imap && !imapPassword) {
    throw invalidField('imap.password', 'required', 'IMAP polling needs a password');
  }
  const values: repo.MailboxValues = {
    name: input.name,
    address: input.address,
    aliases: [...new Set(input.aliases)],
    displayName: input.displayName ?? null,
    unitId: input.unitId ?? null,
    kind: input.kind,
    queueId: input.queueId ?? null,
    inbound: input.inbound,
    imap: input.imap && imapPassword ? { ...input.imap, password: imapPassword } : null,
    smtp: input.smtp ?? null,
    autoAck: input.autoAck,
    active: true,
  };
  await checkQueue(ctx, actor, input.queueId);
  const outcome = await idempotent(
    { db: ctx.db, userId: actor.id, key, route: 'POST /api/v1/mail/mailboxes', request: input },
    async (tx) => {
      await check(tx, values, null);
      return present(await existing(tx, await repo.insert(tx, values)));
    },
  );
  ctx.cache.deletePrefix(ACTIVE_KEY);
  return outcome;
}

export async function updateMailbox(ctx: Ctx, actor: Actor, id: string, input: UpdateMailboxInput): Promise<Mailbox> {
  authorize(actor, 'settings:write');
  await checkQueue(ctx, actor, input.queueId);
  const updated = await ctx.db.transaction(async (tx) => {
    const current = await existing(tx, id);
    const values: repo.MailboxValues = {
      name: input.name ?? current.name,
      address: input.address ?? current.address,
      aliases: input.aliases ? [...new Set(input.aliases)] : current.aliases,
      displayName: input.displayName === undefined ? current.displayName : input.displayName,
      unitId: input.unitId === undefined ? current.unitId : input.unitId,
      kind: input.kind ?? current.kind,
      queueId: input.queueId === undefined ? current.queueId : input.queueId,
      inbound: input.inbound ?? current.inbound,
      // A password left out keeps the stored one, so an edit form need not know it.
      imap:
        input.imap === undefined
          ? current.imap
          : input.imap && { ...input.imap, password: input.imap.password ?? current.imap?.password ?? '' },
      smtp:
        input.smtp === undefined
          ? current.smtp
          : input.smtp && { ...input.smtp, password: input.smtp.password ?? current.smtp?.password },
      autoAck: input.autoAck ?? current.autoAck,
      active: input.active ?? current.active,
    };
    if (values.inbound === 'imap' && !values.imap) {
      throw invalidField('imap', 'required', 'IMAP polling needs IMAP settings');
    }
    if (values.imap && !values.imap.password) {
      throw invalidField('imap.password', 'required', 'IMAP polling needs a password');
    }
    await check(tx, values, id);
    await repo.replace(tx, id, values);
    // Another IMAP account or folder starts from its beginning.
    if (input.imap !== undefined) {
      await repo.saveImapState(tx, id, {});
    }
    return present(await existing(tx, id));
  });
  ctx.cache.deletePrefix(ACTIVE_KEY);
  return updated;
}

/** Active mailboxes, briefly cached: every received mail asks. */
export const activeMailboxes = (ctx: Ctx): Promise<repo.MailboxRow[]> =>
  ctx.cache.get(ACTIVE_KEY, () => repo.listActive(ctx.db));

/** The active mailbox that receives mail for this address (its own address or an alias). */
export async function mailboxFor(ctx: Ctx, address: string): Promise<repo.MailboxRow | undefined> {
  const wanted = address.toLowerCase();
  return (await activeMailboxes(ctx)).find((mailbox) => mailbox.address === wanted || mailbox.aliases.includes(wanted));
}

export const findMailbox = (db: Queryable, id: string) => repo.findById(db, id);
export const saveImapState = (db: Queryable, id: string, state: repo.ImapState) => repo.saveImapState(db, id, state);
