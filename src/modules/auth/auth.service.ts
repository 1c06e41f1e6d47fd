// Logging in and out, resolving the actor behind a cookie or a bearer token, and managing API tokens.
import type { Ctx } from '../../context.ts';
import type { Queryable } from '../../db/db.ts';
import { AppError, forbidden, notFound } from '../../server/errors.ts';
import { can, type Actor } from './actor.ts';
import { forgetLoginFailures, recordLoginFailure, refuseWhileLimited } from './auth.limit.ts';
import * as repo from './auth.repo.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { hashSecret, newSecret } from './secrets.ts';
import { mustExist } from '../../db/rows.ts';

export const TOKEN_PREFIX = 'otk_';
// Compared against when the e-mail is unknown, so a failed login takes as long either way.
const DUMMY_HASH = hashPassword('not-a-real-password');

/** A login from a client address; refused while the login limit holds for that e-mail there or for the address. */
export async function login(
  ctx: Ctx,
  credentials: { email: string; password: string; address: string },
): Promise<{ sessionToken: string; expiresAt: Date }> {
  const attempt = { email: credentials.email.trim().toLowerCase(), address: credentials.address };
  await refuseWhileLimited(ctx, attempt);
  const user = await repo.findUserForLogin(ctx.db, attempt.email);
  const ok = await verifyPassword(credentials.password, user?.passwordHash ?? (await DUMMY_HASH));
  if (!user || !user.passwordHash || !ok || !user.active) {
    await recordLoginFailure(ctx, attempt);
    throw new AppError('unauthenticated', 'Wrong e-mail or password');
  }
  await forgetLoginFailures(ctx, attempt);
  const sessionToken = newSecret();
  const expiresAt = new Date(Date.now() + ctx.config.sessionTtlHours * 3_600_000);
  await repo.insertSession(ctx.db, hashSecret(sessionToken), user.id, expiresAt);
  return { sessionToken, expiresAt };
}

/** Logs a user out everywhere (deactivated, or their password changed). */
export const endSessionsOf = (tx: Queryable, userId: string) => repo.deleteSessionsOfUser(tx, userId);

export async function logout(ctx: Ctx, sessionToken: string) {
  const hash = hashSecret(sessionToken);
  await repo.deleteSession(ctx.db, hash);
  ctx.cache.deletePrefix(`actor:session:${hash}`);
}

/** Forget cached actors after a change to users, memberships or tokens. */
export const forgetActors = (ctx: Ctx) => ctx.cache.deletePrefix('actor:');

export async function actorFromCredentials(
  ctx: Ctx,
  credentials: { sessionToken?: string | undefined; bearer?: string | undefined },
): Promise<Actor | undefined> {
  // Cached for a few seconds: this lookup runs on every request. Revocations here invalidate at once.
  if (credentials.bearer) {
    const hash = hashSecret(credentials.bearer);
    return ctx.cache.get(`actor:token:${hash}`, async () => {
      const actor = await repo.actorByToken(ctx.db, hash);
      if (actor) {
        await repo.touchToken(ctx.db, hash);
      }
      return actor;
    });
  }
  if (credentials.sessionToken) {
    const hash = hashSecret(credentials.sessionToken);
    return ctx.cache.get(`actor:session:${hash}`, () => repo.actorBySession(ctx.db, hash));
  }
  return undefined;
}

export interface ApiToken {
  id: string;
  userId: string;
  name: string;
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const present = (tokenRow: repo.ApiTokenRow): ApiToken => ({
  ...tokenRow,
  createdAt: tokenRow.createdAt.toISOString(),
  expiresAt: tokenRow.expiresAt?.toISOString() ?? null,
  lastUsedAt: tokenRow.lastUsedAt?.toISOString() ?? null,
  revokedAt: tokenRow.revokedAt?.toISOString() ?? null,
});

/** The secret is returned once, here, and stored only as a hash. */
export async function createToken(
  ctx: Ctx,
  actor: Actor,
  input: { name: string; expiresAt?: string | undefined; userId?: string | undefined },
): Promise<ApiToken & { token: string }> {
  const userId = input.userId ?? actor.id;
  if (userId !== actor.id && !can(actor, 'tokens:manage_any')) {
    throw forbidden('Only an admin may create tokens for others');
  }
  const token = newSecret(TOKEN_PREFIX);
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && expiresAt.getTime() <= Date.now()) {
    throw new AppError('validation_failed', 'expiresAt must be in the future', [
      { path: 'expiresAt', code: 'in_the_past', message: 'expiresAt must be in the future' },
    ]);
  }
  const row = await repo
    .insertToken(ctx.db, {
      userId,
      name: input.name,
      prefix: token.slice(0, TOKEN_PREFIX.length + 6),
      tokenHash: hashSecret(token),
      expiresAt,
    })
    .catch((err: { code?: string }) => {
      if (err.code === '23503') {
        throw new AppError('validation_failed', 'Unknown user', [
          { path: 'userId', code: 'unknown_id', message: 'Unknown user' },
        ]);
      }
      throw err;
    });
  return { ...present(row), token };
}

export async function listTokens(ctx: Ctx, actor: Actor, userId?: string): Promise<ApiToken[]> {
  const all = can(actor, 'tokens:manage_any');
  const rows = await repo.listTokens(ctx.db, all ? (userId ?? null) : actor.id);
  return rows.map(present);
}

export async function revokeToken(ctx: Ctx, actor: Actor, id: string): Promise<ApiToken> {
  const token = await repo.findToken(ctx.db, id);
  if (!token || (token.userId !== actor.id && !can(actor, 'tokens:manage_any'))) {
    throw notFound('Token');
  }
  const revoked = present(mustExist(await repo.revokeToken(ctx.db, id), 'token'));
  forgetActors(ctx);
  return revoked;
}
