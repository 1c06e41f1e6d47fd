// Loads a generated retail chain into a database: org and people, customers, then appeals in streamed
// batches. Refuses to mix demo data with a register that already has appeals, unless asked to append
// (benchmark data). A failed load leaves nothing behind.
import type { Db, Queryable } from '../../db/db.ts';
import { hashPassword } from '../auth/passwords.ts';
import { categoryCodes } from './appeal-mix.ts';
import * as repo from './demo.repo.ts';
import { appealBatches } from './generate-appeals.ts';
import { customerBatches, toCustomerRef } from './generate-customers.ts';
import { DEMO_EMAIL_DOMAIN, generateOrg, zoneOffsetMinutes } from './generate.ts';
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

async function prepare(
  tx: Queryable,
  o: Required<Omit<LoadDemoOptions, 'onProgress' | 'withMessages'>>,
  reuse: boolean,
  stream: number,
): Promise<Prepared> {
  let org: DemoOrg;
  if (reuse) {
    org = await repo.loadOrg(tx, (tz) => zoneOffsetMinutes(tz, o.baseDate));
  } else {
    org = generateOrg(createRng(mixSeed(o.seed, 1)), { stores: o.stores, baseDate: o.baseDate, years: o.years });
    const taken = await repo.takenUnitCodes(
      tx,
      org.units.map((u) => u.code!),
    );
    if (taken.length) {
      throw new Error(
        `loadDemo: units with the demo's codes already exist (${taken.join(', ')}); use an empty database`,
      );
    }
    // One hash for every demo user: scrypt is deliberately slow, and they all share the password.
    await repo.insertOrg(tx, org, await hashPassword(o.password));
  }
  let refs: CustomerRef[] = [];
  const customerIds: string[] = [];
  for (const batch of customerBatches(createRng(mixSeed(o.seed, 2), stream), {
    count: o.customers,
    baseDate: o.baseDate,
    years: o.years,
  })) {
    await repo.insertCustomers(tx, batch);
    for (const c of batch) {
      refs.push(toCustomerRef(c));
      customerIds.push(c.id);
    }
  }
  if (refs.length === 0 && o.append) {
    refs = await repo.loadCustomerRefs(tx, EXISTING_CUSTOMERS_LIMIT);
  }
  return { org, created: !reuse, refs, customerIds };
}

/**
 * Writes batches pulled from a shared generator until it is exhausted or another lane failed. The database
 * writes one batch while the generator computes the next; several lanes share one generator.
 */
async function pump(
  tx: Queryable,
  batches: Iterator<DemoAppeal[]>,
  write: (tx: Queryable, batch: DemoAppeal[]) => Promise<void>,
  stop: { failed: boolean },
) {
  let inFlight: Promise<void> | undefined;
  for (let next = batches.next(); !next.done && !stop.failed; next = batches.next()) {
    if (inFlight) {
      await inFlight;
    }
    inFlight = write(tx, next.value);
  }
  if (inFlight) {
    await inFlight;
  }
}

/** Several transactions write the appeals side by side; if one fails, `undo` deletes what the others wrote. */
async function loadInLanes(
  db: Db,
  lanes: number,
  batches: Iterator<DemoAppeal[]>,
  write: (tx: Queryable, batch: DemoAppeal[]) => Promise<void>,
  undo: (tx: Queryable) => Promise<void>,
): Promise<void> {
  const stop = { failed: false };
  const results = await Promise.allSettled(
    Array.from({ length: lanes }, () =>
      db.transaction((tx) =>
        pump(tx, batches, write, stop).catch((err: unknown) => {
          stop.failed = true;
          throw err;
        }),
      ),
    ),
  );
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) {
    await db.transaction(undo);
    throw failure.reason;
  }
}

export async function loadDemo(db: Db, options: LoadDemoOptions = {}): Promise<LoadDemoResult> {
  const started = performance.now();
  const o = {
    seed: checkCount('seed', options.seed ?? 42, 0),
    stores: checkCount('stores', options.stores ?? 20, 1),
    customers: checkCount('customers', options.customers ?? 3_000, 0),
    appeals: checkCount('appeals', options.appeals ?? 20_000, 0),
    years: checkCount('years', options.years ?? 3, 0.1),
    baseDate: options.baseDate ?? new Date(),
    password: options.password ?? 'demo-password',
    append: options.append ?? false,
  };
  const withMessages = options.withMessages ?? true;

  const existing = await repo.existingData(db, DEMO_EMAIL_DOMAIN);
  if (!o.append && (existing.appeals > 0 || existing.demoUsers > 0)) {
    const what = [
      existing.appeals > 0 ? 'appeals' : '',
      existing.demoUsers > 0 ? `demo users (@${DEMO_EMAIL_DOMAIN})` : '',
    ]
      .filter(Boolean)
      .join(' and ');
    throw new Error(
      `loadDemo refuses: the database already holds ${what}. Load the demo into an empty database, or pass append: true to add customers and appeals only.`,
    );
  }
  const categories = await repo.categoryIdsByCode(db);
  const missing = categoryCodes().filter((code) => !categories.has(code));
  if (missing.length) {
    throw new Error(`loadDemo: the seeded categories ${missing.join(', ')} are missing; run the migrations first`);
  }

  const firstNumber = await repo.nextAppealNumber(db);
  const numbers = [firstNumber, firstNumber + o.appeals - 1] as const;
  if (o.appeals > 0) {
    await repo.reserveAppealNumbers(db, numbers[1]);
  }
  // Appending again with the same seed must not repeat ids: the stream moves with the register.
  const stream = o.append ? firstNumber : 0;
  const reuse = o.append && existing.units > 0 && existing.users > 0;
  const lanes = db.kind === 'postgres' && o.appeals >= PARALLEL_THRESHOLD ? POSTGRES_LANES : 1;

  let done = 0;
  let messages = 0;
  const write = async (tx: Queryable, batch: DemoAppeal[]) => {
    messages += await repo.insertAppeals(tx, batch, categories);
    done += batch.length;
    options.onProgress?.(done, o.appeals);
  };
  const batchesFor = (p: Prepared) =>
    appealBatches(createRng(mixSeed(o.seed, 3), stream), p.org, p.refs, {
      count: o.appeals,
      years: o.years,
      baseDate: o.baseDate,
      withMessages,
      firstNumber,
    });

  let prepared: Prepared;
  try {
    if (lanes === 1) {
      // Small loads and PGlite: one transaction, all or nothing.
      prepared = await db.transaction(async (tx) => {
        const p = await prepare(tx, o, reuse, stream);
        await pump(tx, batchesFor(p), write, { failed: false });
        return p;
      });
    } else {
      const p = await db.transaction((tx) => prepare(tx, o, reuse, stream));
      await loadInLanes(db, lanes, batchesFor(p), write, (tx) =>
        repo.removeLoaded(tx, numbers, p.customerIds, p.created ? p.org : null),
      );
      prepared = p;
    }
  } catch (err) {
    if (o.appeals > 0) {
      await repo.releaseAppealNumbers(db, numbers);
    }
    throw err;
  }
  await repo.analyze(db);
  return {
    units: prepared.created ? prepared.org.units.length : 0,
    users: prepared.created ? prepared.org.users.length : 0,
    customers: o.customers,
    appeals: done,
    messages,
    ms: Math.round(performance.now() - started),
  };
}
