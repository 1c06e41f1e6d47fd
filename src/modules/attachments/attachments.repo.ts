// SQL for attachment records (the bytes live in the content store, addressed by sha256).
import type { Queryable } from '../../db/db.ts';
import { queryOne } from '../../db/rows.ts';

export interface AttachmentRow {
  id: string;
  appealId: string | null;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  documentKind: string;
  width: number | null;
  height: number | null;
  uploadedBy: string | null;
  createdAt: Date;
}

const COLUMNS = `id, appeal_id AS "appealId", file_name AS "fileName", content_type AS "contentType", size, sha256,
  document_kind AS "documentKind", width, height, uploaded_by AS "uploadedBy", created_at AS "createdAt"`;

export interface NewAttachment extends Omit<AttachmentRow, 'id' | 'uploadedBy' | 'createdAt'> {
  uploadedBy: string;
  /** The message the file came with (an e-mail's attachment), if any. */
  messageId?: string | null;
}

export async function insert(db: Queryable, attachment: NewAttachment): Promise<AttachmentRow> {
  return queryOne<AttachmentRow>(
    db,
    `INSERT INTO attachments (appeal_id, file_name, content_type, size, sha256, document_kind, width, height,
       uploaded_by, message_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     RETURNING ${COLUMNS}`,
    [
      attachment.appealId,
      attachment.fileName,
      attachment.contentType,
      attachment.size,
      attachment.sha256,
      attachment.documentKind,
      attachment.width,
      attachment.height,
      attachment.uploadedBy,
      attachment.messageId ?? null,
    ],
  );
}

export async function findById(db: Queryable, id: string): Promise<AttachmentRow | undefined> {
  return (await db.query<AttachmentRow>(`SELECT ${COLUMNS} FROM attachments WHERE id = $1`, [id]))[0];
}

export function listForAppeal(db: Queryable, appealId: string): Promise<AttachmentRow[]> {
  return db.query<AttachmentRow>(`SELECT ${COLUMNS} FROM attachments WHERE appeal_id = $1 ORDER BY created_at, id`, [
    appealId,
  ]);
}

/** Staged (not yet linked) attachments of one uploader, locked so two appeals cannot both claim one. */
export function lockStaged(db: Queryable, uploadedBy: string, ids: string[]): Promise<AttachmentRow[]> {
  return db.query<AttachmentRow>(
    `SELECT ${COLUMNS} FROM attachments
     WHERE id = ANY($1::uuid[]) AND appeal_id IS NULL AND uploaded_by = $2 FOR UPDATE`,
    [ids, uploadedBy],
  );
}

/** Returns the ids actually linked: those still staged. */
export async function linkToAppeal(db: Queryable, ids: string[], appealId: string): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    'UPDATE attachments SET appeal_id = $2 WHERE id = ANY($1::uuid[]) AND appeal_id IS NULL RETURNING id',
    [ids, appealId],
  );
  return rows.map((r) => r.id);
}
