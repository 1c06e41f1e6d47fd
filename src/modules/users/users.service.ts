// Users, their roles and unit memberships; the first administrator.
import type { Ctx } from '../../context.ts';
import type { Queryable } from '../../db/db.ts';
import { mustExist } from '../../db/rows.ts';
import { AppError, invalidField, notFound } from '../../server/errors.ts';
import { authorize, type Actor } from '../auth/actor.ts';
import { endSessionsOf, forgetActors } from '../auth/auth.service.ts';
import { hashPassword, randomPassword, verifyPassword } from '../auth/passwords.ts';
import { idempotent, type Outcome } from '../idempotency/idempotency.service.ts';
import * as repo from './users.repo.ts';
import type { CreateUserInput, UpdateMeInput, UpdateUserInput, User, UserQuery } from './users.schema.ts';

export const presentUser = (user: repo.UserRow): User => ({
  ...user,
  createdAt: user.createdAt.toISOString(),
  updatedAt: user.updatedAt.toISOString(),
});

async function checkUnits(tx: Queryable, unitIds: string[]) {
  const unique = [...new Set(unitIds)];
  if ((await repo.countUnits(tx, unique)) !== unique.length) {
    throw invalidField('unitIds', 'unknown_unit', 'One of the units does not exist');
  }
  return unique;
}

export async function listUsers(ctx: Ctx, actor: Actor, query: UserQuery): Promise<User[]> {
  authorize(actor, 'users:read');
  const rows = await repo.list(ctx.db, {
    ...query,
    active: query.active === undefined ? undefined : query.active === 'true',
  });
  return rows.map(presentUser);
}

export async function getUser(ctx: Ctx, actor: Actor, id: string): Promise<User> {
  if (id !== actor.id) {
    authorize(actor, 'users:read');
  }
  const user = await repo.findById(ctx.db, id);
  if (!user) {
    throw notFound('User');
  }
  return presentUser(user);
}

export async function createUser(ctx: Ctx, actor: Actor, input: CreateUserInput, key?: string): Promise<Outcome<User>> {
  authorize(actor, 'users:write');
  const email = input.email.trim().toLowerCase();
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  // The password itself stays out of the stored request fingerprint.
  return idempotent(
    {
      db: ctx.db,
      userId: actor.id,
      key,
      route: 'POST /api/v1/users',
      request: { ...input, password: Boolean(input.password) },
    },
    async (tx) => {
      if (await repo.findByEmail(tx, email)) {
        throw new AppError('conflict', 'A user with this e-mail exists', [
          { path: 'email', code: 'taken', message: 'A user with this e-mail exists' },
        ]);
      }
      const unitIds = await checkUnits(tx, input.unitIds);
      const id = await repo.insert(tx, {
        email,
        name: input.name,
        role: input.role,
        locale: input.locale,
        passwordHash,
      });
      await repo.setUnits(tx, id, unitIds);
      return presentUser(mustExist(await repo.findById(tx, id), 'user'));
    },
  );
}

export async function updateUser(ctx: Ctx, actor: Actor, id: string, input: UpdateUserInput): Promise<User> {
  authorize(actor, 'users:write');
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  return ctx.db
    .transaction(async (tx) => {
      const user = await repo.findById(tx, id);
      if (!user) {
        throw notFound('User');
      }
      const losesAdmin = user.role === 'admin' && ((input.role && input.role !== 'admin') || input.active === false);
      if (losesAdmin && (await repo.countAdmins(tx)) <= 1) {
        throw new AppError('conflict', 'The last active administrator cannot be demoted or deactivated');
      }
      await repo.update(tx, id, { ...input, passwordHash });
      if (input.unitIds) {
        await repo.setUnits(tx, id, await checkUnits(tx, input.unitIds));
      }
      if (input.active === false || passwordHash) {
        await endSessionsOf(tx, id);
      }
      return presentUser(mustExist(await repo.findById(tx, id), 'user'));
    })
    .finally(() => forgetActors(ctx));
}

export async function updateMe(ctx: Ctx, actor: Actor, input: UpdateMeInput): Promise<User> {
  let passwordHash: string | undefined;
  if (input.newPassword) {
    const current = await repo.passwordHashOf(ctx.db, actor.id);
    if (current && !(input.currentPassword && (await verifyPassword(input.currentPassword, current)))) {
      throw invalidField('currentPassword', 'wrong_password', 'The current password is wrong');
    }
    passwordHash = await hashPassword(input.newPassword);
  }
  const signature = input.signature === undefined ? undefined : input.signature || null;
  await repo.update(ctx.db, actor.id, { name: input.name, locale: input.locale, passwordHash, signature });
  forgetActors(ctx);
  return presentUser(mustExist(await repo.findById(ctx.db, actor.id), 'user'));
}

/**
 * On first start, creates the administrator from OTKLIK_ADMIN_EMAIL/PASSWORD, or admin@localhost with a random
 * password that is returned (to be printed once). Does nothing when any user exists.
 */
export async function ensureFirstAdmin(ctx: Ctx): Promise<{ email: string; password?: string } | null> {
  return ctx.db.transaction(async (tx) => {
    await tx.query('LOCK TABLE users IN EXCLUSIVE MODE');
    // Inactive system users (the mail channel's author) cannot log in and do not make an install administered.
    if ((await tx.query('SELECT 1 FROM users WHERE active LIMIT 1')).length > 0) {
      return null;
    }
    const email = (ctx.config.adminEmail ?? 'admin@localhost').toLowerCase();
    const configured = ctx.config.adminPassword;
    const password = configured ?? randomPassword();
    const passwordHash = await hashPassword(password);
    await repo.insert(tx, { email, name: 'Administrator', role: 'admin', locale: 'ru', passwordHash });
    return configured ? { email } : { email, password };
  });
}
