// Factories for test fixtures: an organisation with a user of every role, and valid inputs to vary.
import type { Ctx } from '../../src/context.ts';
import { ROLES, type Actor, type Role } from '../../src/modules/auth/actor.ts';
import { createToken } from '../../src/modules/auth/auth.service.ts';
import { hashPassword } from '../../src/modules/auth/passwords.ts';
import * as usersRepo from '../../src/modules/users/users.repo.ts';
import * as unitsRepo from '../../src/modules/units/units.repo.ts';

export const TEST_PASSWORD = 'correct horse battery staple';
// One slow hash for every test user of the run.
const passwordHash = hashPassword(TEST_PASSWORD);

export interface TestUser {
  id: string;
  email: string;
  token: string;
  actor: Actor;
}

export interface TestOrg {
  users: Record<Role, TestUser>;
  units: { store: { id: string }; other: { id: string } };
  makeUser(role: Role, unitIds?: string[]): Promise<TestUser>;
}

let counter = 0;

export async function createTestOrg(ctx: Ctx): Promise<TestOrg> {
  const unit = (name: string) =>
    unitsRepo.insert(ctx.db, {
      type: 'store',
      name,
      code: null,
      timeZone: 'Europe/Moscow',
      parentId: null,
      contacts: {},
    });
  const units = { store: { id: await unit('Магазин на Тверской') }, other: { id: await unit('Магазин на Невском') } };
  const makeUser = async (role: Role, unitIds: string[] = []): Promise<TestUser> => {
    const email = `${role}.${++counter}@test.otklik.local`;
    const id = await usersRepo.insert(ctx.db, {
      email,
      name: `Test ${role} ${counter}`,
      role,
      locale: 'ru',
      passwordHash: await passwordHash,
    });
    await usersRepo.setUnits(ctx.db, id, unitIds);
    const actor: Actor = { id, email, name: `Test ${role}`, role, locale: 'ru', unitIds };
    const { token } = await createToken(ctx, actor, { name: 'test' });
    return { id, email, token, actor };
  };
  const users = {} as Record<Role, TestUser>;
  for (const role of ROLES) {
    users[role] = await makeUser(role, role === 'unit_responsible' ? [units.store.id] : []);
  }
  return { users, units, makeUser };
}

/** A valid phone-call appeal; override any field. */
export function makeAppealInput(overrides: Record<string, unknown> = {}) {
  counter += 1;
  return {
    kind: 'incident',
    channel: 'phone',
    subject: `Не работает холодильник, заказ ${counter}`,
    description: 'Холодильник привезли вчера, сегодня он не морозит. Прошу заменить.',
    customer: { name: 'Иван Петров', phone: `+7 912 ${String(1_000_000 + counter).slice(-7)}` },
    ...overrides,
  };
}

/** A valid store submission that satisfies the seeded store rules. */
export function makeSubmissionInput(unitId: string, overrides: Record<string, unknown> = {}) {
  return makeAppealInput({
    channel: 'store_submission',
    unitId,
    sequenceNumber: `ТВ-${counter}`,
    description: 'Покупатель жалуется на долгое ожидание на кассе, просит связаться.',
    ...overrides,
  });
}
