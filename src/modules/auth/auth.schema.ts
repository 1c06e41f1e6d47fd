// The auth contract shared by the API and the web app: the logged-in user and API tokens.
import { z } from 'zod';
import { User } from '../users/users.schema.ts';

/** The logged-in user as the web app knows them (GET /auth/me, and the answer to a login). */
export const Me = User.pick({ id: true, email: true, name: true, role: true, locale: true, unitIds: true }).meta({
  id: 'Me',
});
export type Me = z.infer<typeof Me>;

export const ApiToken = z
  .object({
    id: z.uuid(),
    userId: z.uuid(),
    name: z.string(),
    prefix: z.string(),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiToken' });
export type ApiToken = z.infer<typeof ApiToken>;

export const CreateToken = z.strictObject({
  name: z.string().trim().min(1).max(100),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
  userId: z.uuid().optional(),
});

/** A new token: the only answer that carries its secret. */
export const CreatedToken = ApiToken.extend({ token: z.string() });
