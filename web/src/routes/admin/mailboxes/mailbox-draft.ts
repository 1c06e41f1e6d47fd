// A mailbox as its form edits it, and the bodies that create or update one from it. Pure.
import type { AppealKind, CreateMailbox, Mailbox, UpdateMailbox } from '../../../api/contract.ts';

export type Inbound = Mailbox['inbound'];
export type Processed = NonNullable<Mailbox['imap']>['processed'];

export interface ImapDraft {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  /** Empty: the password stays as it was set. */
  password: string;
  folder: string;
  processed: Processed;
  moveTo: string;
}

export interface SmtpDraft {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  /** Empty: the password stays as it was set. */
  password: string;
}

export interface MailboxDraft {
  name: string;
  address: string;
  displayName: string;
  aliases: string[];
  unitId: string | null;
  kind: AppealKind;
  queueId: string | null;
  inbound: Inbound;
  imap: ImapDraft;
  /** Replies leave through an SMTP relay; without one they are written as .eml files. */
  relay: boolean;
  smtp: SmtpDraft;
  autoAck: boolean;
  active: boolean;
}

export const IMAP_PORT = 993;
export const SMTP_PORT = 587;

/** The form's first state: the mailbox as it is, or a new one's defaults. */
export function draftOf(mailbox: Mailbox | null): MailboxDraft {
  const { imap, smtp } = mailbox ?? {};
  return {
    name: mailbox?.name ?? '',
    address: mailbox?.address ?? '',
    displayName: mailbox?.displayName ?? '',
    aliases: mailbox?.aliases ?? [],
    unitId: mailbox?.unitId ?? null,
    kind: mailbox?.kind ?? 'incident',
    queueId: mailbox?.queueId ?? null,
    inbound: mailbox?.inbound ?? 'smtp',
    imap: {
      host: imap?.host ?? '',
      port: imap?.port ?? IMAP_PORT,
      secure: imap?.secure ?? true,
      user: imap?.user ?? '',
      password: '',
      folder: imap?.folder ?? 'INBOX',
      processed: imap?.processed ?? 'mark',
      moveTo: imap?.moveTo ?? '',
    },
    relay: smtp !== null && smtp !== undefined,
    smtp: {
      host: smtp?.host ?? '',
      port: smtp?.port ?? SMTP_PORT,
      secure: smtp?.secure ?? false,
      user: smtp?.user ?? '',
      password: '',
    },
    autoAck: mailbox?.autoAck ?? false,
    active: mailbox?.active ?? true,
  };
}

const imapSettings = (imap: ImapDraft) => ({
  host: imap.host.trim(),
  port: imap.port,
  secure: imap.secure,
  user: imap.user.trim(),
  folder: imap.folder.trim() || 'INBOX',
  processed: imap.processed,
  ...(imap.password ? { password: imap.password } : {}),
  ...(imap.processed === 'move' && imap.moveTo.trim() ? { moveTo: imap.moveTo.trim() } : {}),
});

const smtpSettings = (smtp: SmtpDraft) => ({
  host: smtp.host.trim(),
  port: smtp.port,
  secure: smtp.secure,
  ...(smtp.user.trim() ? { user: smtp.user.trim() } : {}),
  ...(smtp.password ? { password: smtp.password } : {}),
});

const commonFields = (draft: MailboxDraft) => ({
  name: draft.name.trim(),
  address: draft.address.trim(),
  aliases: draft.aliases,
  kind: draft.kind,
  inbound: draft.inbound,
  autoAck: draft.autoAck,
});

export function createBody(draft: MailboxDraft): CreateMailbox {
  return {
    ...commonFields(draft),
    ...(draft.displayName.trim() ? { displayName: draft.displayName.trim() } : {}),
    ...(draft.unitId ? { unitId: draft.unitId } : {}),
    ...(draft.queueId ? { queueId: draft.queueId } : {}),
    ...(draft.inbound === 'imap' ? { imap: imapSettings(draft.imap) } : {}),
    ...(draft.relay ? { smtp: smtpSettings(draft.smtp) } : {}),
  };
}

/** An update sends every field; settings the form turned off are cleared (null), untouched absent ones stay so. */
export function updateBody(draft: MailboxDraft, mailbox: Mailbox): UpdateMailbox {
  return {
    ...commonFields(draft),
    displayName: draft.displayName.trim() || null,
    unitId: draft.unitId,
    queueId: draft.queueId,
    ...(draft.inbound === 'imap' ? { imap: imapSettings(draft.imap) } : mailbox.imap ? { imap: null } : {}),
    ...(draft.relay ? { smtp: smtpSettings(draft.smtp) } : mailbox.smtp ? { smtp: null } : {}),
    active: draft.active,
  };
}
