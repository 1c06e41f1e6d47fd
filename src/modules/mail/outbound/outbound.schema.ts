// The contract of the mail templates API.
import { z } from 'zod';
import { LOCALES, TEMPLATE_KEYS } from './templates.ts';

export const MailTemplate = z
  .object({
    key: z.enum(TEMPLATE_KEYS),
    locale: z.enum(LOCALES as ['ru', 'en']),
    subject: z.string(),
    body: z.string(),
    /** The {{placeholders}} this key may use. */
    variables: z.array(z.string()),
    /** Whether a saved template overrides the built-in default. */
    custom: z.boolean(),
    updatedAt: z.string().nullable(),
  })
  .meta({ id: 'MailTemplate' });
export type MailTemplate = z.infer<typeof MailTemplate>;

export const TemplateParams = z.strictObject({ key: z.string().max(100), locale: z.enum(LOCALES as ['ru', 'en']) });

export const PutTemplate = z.strictObject({
  subject: z.string().trim().min(1).max(500),
  body: z.string().trim().min(1).max(50_000),
});
export type PutTemplateInput = z.infer<typeof PutTemplate>;
