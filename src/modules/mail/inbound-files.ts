// The files of a received mail: its raw source kept in the content store, and its attachments put on the appeal
// (a file larger than attachments may be stays in the raw source only, and a note on the appeal says so).
import { Readable } from 'node:stream';
import type { Ctx } from '../../context.ts';
import type { Queryable } from '../../db/db.ts';
import { addMessageIn } from '../appeals/appeals.thread.ts';
import { attachReceived } from '../attachments/attachments.service.ts';
import { attachmentsRoot, commit, receive } from '../attachments/content-store.ts';
import { MAIL_ACTOR } from './mail-appeals.ts';
import type { ParsedMail } from './parse/index.ts';

/** The raw source as kept in the content store. */
export interface Raw {
  sha256: string;
  size: number;
}

/** An attachment to put on the appeal. */
export interface File {
  fileName: string;
  bytes: Buffer;
}

/** Attachments to store; a file larger than attachments may be is left in the raw source, and that is said. */
export function filesOf(ctx: Ctx, mail: ParsedMail): { files: File[]; problems: string[] } {
  const files: File[] = [];
  const problems: string[] = [];
  const limit = megabytes(ctx.config.attachmentMaxBytes);
  for (const attachment of mail.attachments) {
    const size = attachment.content.length;
    if (size === 0) {
      continue;
    }
    if (size > ctx.config.attachmentMaxBytes) {
      problems.push(
        `Вложение «${attachment.fileName}» (${megabytes(size)}) больше допустимых ${limit}: ` +
          'оно сохранено только в исходном письме.',
      );
    } else {
      files.push({ fileName: attachment.fileName, bytes: attachment.content });
    }
  }
  return { files, problems };
}

/** The mail's files on the appeal (on its message, for a reply), and a note naming what could not be kept. */
export async function attachAll(
  ctx: Ctx,
  tx: Queryable,
  {
    appealId,
    messageId,
    files,
    problems,
  }: { appealId: string; messageId: string | null; files: File[]; problems: string[] },
) {
  for (const file of files) {
    await attachReceived({ ctx, tx, actor: MAIL_ACTOR }, { appealId, messageId }, file);
  }
  if (problems.length) {
    await addMessageIn({
      ctx,
      tx,
      actor: MAIL_ACTOR,
      appealId,
      input: { direction: 'note', body: problems.join('\n') },
    });
  }
}

export async function keepRaw(ctx: Ctx, bytes: Buffer): Promise<Raw> {
  const root = attachmentsRoot(ctx.config.dataDir);
  const content = await receive(root, Readable.from([bytes]), Number.MAX_SAFE_INTEGER);
  await commit(root, content);
  return { sha256: content.sha256, size: content.size };
}

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} МБ`;
