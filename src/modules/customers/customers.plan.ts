// The customer of a new appeal: an existing one by id, one found by a real phone, e-mail or company code, or a new
// one; planned (reads only) before the appeal is written, and written with it.
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../db/db.ts';
import { AppError, validationFailed } from '../../server/errors.ts';
import * as repo from './customers.repo.ts';
import type { CustomerRef } from './customers.schema.ts';
import { type Identity, normalizeIdentities } from './normalize.ts';

const REF_PATHS = { phone: () => 'customer.phone', email: () => 'customer.email' };

/** The reference's phone and e-mail, normalised; a bad one is a validation error. */
function identitiesOf(ref: { phone?: string | undefined; email?: string | undefined }): Identity[] {
  const { identities, errors } = normalizeIdentities(
    ref.phone ? [ref.phone] : [],
    ref.email ? [ref.email] : [],
    REF_PATHS,
  );
  if (errors.length) {
    throw validationFailed(errors);
  }
  return identities;
}

const newCustomer = (ref: Exclude<CustomerRef, { id: string }>, identities: Identity[]): NewCustomer => ({
  id: randomUUID(),
  name: ref.name ?? null,
  companyName: ref.companyName ?? null,
  companyCode: ref.companyCode ?? null,
  identities,
});

/** Two requests creating the same new customer at once: one wins the unique identity, the other retries. */
export const isIdentityRace = (err: unknown): boolean => {
  const error = err as { code?: string; constraint?: string; message?: string };
  return error?.code === '23505' && /customer_identities_real/.test(`${error.constraint ?? ''} ${error.message ?? ''}`);
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
    const customer = await repo.findById(db, ref.id);
    if (!customer) {
      throw new AppError('validation_failed', 'No such customer', [
        { path: 'customer.id', code: 'unknown_customer', message: 'No such customer' },
      ]);
    }
    const id = customer.mergedInto ?? customer.id;
    return { id, name: customer.name, create: null, addIdentities: [], setName: null };
  }
  const identities = identitiesOf(ref);
  const real = identities.filter((identity) => !identity.placeholder);
  const owners = real.length
    ? await repo.findByIdentities(
        db,
        real.filter((i) => i.kind === 'phone').map((i) => i.value),
        real.filter((i) => i.kind === 'email').map((i) => i.value),
      )
    : [];
  const owner = owners.find((found) => found.kind === 'phone') ?? owners[0];
  const id =
    owner?.id ?? (!real.length && ref.companyCode ? await repo.findByCompanyCode(db, ref.companyCode) : undefined);
  if (id) {
    const owned = new Set(owners.map((found) => `${found.kind}:${found.value}`));
    const isNew = (identity: Identity) => !identity.placeholder && !owned.has(`${identity.kind}:${identity.value}`);
    return {
      id,
      name: owner?.name || ref.name || null,
      create: null,
      addIdentities: identities.filter(isNew),
      setName: ref.name && !owner?.name ? ref.name : null,
    };
  }
  const create = newCustomer(ref, identities);
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
  const identities = identitiesOf(ref);
  if (!identities.some((identity) => !identity.placeholder)) {
    return null;
  }
  return { identities, create: newCustomer(ref, identities) };
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
