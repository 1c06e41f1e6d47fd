import { z } from 'zod';
import { AppealKind } from '../categories/categories.schema.ts';

export const FIELD_TYPES = ['string', 'number', 'boolean', 'date', 'enum'] as const;

export const CustomFieldDefinition = z
  .object({
    id: z.uuid(),
    kind: AppealKind,
    key: z.string(),
    labelRu: z.string(),
    labelEn: z.string(),
    type: z.enum(FIELD_TYPES),
    required: z.boolean(),
    options: z.array(z.string()),
    position: z.number().int(),
  })
  .meta({ id: 'CustomFieldDefinition' });
export type CustomFieldDefinition = z.infer<typeof CustomFieldDefinition>;

export const CreateCustomField = z
  .strictObject({
    kind: AppealKind,
    key: z.string().regex(/^[a-z][a-zA-Z0-9_]{0,49}$/, 'Starts with a lower-case letter; letters, digits and "_"'),
    labelRu: z.string().trim().min(1).max(200),
    labelEn: z.string().trim().min(1).max(200),
    type: z.enum(FIELD_TYPES),
    required: z.boolean().default(false),
    options: z.array(z.string().trim().min(1).max(100)).max(100).default([]),
    position: z.number().int().min(0).max(10000).default(0),
  })
  .refine((d) => d.type !== 'enum' || d.options.length > 0, {
    path: ['options'],
    message: 'An enum field needs options',
  });
export type CreateCustomFieldInput = z.infer<typeof CreateCustomField>;

export const UpdateCustomField = z.strictObject({
  labelRu: z.string().trim().min(1).max(200).optional(),
  labelEn: z.string().trim().min(1).max(200).optional(),
  required: z.boolean().optional(),
  options: z.array(z.string().trim().min(1).max(100)).max(100).optional(),
  position: z.number().int().min(0).max(10000).optional(),
});
export type UpdateCustomFieldInput = z.infer<typeof UpdateCustomField>;
