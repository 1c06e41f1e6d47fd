// Owns: the login limit. Failed logins count per (typed e-mail, client address) and, more loosely, per address,
// over a sliding window: one person's typos lock only their own account at that computer for a while, and others
// at the same shared computer still log in; an address trying many accounts (password spraying) is stopped too.
// While a limit holds, no password is checked. Time comes from ctx.clock.
import type { Ctx } from '../../context.ts';
import { AppError } from '../../server/errors.ts';
import * as repo from './auth.limit.repo.ts';

export type LoginAttempt = repo.FailureKey;

/** A refused login while a limit holds, with the seconds until it lifts (the route's Retry-After). */
export class LoginLimited extends AppError {
  constructor(
    readonly scope: 'account' | 'address',
    readonly retryAfterSeconds: number,
  ) {
    const minutes = Math.ceil(retryAfterSeconds / 60);
    super(
      'rate_limited',
      scope === 'account'
        ? `Too many failed logins for this e-mail from this address; try again in ${minutes} min`
        : `Too many failed logins from this address; try again in ${minutes} min`,
      scope === 'account'
        ? [{ path: 'email', code: 'account_locked', message: 'Too many failed logins for this e-mail here' }]
        : [],
    );
  }
}

const windowMs = (ctx: Ctx) => ctx.config.loginFailureWindowMinutes * 60_000;

/** Throws LoginLimited when this e-mail at this address, or this address, has failed too often of late. */
export async function refuseWhileLimited(ctx: Ctx, attempt: LoginAttempt): Promise<void> {
  const now = ctx.clock.now().getTime();
  const latest = await repo.nthLatestFailures(ctx.db, attempt, {
    since: new Date(now - windowMs(ctx)),
    perAccount: ctx.config.loginFailuresPerAccount,
    perAddress: ctx.config.loginFailuresPerAddress,
  });
  // A limit lifts when the failure that completed it leaves the window; when both hold, the later one is told.
  const locks = (['account', 'address'] as const).flatMap((scope) => {
    const since = latest[scope];
    return since ? [{ scope, seconds: Math.ceil((since.getTime() + windowMs(ctx) - now) / 1000) }] : [];
  });
  const longest = locks.sort((first, second) => second.seconds - first.seconds)[0];
  if (longest) {
    throw new LoginLimited(longest.scope, Math.max(1, longest.seconds));
  }
}

export async function recordLoginFailure(ctx: Ctx, attempt: LoginAttempt): Promise<void> {
  const now = ctx.clock.now();
  await repo.recordFailure(ctx.db, attempt, now, new Date(now.getTime() - windowMs(ctx)));
}

export const forgetLoginFailures = (ctx: Ctx, attempt: LoginAttempt): Promise<void> =>
  repo.forgetFailures(ctx.db, attempt);
