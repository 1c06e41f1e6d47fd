// Customers: one profile across phones, e-mails and a company registry code; found, not duplicated.
import type { Ctx } from '../../context.ts';
import type { Queryable } from '../../db/db.ts';
import { mustExist } from '../../db/rows.ts';
import { decodeCursor, encodeCursor } from '../../server/cursor.ts';
import { AppError, invalidField, notFound, validationFailed } from '../../server/errors.ts';
import { authorize, type Actor } from '../auth/actor.ts';
import { idempotent, type Outcome } from '../idempotency/idempotency.service.ts';
import * as repo from './customers.repo.ts';
import type { CreateCustomerInput, Customer, CustomerQuery, UpdateCustomerInput } from './customers.schema.ts';
import { type Identity, normalizeEmail, normalizeIdentities, normalizePhone } from './normalize.ts';

const present = (customer: repo.CustomerRow): Customer => ({
  ...customer,
  createdAt: customer.createdAt.toISOString(),
  updatedAt: customer.updatedAt.toISOString(),
});

const LIST_PATHS = { phone: (index: number) => `phones.${index}`, email: (index: number) => `emails.${index}` };

async function checkIdentitiesFree(tx: Queryable, identities: Identity[], customerId: string | null, prefix: string) {
  const real = identities.filter((i) => !i.placeholder);
  const owners = await repo.findByIdentities(
    tx,
    real.filter((i) => i.kind === 'phone').map((i) => i.value),
    real.filter((i) => i.kind === 'email').map((i) => i.value),
  );
  const taken = owners.filter((o) => o.id !== customerId);
  if (taken.length > 0) {
    throw new AppError(
      'conflict',
      'A phone or e-mail already belongs to another customer',
      taken.map((owner) => ({
        path: `${prefix}${owner.kind}s`,
        code: 'belongs_to_another_customer',
        message: `${owner.value} belongs to customer ${owner.id}`,
      })),
    );
  }
}

export async function createCustomer(
  ctx: Ctx,
  actor: Actor,
  input: CreateCustomerInput,
  key?: string,
): Promise<Outcome<Customer>> {
  authorize(actor, 'customers:write');
  const { identities, errors } = normalizeIdentities(input.phones, input.emails, LIST_PATHS);
  if (errors.length) {
    throw validationFailed(errors);
  }
  return idempotent(
    { db: ctx.db, userId: actor.id, key, route: 'POST /api/v1/customers', request: input },
    async (tx) => {
      await checkIdentitiesFree(tx, identities, null, '');
      const id = await repo.insert(tx, {
        name: input.name ?? null,
        companyName: input.companyName ?? null,
        companyCode: input.companyCode ?? null,
        birthday: input.birthday ?? null,
        consents: input.consents,
        tags: input.tags,
      });
      await repo.addIdentities(tx, id, identities);
      return present(mustExist(await repo.findById(tx, id), 'customer'));
    },
  );
}

export async function updateCustomer(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: UpdateCustomerInput,
): Promise<Customer> {
  authorize(actor, 'customers:write');
  const { identities, errors } = normalizeIdentities(input.phones ?? [], input.emails ?? [], LIST_PATHS);
  if (errors.length) {
    throw validationFailed(errors);
  }
  return ctx.db.transaction(async (tx) => {
    const current = await repo.findById(tx, id);
    if (!current) {
      throw notFound('Customer');
    }
    if (current.mergedInto) {
      throw new AppError('conflict', `This customer was merged into ${current.mergedInto}; edit that one`, [
        { path: 'id', code: 'merged_customer', message: `Merged into ${current.mergedInto}` },
      ]);
    }
    await checkIdentitiesFree(tx, identities, id, '');
    await repo.update(tx, id, input);
    for (const kind of ['phone', 'email'] as const) {
      if (input[`${kind}s`] === undefined) {
        continue;
      }
      await repo.removeIdentitiesOfKind(tx, id, kind);
      await repo.addIdentities(
        tx,
        id,
        identities.filter((i) => i.kind === kind),
      );
    }
    return present(mustExist(await repo.findById(tx, id), 'customer'));
  });
}

export async function getCustomer(ctx: Ctx, actor: Actor, id: string) {
  authorize(actor, 'customers:read');
  const customer = await repo.findById(ctx.db, id);
  if (!customer) {
    throw notFound('Customer');
  }
  return { ...present(customer), appeals: await repo.appealCounts(ctx.db, id) };
}

export async function searchCustomers(ctx: Ctx, actor: Actor, query: CustomerQuery) {
  authorize(actor, 'customers:read');
  const phone = query.phone === undefined ? undefined : normalizePhone(query.phone);
  const email = query.email === undefined ? undefined : normalizeEmail(query.email);
  if (phone && !phone.ok) {
    throw new AppError('validation_failed', phone.message, [
      { path: 'query.phone', code: phone.code, message: phone.message },
    ]);
  }
  if (email && !email.ok) {
    throw new AppError('validation_failed', email.message, [
      { path: 'query.email', code: email.code, message: email.message },
    ]);
  }
  const after = query.cursor ? decodeCursor(query.cursor, ['createdAt', 'id'] as const) : undefined;
  const rows = await repo.search(ctx.db, {
    q: query.q,
    phone: phone?.value,
    email: email?.value,
    companyCode: query.companyCode,
    limit: query.limit + 1,
    after: after ? { createdAt: String(after.createdAt), id: String(after.id) } : undefined,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(present),
    nextCursor:
      rows.length > query.limit && last ? encodeCursor({ createdAt: last.createdAt.toISOString(), id: last.id }) : null,
  };
}

/** For references that must already exist (changing an appeal's customer). */
export async function requireCustomer(db: Queryable, id: string, path = 'customerId'): Promise<void> {
  const customer = await repo.findById(db, id);
  if (!customer) {
    throw invalidField(path, 'unknown_customer', 'No such customer');
  }
  if (customer.mergedInto) {
    throw invalidField(path, 'merged_customer', `That customer was merged into ${customer.mergedInto}`);
  }
}
