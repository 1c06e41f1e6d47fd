// The appeals mail opens and joins: the author of what arrives by mail, an appeal created with the mail's
// Message-ID as its idempotency key (kept even when the sender's address is refused), and the thread a reply
// belongs to.
import { createHash } from 'node:crypto';
import type { Ctx } from '../../context.ts';
import type { Queryable } from '../../db/db.ts';
import { AppError } from '../../server/errors.ts';
import { createAppeal } from '../appeals/appeals.service.ts';
import type { CreateAppealInput } from '../appeals/appeals.schema.ts';
import type { Actor } from '../auth/actor.ts';
import * as repo from './inbound.repo.ts';
import { type ParsedMail, subjectNumber } from './parse/index.ts';

/** The author of what arrives by mail (created by migration 009); it cannot log in. */
export const MAIL_ACTOR: Actor = {
  id: '00000000-0000-4000-8000-00000000e4a1',
  email: 'mail@otklik.invalid',
  name: 'Почта',
  role: 'agent',
  locale: 'ru',
  unitIds: [],
};

export const UNKNOWN_SENDER = 'Неизвестный отправитель';

export async function createFromMail(ctx: Ctx, input: CreateAppealInput, messageId: string) {
  const key = `mail:${createHash('sha256').update(messageId).digest('hex')}`;
  try {
    return (await createAppeal(ctx, MAIL_ACTOR, input, key)).body;
  } catch (err) {
    // A sender's address the register refuses (say, malformed) must not lose the mail: keep it without contacts.
    if (!(err instanceof AppError) || err.code !== 'validation_failed') {
      throw err;
    }
    const fallback: CreateAppealInput = {
      ...input,
      customer: {
        name: input.customer && 'name' in input.customer && input.customer.name ? input.customer.name : UNKNOWN_SENDER,
      },
      tags: [...input.tags, 'mail_needs_review'],
    };
    return (await createAppeal(ctx, MAIL_ACTOR, fallback, `${key}:fallback`)).body;
  }
}

/**
 * The appeal a mail answers: by its In-Reply-To/References, else by the [#number] in its subject from that
 * customer.
 */
export async function threadFor(db: Queryable, mail: ParsedMail): Promise<{ id: string; status: string } | undefined> {
  const byHeaders = await repo.threadOf(db, [...(mail.inReplyTo ? [mail.inReplyTo] : []), ...mail.references]);
  if (byHeaders) {
    return byHeaders;
  }
  const number = subjectNumber(mail.subject);
  return number !== null && mail.from ? repo.appealOfCustomer(db, number, mail.from.address) : undefined;
}
