// The mailboxes contract: where mail comes in (Otklik's SMTP listener or an IMAP mailbox it polls), where it goes
// (unit, kind, queue of new appeals) and how replies leave (an SMTP relay, or .eml files without one).
import { z } from 'zod';
import { AppealKind } from '../categories/categories.schema.ts';

export const INBOUND_MODES = ['smtp', 'imap', 'none'] as const;

const Address = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'Not an e-mail address' }))
  .pipe(z.string().max(320));
const Host = z.string().trim().min(1).max(253);
const Port = z.number().int().min(1).max(65_535);

export const ImapSettingsInput = z
  .strictObject({
    host: Host,
    port: Port.default(993),
    secure: z.boolean().default(true).describe('TLS from the start (port 993); false uses STARTTLS when offered'),
    user: z.string().min(1).max(320),
    password: z.string().min(1).max(1000).optional().describe('Required when the mailbox has no IMAP password yet'),
    folder: z.string().min(1).max(200).default('INBOX'),
    processed: z.enum(['mark', 'move']).default('mark').describe('mark: flag \\Seen; move: move into moveTo'),
    moveTo: z.string().min(1).max(200).optional(),
  })
  .refine((s) => s.processed !== 'move' || s.moveTo, {
    message: 'Say which folder processed mail moves to',
    path: ['moveTo'],
    params: { code: 'required' },
  });

export const SmtpSettingsInput = z.strictObject({
  host: Host,
  port: Port.default(587),
  secure: z
    .boolean()
    .default(false)
    .describe('TLS from the start (port 465); false upgrades with STARTTLS when offered'),
  user: z.string().min(1).max(320).optional(),
  password: z.string().min(1).max(1000).optional(),
});

// Passwords are write-only: the API says whether one is set, never what it is.
const ImapSettings = z.object({
  host: z.string(),
  port: z.number(),
  secure: z.boolean(),
  user: z.string(),
  hasPassword: z.boolean(),
  folder: z.string(),
  processed: z.enum(['mark', 'move']),
  moveTo: z.string().nullable(),
});
const SmtpSettings = z.object({
  host: z.string(),
  port: z.number(),
  secure: z.boolean(),
  user: z.string().nullable(),
  hasPassword: z.boolean(),
});

export const Mailbox = z
  .object({
    id: z.uuid(),
    name: z.string(),
    address: z.string(),
    aliases: z.array(z.string()),
    displayName: z.string().nullable(),
    unitId: z.uuid().nullable(),
    kind: AppealKind,
    queueId: z.uuid().nullable(),
    inbound: z.enum(INBOUND_MODES),
    imap: ImapSettings.nullable(),
    smtp: SmtpSettings.nullable().describe('null: replies are written to the outbox folder as .eml files'),
    autoAck: z.boolean(),
    active: z.boolean(),
    imapState: z.object({
      lastPollAt: z.string().nullable(),
      lastError: z.string().nullable(),
      lastUid: z.number().nullable(),
    }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Mailbox' });
export type Mailbox = z.infer<typeof Mailbox>;

const fields = {
  name: z.string().trim().min(1).max(200),
  address: Address,
  aliases: z.array(Address).max(20),
  displayName: z.string().trim().min(1).max(200),
  unitId: z.uuid(),
  kind: AppealKind,
  queueId: z.uuid(),
  inbound: z.enum(INBOUND_MODES),
  imap: ImapSettingsInput,
  smtp: SmtpSettingsInput,
  autoAck: z.boolean(),
  active: z.boolean(),
};

const needsImap = (v: { inbound?: string; imap?: unknown }) => v.inbound !== 'imap' || v.imap;
const imapRule = { message: 'IMAP polling needs IMAP settings', path: ['imap'], params: { code: 'required' } };

export const CreateMailbox = z
  .strictObject({
    name: fields.name,
    address: fields.address,
    aliases: fields.aliases.default([]),
    displayName: fields.displayName.optional(),
    unitId: fields.unitId.optional(),
    kind: fields.kind.default('incident'),
    queueId: fields.queueId.optional(),
    inbound: fields.inbound.default('smtp'),
    imap: fields.imap.optional(),
    smtp: fields.smtp.optional(),
    autoAck: fields.autoAck.default(false),
  })
  .refine(needsImap, imapRule);
export type CreateMailboxInput = z.infer<typeof CreateMailbox>;

export const UpdateMailbox = z
  .strictObject({
    name: fields.name.optional(),
    address: fields.address.optional(),
    aliases: fields.aliases.optional(),
    displayName: fields.displayName.nullable().optional(),
    unitId: fields.unitId.nullable().optional(),
    kind: fields.kind.optional(),
    queueId: fields.queueId.nullable().optional(),
    inbound: fields.inbound.optional(),
    imap: fields.imap.nullable().optional(),
    smtp: fields.smtp.nullable().optional(),
    autoAck: fields.autoAck.optional(),
    active: fields.active.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'Nothing to change' });
export type UpdateMailboxInput = z.infer<typeof UpdateMailbox>;

/** What "check mail now" did: messages fetched from the IMAP folder, and how many of them were new. */
export const MailboxPollResult = z.object({ fetched: z.number(), stored: z.number() });

/** A mail as stored: what became of it, and its parts shown collapsed in the thread. */
export const MailMessage = z
  .object({
    id: z.uuid(),
    mailboxId: z.uuid().nullable(),
    direction: z.enum(['inbound', 'outbound']),
    messageId: z.string(),
    appealId: z.uuid().nullable(),
    appealMessageId: z.uuid().nullable(),
    verdict: z
      .enum(['appeal', 'reply', 'auto_reply', 'bounce', 'loop', 'unparsed', 'sent'])
      .describe(
        'appeal: opened an appeal; reply: joined one; auto_reply, bounce, loop: kept, no appeal; unparsed: kept raw',
      ),
    parseError: z.string().nullable(),
    from: z.string().nullable(),
    fromName: z.string().nullable(),
    to: z.array(z.string()),
    subject: z.string().nullable(),
    quoted: z.string().nullable(),
    signature: z.string().nullable(),
    html: z.string().nullable().describe('Sanitised HTML body'),
    rawSize: z.number().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'MailMessage' });
export type MailMessage = z.infer<typeof MailMessage>;

export const MailQuery = z.strictObject({
  verdict: z.enum(['appeal', 'reply', 'auto_reply', 'bounce', 'loop', 'unparsed', 'sent']).optional(),
  mailboxId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type MailQuery = z.infer<typeof MailQuery>;
