import { z } from 'zod';

export const APPEAL_KINDS = ['incident', 'thanks', 'question', 'wish', 'review'] as const;
export const AppealKind = z.enum(APPEAL_KINDS);

export const Category = z
  .object({
    id: z.uuid(),
    parentId: z.uuid().nullable(),
    code: z.string(),
    nameRu: z.string(),
    nameEn: z.string(),
    kinds: z.array(AppealKind),
    position: z.number().int(),
    active: z.boolean(),
  })
  .meta({ id: 'Category' });
export type Category = z.infer<typeof Category>;

const Code = z.string().regex(/^[a-z][a-z0-9_.]{1,79}$/, 'Lower-case letters, digits, "_" and "."');

export const CreateCategory = z.strictObject({
  code: Code,
  nameRu: z.string().trim().min(1).max(200),
  nameEn: z.string().trim().min(1).max(200),
  kinds: z.array(AppealKind).min(1).max(5),
  parentId: z.uuid().optional(),
  position: z.number().int().min(0).max(100000).default(0),
});
export type CreateCategoryInput = z.infer<typeof CreateCategory>;

export const UpdateCategory = z.strictObject({
  nameRu: z.string().trim().min(1).max(200).optional(),
  nameEn: z.string().trim().min(1).max(200).optional(),
  kinds: z.array(AppealKind).min(1).max(5).optional(),
  position: z.number().int().min(0).max(100000).optional(),
  active: z.boolean().optional(),
});
export type UpdateCategoryInput = z.infer<typeof UpdateCategory>;
