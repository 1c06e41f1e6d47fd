// Loads a generated retail chain into a database: org and people, customers, then appeals in streamed
// batches. Refuses to mix demo data with a register that already has appeals, unless asked to append
// (benchmark data). A failed load leaves nothing behind.
import type { Db, Queryable } from '../../db/db.ts';
import { hashPassword } from '../auth/passwords.ts';
import { categoryCodes } from './appeal-mix.ts';
import * as bulk from './demo.bulk.repo.ts';
import * as repo from './demo.repo.ts';
import type { ExistingData } from './demo.repo.ts';
import { appealBatches } from './generate-appeals.ts';
import { customerBatches, toCustomerRef } from './generate-customers.ts';
import { DEMO_EMAIL_DOMAIN, generateOrg, zoneOffsetMinutes } from './generate.ts';
import { loadInLanes, pump, type WriteBatch } from './load-lanes.ts';
import type { CustomerRef, DemoAppeal, DemoOrg } from './model.ts';
import { createRng, mixSeed } from './random.ts';

export interface LoadDemoOptions {
  seed?: number;
  stores?: number;
  customers?: number;
  appeals?: number;
  years?: number;
  /** The present of the generated world; the same seed and base date give the same data. Default: now. */
  baseDate?: Date;
  password?: string;
  withMessages?: boolean;
  /** Add customers and appeals to a database that already has data (the org is read from it). */
  append?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface LoadDemoResult {
  units: number;
  users: number;
  customers: number;
  appeals: number;
  messages: number;
  ms: number;
}

// When appending without new customers, appeals go to at most this many existing ones (newest first).
const EXISTING_CUSTOMERS_LIMIT = 100_000;
// A PostgreSQL server spends most of a load computing the Russian full-text vector of each appeal and
// checking foreign keys; three connections keep its cores busy. Below the threshold one transaction is enough.
const POSTGRES_LANES = 3;
const PARALLEL_THRESHOLD = 50_000;

type Settings = Required<Omit<LoadDemoOptions, 'onProgress'>>;

/** What one load does, decided before it writes anything. */
interface LoadPlan {
  settings: Settings;
  /** Append to the org already in the database rather than generate one. */
  reuse: boolean;
  /** The random stream of the load's customers and appeals. */
  stream: number;
  /** The first and last register number the load's appeals take. */
  numbers: readonly [number, number];
  /** Transactions writing appeals side by side. */
  lanes: number;
}

interface Prepared {
  org: DemoOrg;
  created: boolean;
  refs: CustomerRef[];
  customerIds: string[];
}

function checkCount(name: string, value: number, min: number): number {
  if (!Number.isFinite(value) || value < min || (name !== 'years' && !Number.isInteger(value))) {
    throw new Error(
      `loadDemo: "${name}" must be ${name === 'years' ? 'a number' : 'an integer'} ≥ ${min}, got ${value}`,
    );
  }
  return value;
}

function checkedSettings(options: LoadDemoOptions): Settings {
  return {
    seed: checkCount('seed', options.seed ?? 42, 0),
    stores: checkCount('stores', options.stores ?? 20, 1),
    customers: checkCount('customers', options.customers ?? 3_000, 0),
    appeals: checkCount('appeals', options.appeals ?? 20_000, 0),
    years: checkCount('years', options.years ?? 3, 0.1),
    baseDate: options.baseDate ?? new Date(),
    password: options.password ?? 'demo-password',
    withMessages: options.withMessages ?? true,
    append: options.append ?? false,
  };
}

/** Demo data goes into an empty register, unless the caller asks to append. */
function refuseToMix(settings: Settings, existing: ExistingData): void {
  if (settings.append || (existing.appeals === 0 && existing.demoUsers === 0)) {
    return;
  }
  const what = [
    existing.appeals > 0 ? 'appeals' : '',
    existing.demoUsers > 0 ? `demo users (@${DEMO_EMAIL_DOMAIN})` : '',
  ]
    .filter(Boolean)
    .join(' and ');
  throw new Error(
    `loadDemo refuses: the database already holds ${what}. Load the demo into an empty database, ` +
      'or pass append: true to add customers and appeals only.',
  );
}

/** The seeded categories by code; every code the appeal mix draws must be there. */
async function seededCategories(db: Db): Promise<Map<string, string>> {
  const categories = await repo.categoryIdsByCode(db);
  const missing = categoryCodes().filter((code) => !categories.has(code));
  if (missing.length) {
    throw new Error(`loadDemo: the seeded categories ${missing.join(', ')} are missing; run the migrations first`);
  }
  return categories;
}

/** Decides the load's shape and reserves its appeal numbers. */
async function planLoad(db: Db, settings: Settings, existing: ExistingData): Promise<LoadPlan> {
  const first = await repo.nextAppealNumber(db);
  const numbers = [first, first + settings.appeals - 1] as const;
  if (settings.appeals > 0) {
    await repo.reserveAppealNumbers(db, numbers[1]);
  }
  return {
    settings,
    reuse: settings.append && existing.units > 0 && existing.users > 0,
    // Appending again with the same seed must not repeat ids: the stream moves with the register.
    stream: settings.append ? first : 0,
    numbers,
    lanes: db.kind === 'postgres' && settings.appeals >= PARALLEL_THRESHOLD ? POSTGRES_LANES : 1,
  };
}

/** The org to load appeals for: read back when appending to it, else generated and written. */
async function prepareOrg(tx: Queryable, plan: LoadPlan): Promise<DemoOrg> {
  const { settings } = plan;
  if (plan.reuse) {
    return repo.loadOrg(tx, (timeZone) => zoneOffsetMinutes(timeZone, settings.baseDate));
  }
  const org = generateOrg(createRng(mixSeed(settings.seed, 1)), {
    stores: settings.stores,
    baseDate: settings.baseDate,
    years: settings.years,
  });
  const taken = await repo.takenUnitCodes(
    tx,
    org.units.flatMap((unit) => unit.code ?? []),
  );
  if (taken.length) {
    throw new Error(`loadDemo: units with the demo's codes already exist (${taken.join(', ')}); use an empty database`);
  }
  // One hash for every demo user: scrypt is deliberately slow, and they all share the password.
  await bulk.insertOrg(tx, org, await hashPassword(settings.password));
  return org;
}

/** Writes the load's customers; when appending without new ones, the appeals go to existing customers. */
async function prepareCustomers(tx: Queryable, plan: LoadPlan): Promise<Pick<Prepared, 'refs' | 'customerIds'>> {
  const { settings } = plan;
  const refs: CustomerRef[] = [];
  const customerIds: string[] = [];
  const batches = customerBatches(createRng(mixSeed(settings.seed, 2), plan.stream), {
    count: settings.customers,
    baseDate: settings.baseDate,
    years: settings.years,
  });
  for (const batch of batches) {
    await bulk.insertCustomers(tx, batch);
    for (const customer of batch) {
      refs.push(toCustomerRef(customer));
      customerIds.push(customer.id);
    }
  }
  if (refs.length === 0 && settings.append) {
    return { refs: await repo.loadCustomerRefs(tx, EXISTING_CUSTOMERS_LIMIT), customerIds };
  }
  return { refs, customerIds };
}

async function prepare(tx: Queryable, plan: LoadPlan): Promise<Prepared> {
  const org = await prepareOrg(tx, plan);
  const customers = await prepareCustomers(tx, plan);
  return { org, created: !plan.reuse, ...customers };
}

function appealBatchesFor(plan: LoadPlan, prepared: Prepared): Iterator<DemoAppeal[]> {
  const { settings } = plan;
  return appealBatches(createRng(mixSeed(settings.seed, 3), plan.stream), prepared.org, prepared.refs, {
    count: settings.appeals,
    years: settings.years,
    baseDate: settings.baseDate,
    withMessages: settings.withMessages,
    firstNumber: plan.numbers[0],
  });
}

/** Prepares the org and customers, then writes the appeals: in one transaction, or in lanes on PostgreSQL. */
async function writeLoad(db: Db, plan: LoadPlan, write: WriteBatch): Promise<Prepared> {
  if (plan.lanes === 1) {
    // Small loads and PGlite: one transaction, all or nothing.
    return db.transaction(async (tx) => {
      const prepared = await prepare(tx, plan);
      await pump(tx, appealBatchesFor(plan, prepared), write, { failed: false });
      return prepared;
    });
  }
  const prepared = await db.transaction((tx) => prepare(tx, plan));
  await loadInLanes(db, {
    count: plan.lanes,
    batches: appealBatchesFor(plan, prepared),
    write,
    undo: (tx) => repo.removeLoaded(tx, plan.numbers, prepared.customerIds, prepared.created ? prepared.org : null),
  });
  return prepared;
}

export async function loadDemo(db: Db, options: LoadDemoOptions = {}): Promise<LoadDemoResult> {
  const started = performance.now();
  const settings = checkedSettings(options);
  const existing = await repo.existingData(db, DEMO_EMAIL_DOMAIN);
  refuseToMix(settings, existing);
  const categories = await seededCategories(db);
  const plan = await planLoad(db, settings, existing);

  const written = { appeals: 0, messages: 0 };
  const write: WriteBatch = async (tx, batch) => {
    written.messages += await bulk.insertAppeals(tx, batch, categories);
    written.appeals += batch.length;
    options.onProgress?.(written.appeals, settings.appeals);
  };
  let prepared: Prepared;
  try {
    prepared = await writeLoad(db, plan, write);
  } catch (err) {
    if (settings.appeals > 0) {
      await repo.releaseAppealNumbers(db, plan.numbers);
    }
    throw err;
  }
  await repo.analyze(db);
  return {
    units: prepared.created ? prepared.org.units.length : 0,
    users: prepared.created ? prepared.org.users.length : 0,
    customers: settings.customers,
    appeals: written.appeals,
    messages: written.messages,
    ms: Math.round(performance.now() - started),
  };
}
