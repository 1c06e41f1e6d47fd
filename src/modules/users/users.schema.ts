import { z } from 'zod';
import { ROLES } from '../auth/actor.ts';

export const Role = z.enum(ROLES);
export const Locale = z.enum(['ru', 'en']);

export const User = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    role: Role,
    locale: Locale,
    active: z.boolean(),
    unitIds: z.array(z.uuid()),
    signature: z.string().nullable().describe('Appended to the e-mail replies the user sends'),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof User>;

const Password = z.string().min(10, 'At least 10 characters').max(1024);

export const CreateUser = z.strictObject({
  email: z.email().max(320),
  name: z.string().trim().min(1).max(200),
  role: Role,
  locale: Locale.default('ru'),
  password: Password.optional(),
  unitIds: z.array(z.uuid()).max(500).default([]),
});
export type CreateUserInput = z.infer<typeof CreateUser>;

export const UpdateUser = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  role: Role.optional(),
  locale: Locale.optional(),
  active: z.boolean().optional(),
  password: Password.optional(),
  unitIds: z.array(z.uuid()).max(500).optional(),
});
export type UpdateUserInput = z.infer<typeof UpdateUser>;

export const UpdateMe = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  locale: Locale.optional(),
  signature: z
    .string()
    .trim()
    .max(2000)
    .nullable()
    .optional()
    .describe('The e-mail signature; null or empty removes it'),
  currentPassword: z.string().max(1024).optional(),
  newPassword: Password.optional(),
});
export type UpdateMeInput = z.infer<typeof UpdateMe>;

export const UserQuery = z.strictObject({
  role: Role.optional(),
  unitId: z.uuid().optional(),
  q: z.string().max(200).optional(),
  active: z.enum(['true', 'false']).optional(),
});
export type UserQuery = z.infer<typeof UserQuery>;
