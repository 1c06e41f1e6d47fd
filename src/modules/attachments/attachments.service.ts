// Attachments: files staged before their appeal exists (a unit's submission) or added to an appeal, their
// type sniffed from the bytes, and who may read them — whoever may see the appeal; for a staged file, its
// uploader (or an admin). A file someone may not read is "not found", so ids reveal nothing.
import type { FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { Ctx } from '../../context.ts';
import type { Queryable } from '../../db/db.ts';
import { AppError, type FieldError, invalidField, notFound, validationFailed } from '../../server/errors.ts';
import { recordEvents, visibleAppeal } from '../appeals/appeals.access.ts';
import { authorize, type Actor } from '../auth/actor.ts';
import { idempotent, type Outcome } from '../idempotency/idempotency.service.ts';
import * as repo from './attachments.repo.ts';
import { attachmentsRoot, commit, discard, openContent, type ReceivedContent, receive } from './content-store.ts';
import { sniff } from './sniff.ts';

/** An attachment as the API shows it: the record without its uploader, its time as ISO text. */
export interface AttachmentInfo extends Omit<repo.AttachmentRow, 'uploadedBy' | 'createdAt'> {
  createdAt: string;
}

/** A received upload: bytes in a temp file plus what the client said about them. */
export interface Upload {
  fileName: string;
  documentKind: string;
  content: ReceivedContent;
}

const present = (row: repo.AttachmentRow): AttachmentInfo => ({
  id: row.id,
  appealId: row.appealId,
  fileName: row.fileName,
  contentType: row.contentType,
  size: row.size,
  sha256: row.sha256,
  documentKind: row.documentKind,
  width: row.width,
  height: row.height,
  createdAt: row.createdAt.toISOString(),
});

// Checked before the bytes are received, so a refused upload never reaches the disk.
export function assertMayStage(actor: Actor): void {
  authorize(actor, 'appeals:create');
}

export async function assertMayAttach(db: Queryable, actor: Actor, appealId: string): Promise<void> {
  authorize(actor, 'appeals:comment');
  await visibleAppeal(db, actor, appealId);
}

/** Stores an upload with no appeal yet; the appeal that is created with it links it (linkToAppeal). */
export async function stageUpload(
  ctx: Ctx,
  actor: Actor,
  upload: Upload,
  idempotencyKey?: string,
): Promise<Outcome<AttachmentInfo>> {
  return settle(upload, async () => {
    assertMayStage(actor);
    return idempotent(
      {
        db: ctx.db,
        userId: actor.id,
        key: idempotencyKey,
        route: 'POST /api/v1/attachments',
        request: fingerprint(upload),
      },
      (tx) => store(ctx, tx, upload, { actor, appealId: null }),
    );
  });
}

export async function addToAppeal(
  ctx: Ctx,
  actor: Actor,
  { appealId, upload, idempotencyKey }: { appealId: string; upload: Upload; idempotencyKey?: string | undefined },
): Promise<Outcome<AttachmentInfo>> {
  return settle(upload, () =>
    idempotent(
      {
        db: ctx.db,
        userId: actor.id,
        key: idempotencyKey,
        route: `POST /api/v1/appeals/${appealId}/attachments`,
        request: fingerprint(upload),
      },
      async (tx) => {
        await assertMayAttach(tx, actor, appealId);
        const info = await store(ctx, tx, upload, { actor, appealId });
        await recordEvents(tx, appealId, actor.id, [{ action: 'attachment_added', newValue: historyValue(info) }]);
        return info;
      },
    ),
  );
}

/** What makes two uploads "the same request" for Idempotency-Key: the bytes and what was said of them. */
const fingerprint = (upload: Upload) => ({
  sha256: upload.content.sha256,
  size: upload.content.size,
  fileName: upload.fileName,
  documentKind: upload.documentKind,
});

export async function getAttachment(ctx: Ctx, actor: Actor, id: string): Promise<AttachmentInfo> {
  return present(await findReadable(ctx.db, actor, id));
}

/** The record and an open handle on its bytes; the caller streams and closes it. */
export async function openAttachment(
  ctx: Ctx,
  actor: Actor,
  id: string,
): Promise<{ info: AttachmentInfo; file: FileHandle }> {
  const row = await findReadable(ctx.db, actor, id);
  return { info: present(row), file: await openContent(attachmentsRoot(ctx.config.dataDir), row.sha256) };
}

export async function listAppealAttachments(ctx: Ctx, actor: Actor, appealId: string): Promise<AttachmentInfo[]> {
  authorize(actor, 'appeals:read');
  await visibleAppeal(ctx.db, actor, appealId);
  return listForAppeal(ctx.db, appealId);
}

export async function listForAppeal(db: Queryable, appealId: string): Promise<AttachmentInfo[]> {
  return (await repo.listForAppeal(db, appealId)).map(present);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Staged attachments the actor uploaded, in the order of ids; throws AppError('validation_failed') with
 * fields `attachmentIds.<i>` code `unknown_attachment` for any id not staged by this actor. Locks the rows
 * until the transaction ends, so two appeals created at once cannot both take the same file.
 */
export async function loadStaged(tx: Queryable, actor: Actor, ids: string[]): Promise<AttachmentInfo[]> {
  const wanted = [...new Set(ids.filter((id) => UUID.test(id)).map((id) => id.toLowerCase()))];
  const rows = wanted.length === 0 ? [] : await repo.lockStaged(tx, actor.id, wanted);
  const byId = new Map(rows.map((row) => [row.id, present(row)]));
  const seen = new Set<string>();
  const fields: FieldError[] = [];
  ids.forEach((id, index) => {
    const key = id.toLowerCase();
    if (seen.has(key)) {
      fields.push({
        path: `attachmentIds.${index}`,
        code: 'duplicate_attachment',
        message: 'This attachment is listed twice',
      });
    } else if (!byId.has(key)) {
      fields.push({
        path: `attachmentIds.${index}`,
        code: 'unknown_attachment',
        message: 'No such staged attachment of yours',
      });
    }
    seen.add(key);
  });
  const staged = ids.flatMap((id) => byId.get(id.toLowerCase()) ?? []);
  const [only] = fields;
  if (fields.length > 0 || staged.length !== ids.length) {
    const message = only && fields.length === 1 ? only.message : `${fields.length} attachments cannot be used`;
    throw new AppError('validation_failed', message, fields);
  }
  return staged;
}

/** Links staged attachments to a newly created appeal. Call loadStaged first: it checks the uploader. */
export async function linkToAppeal(tx: Queryable, ids: string[], appealId: string): Promise<void> {
  const wanted = [...new Set(ids.map((id) => id.toLowerCase()))];
  if (wanted.length === 0) {
    return;
  }
  const linked = new Set(await repo.linkToAppeal(tx, wanted, appealId));
  const fields = ids.flatMap((id, index) =>
    linked.has(id.toLowerCase())
      ? []
      : [
          {
            path: `attachmentIds.${index}`,
            code: 'unknown_attachment',
            message: 'This attachment is no longer staged',
          },
        ],
  );
  if (fields.length > 0) {
    throw validationFailed(fields);
  }
}

/** What the history keeps of an attachment: enough to name it after the fact. */
export const historyValue = (attachment: AttachmentInfo) => ({
  id: attachment.id,
  fileName: attachment.fileName,
  contentType: attachment.contentType,
  size: attachment.size,
  documentKind: attachment.documentKind,
});

/** Stores a file that came with a message (an e-mail's attachment) on its appeal, in the caller's transaction. */
export async function attachReceived(
  { ctx, tx, actor }: { ctx: Ctx; tx: Queryable; actor: Actor },
  to: { appealId: string; messageId: string | null },
  file: { fileName: string; bytes: Buffer },
): Promise<AttachmentInfo> {
  const content = await receive(
    attachmentsRoot(ctx.config.dataDir),
    Readable.from([file.bytes]),
    ctx.config.attachmentMaxBytes,
  );
  const upload = { fileName: file.fileName, documentKind: 'other', content };
  return settle(upload, async () => {
    const info = await store(ctx, tx, upload, { actor, ...to });
    await recordEvents(tx, to.appealId, actor.id, [{ action: 'attachment_added', newValue: historyValue(info) }]);
    return info;
  });
}

/** Who stores a file, and where it belongs: an appeal (and the message it came with), or none yet (staged). */
interface StoredFor {
  actor: Actor;
  appealId: string | null;
  messageId?: string | null;
}

async function store(
  ctx: Ctx,
  db: Queryable,
  upload: Upload,
  { actor, appealId, messageId = null }: StoredFor,
): Promise<AttachmentInfo> {
  const { content } = upload;
  if (content.size === 0) {
    throw invalidField('file', 'empty_file', 'The file is empty');
  }
  const { contentType, width, height } = sniff(content.head, content.size <= content.head.length);
  // Bytes first, then the row: a row never points at missing bytes. If the row is then rolled back the
  // bytes stay as an unreferenced file, which is harmless (and may be shared with another row).
  await commit(attachmentsRoot(ctx.config.dataDir), content);
  const row = await repo.insert(db, {
    appealId,
    fileName: upload.fileName,
    contentType,
    size: content.size,
    sha256: content.sha256,
    documentKind: upload.documentKind,
    width,
    height,
    uploadedBy: actor.id,
    messageId,
  });
  return present(row);
}

/** Runs `fn`, then drops the temp file whatever happened (a no-op once the bytes were committed). */
async function settle<T>(upload: Upload, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } finally {
    await discard(upload.content);
  }
}

async function findReadable(db: Queryable, actor: Actor, id: string): Promise<repo.AttachmentRow> {
  authorize(actor, 'appeals:read');
  const row = await repo.findById(db, id);
  if (!row) {
    throw notFound('Attachment');
  }
  if (row.appealId === null) {
    if (row.uploadedBy === actor.id || actor.role === 'admin') {
      return row;
    }
    throw notFound('Attachment');
  }
  try {
    await visibleAppeal(db, actor, row.appealId);
  } catch (err) {
    // The appeal's own "not found" would say the attachment exists; answer for the attachment instead.
    if (err instanceof AppError && err.code === 'not_found') {
      throw notFound('Attachment');
    }
    throw err;
  }
  return row;
}
