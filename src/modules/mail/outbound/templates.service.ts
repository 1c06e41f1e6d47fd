// Mail templates: a saved row overrides the built-in default of its key and language; deleting it restores the
// default.
import type { Ctx } from '../../../context.ts';
import type { Queryable } from '../../../db/db.ts';
import { AppError, type FieldError, notFound } from '../../../server/errors.ts';
import { authorize, type Actor } from '../../auth/actor.ts';
import * as repo from './outbound.repo.ts';
import type { MailTemplate, PutTemplateInput } from './outbound.schema.ts';
import {
  DEFAULTS,
  isTemplateKey,
  type Locale,
  TEMPLATE_KEYS,
  type TemplateKey,
  type TemplateText,
  unknownVariables,
  VARIABLES,
} from './templates.ts';

/** A well-formed template that cannot be used as written: 422 naming the field, like a rejected submission. */
class TemplateRejected extends AppError {
  override readonly status = 422;
  constructor(fields: FieldError[]) {
    super('validation_failed', fields[0]?.message ?? 'This template cannot be used', fields);
  }
}

const present = (key: TemplateKey, locale: Locale, row: repo.TemplateRow | undefined): MailTemplate => ({
  key,
  locale,
  subject: row?.subject ?? DEFAULTS[key][locale].subject,
  body: row?.body ?? DEFAULTS[key][locale].body,
  variables: [...VARIABLES[key]],
  custom: Boolean(row),
  updatedAt: row?.updatedAt.toISOString() ?? null,
});

/** The template to render: the saved override, else the default. */
export async function templateFor(db: Queryable, key: TemplateKey, locale: Locale): Promise<TemplateText> {
  const row = await repo.findTemplate(db, key, locale);
  return row ? { subject: row.subject, body: row.body } : DEFAULTS[key][locale];
}

function knownKey(key: string): TemplateKey {
  if (!isTemplateKey(key)) {
    throw notFound('Mail template');
  }
  return key;
}

export async function listTemplates(ctx: Ctx, actor: Actor): Promise<MailTemplate[]> {
  authorize(actor, 'settings:read');
  const saved = new Map((await repo.listTemplates(ctx.db)).map((row) => [`${row.key}/${row.locale}`, row]));
  return TEMPLATE_KEYS.flatMap((key) =>
    (['ru', 'en'] as const).map((locale) => present(key, locale, saved.get(`${key}/${locale}`))),
  );
}

/** Saves an override of a key's template in a language; every placeholder must be one of the key's variables. */
export async function putTemplate(
  ctx: Ctx,
  actor: Actor,
  template: { key: string; locale: Locale } & PutTemplateInput,
): Promise<MailTemplate> {
  authorize(actor, 'settings:write');
  const key = knownKey(template.key);
  const { locale, subject, body } = template;
  const known = VARIABLES[key].map((variable) => `{{${variable}}}`).join(', ');
  const fields = (['subject', 'body'] as const).flatMap((field) =>
    unknownVariables(key, template[field]).map((name) => ({
      path: field,
      code: 'unknown_variable',
      message: `{{${name}}} is not a variable of the ${key} template; use ${known}`,
    })),
  );
  if (fields.length) {
    throw new TemplateRejected(fields);
  }
  return present(key, locale, await repo.upsertTemplate(ctx.db, { key, locale, subject, body }));
}

export async function deleteTemplate(ctx: Ctx, actor: Actor, key: string, locale: Locale): Promise<MailTemplate> {
  authorize(actor, 'settings:write');
  const known = knownKey(key);
  await repo.deleteTemplate(ctx.db, known, locale);
  return present(known, locale, undefined);
}
