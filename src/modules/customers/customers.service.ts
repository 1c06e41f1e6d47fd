// Customers: one profile across phones, e-mails and a company registry code; found, not duplicated.
import { randomUUID } from 'node:crypto';
import type { Ctx } from '../../context.ts';
import type { Queryable } from '../../db/db.ts';
import { decodeCursor, encodeCursor } from '../../server/cursor.ts';
import { AppError, type FieldError, invalidField, notFound } from '../../server/errors.ts';
import { authorize, type Actor } from '../auth/actor.ts';
import { idempotent, type Outcome } from '../idempotency/idempotency.service.ts';
import * as repo from './customers.repo.ts';
import type {
  CreateCustomerInput,
  Customer,
  CustomerQuery,
  CustomerRef,
  UpdateCustomerInput,
} from './customers.schema.ts';
import { normalizeEmail, normalizePhone } from './normalize.ts';

type Identity = { kind: 'phone' | 'email'; value: string; placeholder: boolean };

const present = (c: repo.CustomerRow): Customer => ({
  ...c,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});

const LIST_PATHS = { phone: (i: number) => `phones.${i}`, email: (i: number) => `emails.${i}` };
const REF_PATHS = { phone: () => 'customer.phone', email: () => 'customer.email' };

/** Normalises phones and e-mails, collecting a field error for each bad one; duplicates are dropped. */
export function normalizeIdentities(
  phones: string[],
  emails: string[],
  paths: { phone: (i: number) => string; email: (i: number) => string },
): { identities: Identity[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const identities: Identity[] = [];
  const add = (kind: Identity['kind'], raw: string[], path: (i: number) => string, normalize: typeof normalizePhone) =>
    raw.forEach((input, i) => {
      const n = normalize(input);
      if (!n.ok) {
        errors.push({ path: path(i), code: n.code, message: n.message });
      } else if (!seen.has(`${kind}:${n.value}`)) {
        seen.add(`${kind}:${n.value}`);
        identities.push({ kind, value: n.value, placeholder: n.placeholder });
      }
    });
  add('phone', phones, paths.phone, normalizePhone);
  add('email', emails, paths.email, normalizeEmail);
  return { identities, errors };
}

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
      taken.map((o) => ({
        path: `${prefix}${o.kind}s`,
        code: 'belongs_to_another_customer',
        message: `${o.value} belongs to customer ${o.id}`,
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
    throw new AppError('validation_failed', errors[0]!.message, errors);
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
      return present((await repo.findById(tx, id))!);
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
    throw new AppError('validation_failed', errors[0]!.message, errors);
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
    return present((await repo.findById(tx, id))!);
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

export async function searchCustomers(ctx: Ctx, actor: Actor, q: CustomerQuery) {
  authorize(actor, 'customers:read');
  const phone = q.phone === undefined ? undefined : normalizePhone(q.phone);
  const email = q.email === undefined ? undefined : normalizeEmail(q.email);
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
  const after = q.cursor ? decodeCursor(q.cursor, ['createdAt', 'id'] as const) : undefined;
  const rows = await repo.search(ctx.db, {
    q: q.q,
    phone: phone?.value,
    email: email?.value,
    companyCode: q.companyCode,
    limit: q.limit + 1,
    after: after ? { createdAt: String(after.createdAt), id: String(after.id) } : undefined,
  });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map(present),
    nextCursor:
      rows.length > q.limit && last ? encodeCursor({ createdAt: last.createdAt.toISOString(), id: last.id }) : null,
  };
}

/** Two requests creating the same new customer at once: one wins the unique identity, the other retries. */
export const isIdentityRace = (err: unknown): boolean => {
  const e = err as { code?: string; constraint?: string; message?: string };
  return e?.code === '23505' && /customer_identities_real/.test(`${e.constraint ?? ''} ${e.message ?? ''}`);
};

export type NewCustomer = {
  id: string;
  name: string | null;
  companyName: string | null;
  companyCode: string | null;
  identities: Identity[];
};

/** What an appeal's customer reference comes to: who it is, and what (if anything) must be written. */
export interface CustomerPlan {
  id: string;
  name: string | null;
  /** A customer to create (with a fresh id), or null when they exist. */
  create: NewCustomer | null;
  /** New contact details for an existing customer, and a name where theirs is blank. */
  addIdentities: Identity[];
  setName: string | null;
}

/**
 * The customer an appeal is about: an existing id, or found by a real phone, then a real e-mail, then the
 * company code; otherwise a new one. A known customer gains the new contact details that nobody else owns.
 * Only reads: the caller writes the plan (see applyCustomerPlan) in its own transaction or statement.
 */
export async function planCustomer(db: Queryable, ref: CustomerRef): Promise<CustomerPlan> {
  if ('id' in ref) {
    const c = await repo.findById(db, ref.id);
    if (!c) {
      throw new AppError('validation_failed', 'No such customer', [
        { path: 'customer.id', code: 'unknown_customer', message: 'No such customer' },
      ]);
    }
    return { id: c.mergedInto ?? c.id, name: c.name, create: null, addIdentities: [], setName: null };
  }
  const { identities, errors } = normalizeIdentities(
    ref.phone ? [ref.phone] : [],
    ref.email ? [ref.email] : [],
    REF_PATHS,
  );
  if (errors.length) {
    throw new AppError('validation_failed', errors[0]!.message, errors);
  }
  const real = identities.filter((i) => !i.placeholder);
  const owners = real.length
    ? await repo.findByIdentities(
        db,
        real.filter((i) => i.kind === 'phone').map((i) => i.value),
        real.filter((i) => i.kind === 'email').map((i) => i.value),
      )
    : [];
  const owner = owners.find((o) => o.kind === 'phone') ?? owners[0];
  const id =
    owner?.id ?? (!real.length && ref.companyCode ? await repo.findByCompanyCode(db, ref.companyCode) : undefined);
  if (id) {
    const owned = new Set(owners.map((o) => `${o.kind}:${o.value}`));
    return {
      id,
      name: owner?.name || ref.name || null,
      create: null,
      addIdentities: identities.filter((i) => !i.placeholder && !owned.has(`${i.kind}:${i.value}`)),
      setName: ref.name && !owner?.name ? ref.name : null,
    };
  }
  const create = {
    id: randomUUID(),
    name: ref.name ?? null,
    companyName: ref.companyName ?? null,
    companyCode: ref.companyCode ?? null,
    identities,
  };
  return { id: create.id, name: create.name, create, addIdentities: [], setName: null };
}

/** A customer to find by their real phones and e-mails, or else create — in the appeal's own statement. */
export interface CustomerLookup {
  identities: Identity[];
  create: NewCustomer;
}

/**
 * For references with a real phone or e-mail, the lookup can run inside the statement that writes the appeal
 * (one round trip). Other references (an id, a company code, only placeholders) are planned with planCustomer.
 */
export function customerLookup(ref: CustomerRef): CustomerLookup | null {
  if ('id' in ref) {
    return null;
  }
  const { identities, errors } = normalizeIdentities(
    ref.phone ? [ref.phone] : [],
    ref.email ? [ref.email] : [],
    REF_PATHS,
  );
  if (errors.length) {
    throw new AppError('validation_failed', errors[0]!.message, errors);
  }
  if (!identities.some((i) => !i.placeholder)) {
    return null;
  }
  return {
    identities,
    create: {
      id: randomUUID(),
      name: ref.name ?? null,
      companyName: ref.companyName ?? null,
      companyCode: ref.companyCode ?? null,
      identities,
    },
  };
}

/** Whether writing the plan needs statements of its own (beyond creating a new customer). */
export const planUpdatesCustomer = (plan: CustomerPlan) => plan.addIdentities.length > 0 || plan.setName !== null;

export async function applyCustomerPlan(tx: Queryable, plan: CustomerPlan): Promise<void> {
  if (plan.create) {
    await repo.insertWithIdentities(tx, plan.create, plan.create.identities);
  }
  await repo.addIdentities(tx, plan.id, plan.addIdentities);
  if (plan.setName) {
    await repo.setNameIfBlank(tx, plan.id, plan.setName);
  }
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
