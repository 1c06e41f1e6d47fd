// Reads a multipart upload (`file` plus an optional `documentKind` field, in either order) into a temp
// file of the content store. The bytes stream to disk as they arrive; only the sniffing head stays in memory.
import type { FastifyRequest } from 'fastify';
import type { Ctx } from '../../context.ts';
import { AppError, invalidField } from '../../server/errors.ts';
import { DocumentKind } from './attachments.schema.ts';
import type { Upload } from './attachments.service.ts';
import { attachmentsRoot, discard, receive, type ReceivedContent, tooLarge } from './content-store.ts';
import { cleanFileName } from './file-names.ts';

const DEFAULT_DOCUMENT_KIND = 'other';

export async function receiveUpload(req: FastifyRequest, ctx: Ctx): Promise<Upload> {
  if (!req.isMultipart()) {
    throw new AppError('unsupported_media_type', 'Send the file as multipart/form-data in a field named "file"');
  }
  const maxBytes = ctx.config.attachmentMaxBytes;
  let content: ReceivedContent | undefined;
  let fileName = '';
  let documentKind: unknown = DEFAULT_DOCUMENT_KIND;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || content) {
          part.file.resume(); // let the parser move past the part before we answer
          throw invalidField(part.fieldname, 'unexpected_file', 'Send one file, in the field "file"');
        }
        content = await receive(attachmentsRoot(ctx.config.dataDir), part.file, maxBytes);
        // The parser stops at the configured limit and marks the stream truncated rather than failing it.
        if (part.file.truncated) {
          throw tooLarge(maxBytes);
        }
        fileName = part.filename;
      } else if (part.fieldname === 'documentKind') {
        documentKind = part.value;
      } else {
        throw invalidField(part.fieldname, 'unknown_field', `Unknown field "${part.fieldname}"`);
      }
    }
  } catch (err) {
    if (content) {
      await discard(content);
    }
    throw isFileTooLarge(err) ? tooLarge(maxBytes) : err;
  }
  if (!content) {
    throw invalidField('file', 'required', 'Attach a file in the field "file"');
  }
  const kind = DocumentKind.safeParse(documentKind);
  if (!kind.success) {
    await discard(content);
    throw invalidField('documentKind', 'invalid_format', kind.error.issues[0]?.message ?? 'Invalid document kind');
  }
  return { fileName: cleanFileName(fileName), documentKind: kind.data, content };
}

function isFileTooLarge(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && err.code === 'FST_REQ_FILE_TOO_LARGE';
}
