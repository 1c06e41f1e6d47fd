// The demo loader against a fresh in-memory PGlite: what it writes, how consistent it is, and that the
// generator behind it is reproducible.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/db/db.ts';
import { migrate } from '../../src/db/migrate.ts';
import { oneRow, queryOne } from '../../src/db/rows.ts';
import { verifyPassword } from '../../src/modules/auth/passwords.ts';
import { normalizeEmail } from '../../src/modules/customers/normalize.ts';
import { loadDemo, type LoadDemoResult } from '../../src/modules/demo/demo.service.ts';
import { appealBatches, rangeStart } from '../../src/modules/demo/generate-appeals.ts';
import { customerBatches, toCustomerRef } from '../../src/modules/demo/generate-customers.ts';
import { generateOrg } from '../../src/modules/demo/generate.ts';
import { APPEAL_KINDS, CHANNELS, type DemoAppeal } from '../../src/modules/demo/model.ts';
import { createRng } from '../../src/modules/demo/random.ts';
import { readTemplate } from '../support/pglite-template.ts';

const BASE = new Date('2025-03-01T12:00:00Z');
const SMALL = { seed: 7, stores: 3, customers: 200, appeals: 1_000, years: 3, baseDate: BASE };
const DAY = 86_400_000;

let db: Db;
let result: LoadDemoResult;
const one = <T>(sql: string, params: unknown[] = []) => queryOne<T>(db, sql, params);
const count = async (sql: string, params: unknown[] = []) =>
  (await one<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params)).n;

beforeAll(async () => {
  db = await openDb({ pgliteImage: await readTemplate() });
  await migrate(db);
  result = await loadDemo(db, SMALL);
});
afterAll(() => db.close());

describe('loadDemo', () => {
  it('writes the requested org, customers and appeals', async () => {
    expect(result).toMatchObject({ customers: 200, appeals: 1_000 });
    expect(await count('units')).toBe(result.units);
    expect(await count("units WHERE type = 'store'")).toBe(3);
    for (const type of [
      'customer_service',
      'call_centre',
      'service_centre',
      'document_service',
      'services',
      'office',
    ]) {
      expect(await count('units WHERE type = $1', [type]), type).toBeGreaterThan(0);
    }
    // Besides the demo's people, only the mail channel's inactive author (migration 009).
    expect(await count('users WHERE active')).toBe(result.users);
    for (const role of ['admin', 'cs_head', 'supervisor', 'agent', 'unit_responsible', 'analyst']) {
      expect(await count('users WHERE role = $1', [role]), role).toBeGreaterThan(0);
    }
    expect(await count('customers')).toBe(200);
    expect(await count('appeals')).toBe(1_000);
    expect(result.messages).toBeGreaterThan(1_000);
    expect(await count('appeal_messages')).toBe(result.messages);
  });

  it('hashes one shared password for the demo users', async () => {
    const hashes = await db.query<{ h: string }>(
      "SELECT DISTINCT password_hash AS h FROM users WHERE email LIKE '%@demo.otklik.local'",
    );
    expect(hashes).toHaveLength(1);
    expect(await verifyPassword('demo-password', oneRow(hashes).h)).toBe(true);
  });

  it('covers every kind and every channel', async () => {
    const kinds = (await db.query<{ v: string }>('SELECT DISTINCT kind AS v FROM appeals')).map((r) => r.v);
    const channels = (await db.query<{ v: string }>('SELECT DISTINCT channel AS v FROM appeals')).map((r) => r.v);
    expect(kinds.sort()).toEqual([...APPEAL_KINDS].sort());
    expect(channels.sort()).toEqual([...CHANNELS].sort());
  });

  it('gives every appeal a category that admits its kind', async () => {
    expect(await count('appeals a JOIN categories c ON c.id = a.category_id WHERE a.kind = ANY(c.kinds)')).toBe(1_000);
  });

  it('keeps every date inside the range, received before created, stamps in order', async () => {
    const start = rangeStart(BASE, 3);
    const span = await one<{ min: Date; max: Date; minReceived: Date }>(
      'SELECT min(created_at) AS min, max(created_at) AS max, min(received_at) AS "minReceived" FROM appeals',
    );
    expect(span.min.getTime()).toBeGreaterThanOrEqual(start.getTime());
    expect(span.minReceived.getTime()).toBeGreaterThanOrEqual(start.getTime());
    expect(span.max.getTime()).toBeLessThanOrEqual(BASE.getTime());
    expect(await count('appeals WHERE received_at > created_at')).toBe(0);
    expect(await count('appeals WHERE updated_at < created_at OR updated_at > $1', [BASE])).toBe(0);
    expect(await count('appeals WHERE resolved_at < created_at OR closed_at < resolved_at')).toBe(0);
    expect(await count('appeal_events WHERE at > $1', [BASE])).toBe(0);
  });

  it('sets statuses that agree with age and stamps', async () => {
    expect(await count("appeals WHERE status = 'closed' AND closed_at IS NULL")).toBe(0);
    expect(await count("appeals WHERE status IN ('resolved', 'closed') AND resolved_at IS NULL")).toBe(0);
    expect(await count("appeals WHERE status NOT IN ('resolved', 'closed') AND resolved_at IS NOT NULL")).toBe(0);
    expect(await count("appeals WHERE status = 'new' AND owner_id IS NOT NULL")).toBe(0);
    // Old appeals are finished, save the rare one stuck with a unit.
    expect(
      await count("appeals WHERE created_at < $1 AND status NOT IN ('resolved', 'closed')", [
        new Date(BASE.getTime() - 90 * DAY),
      ]),
    ).toBeLessThan(10);
    expect(
      await count("appeals WHERE created_at > $1 AND status <> 'closed'", [new Date(BASE.getTime() - 2 * DAY)]),
    ).toBeGreaterThan(0);
  });

  it('numbers appeals in creation order and moves the sequence past them', async () => {
    const range = await one<{ min: number; max: number }>('SELECT min(number) AS min, max(number) AS max FROM appeals');
    expect(range).toEqual({ min: 1, max: 1_000 });
    const outOfOrder = await count(
      '(SELECT created_at < lag(created_at) OVER (ORDER BY number) AS back FROM appeals) ordered WHERE back',
    );
    expect(outOfOrder).toBe(0);
    expect((await one<{ n: number }>("SELECT nextval('appeal_number_seq')::int AS n")).n).toBe(1_001);
  });

  it('records the history: a created event, then each status change up to the current status', async () => {
    expect(
      await count(
        "appeals a WHERE NOT EXISTS (SELECT 1 FROM appeal_events e WHERE e.appeal_id = a.id AND e.action = 'created')",
      ),
    ).toBe(0);
    const wrong = await count(`appeals a WHERE a.status <> coalesce((SELECT e.new_value #>> '{}' FROM appeal_events e
      WHERE e.appeal_id = a.id AND e.field = 'status' ORDER BY e.id DESC LIMIT 1), 'new')`);
    expect(wrong).toBe(0);
  });

  it('gives store submissions the unit sequence number and the unit responsible as author', async () => {
    expect(
      await count("appeals WHERE channel = 'store_submission' AND (sequence_number IS NULL OR created_by IS NULL)"),
    ).toBe(0);
    expect(
      await count("appeals WHERE channel NOT IN ('store_submission', 'edms') AND sequence_number IS NOT NULL"),
    ).toBe(0);
  });

  it('flags placeholder contacts and keeps real ones unique', async () => {
    const identities = await db.query<{ kind: string; value: string; placeholder: boolean }>(
      'SELECT kind, value, placeholder FROM customer_identities',
    );
    expect(identities.some((identity) => identity.placeholder)).toBe(true);
    for (const email of identities.filter((identity) => identity.kind === 'email')) {
      expect(normalizeEmail(email.value), email.value).toMatchObject({ ok: true, placeholder: email.placeholder });
    }
    for (const phone of identities.filter((identity) => identity.kind === 'phone')) {
      expect(phone.value).toMatch(/^\+\d{11,12}$/);
    }
    const real = identities.filter((identity) => !identity.placeholder).map((i) => `${i.kind}:${i.value}`);
    expect(new Set(real).size).toBe(real.length);
  });

  it('refuses a second load without append, and appends customers and appeals with it', async () => {
    await expect(loadDemo(db, SMALL)).rejects.toThrow(/already holds appeals and demo users/);
    const last = (await one<{ n: number }>('SELECT last_value::int AS n FROM appeal_number_seq')).n;
    const more = await loadDemo(db, { ...SMALL, append: true, customers: 20, appeals: 100, withMessages: false });
    expect(more).toMatchObject({ units: 0, users: 0, customers: 20, appeals: 100, messages: 0 });
    expect(await count('appeals')).toBe(1_100);
    expect(await count('customers')).toBe(220);
    // The appended appeals continue the register after whatever the sequence has handed out.
    expect(
      await one('SELECT min(number)::int AS min, max(number)::int AS max FROM appeals WHERE number > $1', [last]),
    ).toEqual({ min: last + 1, max: last + 100 });
    expect((await one<{ n: number }>("SELECT nextval('appeal_number_seq')::int AS n")).n).toBe(last + 101);
  });
});

describe('the demo generator', () => {
  const generate = (seed: number, count = 2_000) => {
    const org = generateOrg(createRng(seed), { stores: 3, baseDate: BASE, years: 3 });
    const customers = [...customerBatches(createRng(seed + 1), { count: 300, baseDate: BASE, years: 3 })].flat();
    const appeals: DemoAppeal[] = [];
    for (const batch of appealBatches(createRng(seed + 2), org, customers.map(toCustomerRef), {
      count,
      years: 3,
      baseDate: BASE,
      withMessages: true,
      batchSize: 500,
    })) {
      expect(batch.length).toBeLessThanOrEqual(500);
      appeals.push(...batch);
    }
    return { org, customers, appeals };
  };

  it('produces byte-identical data for the same seed and different data for another', () => {
    const first = generate(11);
    const again = generate(11);
    expect(JSON.stringify(again)).toBe(JSON.stringify(first));
    const other = generate(12);
    expect(other.appeals.map((appeal) => appeal.id)).not.toEqual(first.appeals.map((appeal) => appeal.id));
    expect(other.appeals.map((appeal) => appeal.subject)).not.toEqual(first.appeals.map((appeal) => appeal.subject));
  });

  it('draws the same appeals with and without messages', () => {
    const org = generateOrg(createRng(1), { stores: 3, baseDate: BASE, years: 1 });
    const run = (withMessages: boolean) =>
      [...appealBatches(createRng(2), org, [], { count: 300, years: 1, baseDate: BASE, withMessages })]
        .flat()
        .map((x) => `${x.id} ${x.status} ${x.subject}`);
    expect(run(false)).toEqual(run(true));
  });

  it('never repeats a real phone or e-mail, even among thousands of customers', () => {
    const seen = new Set<string>();
    let real = 0;
    for (const batch of customerBatches(createRng(5), { count: 20_000, baseDate: BASE, years: 3 })) {
      for (const identity of batch.flatMap((customer) => customer.identities).filter((x) => !x.placeholder)) {
        seen.add(`${identity.kind}:${identity.value}`);
        real++;
      }
    }
    expect(seen.size).toBe(real);
  });

  it('follows the kind mix: mostly incidents, then thanks, questions, wishes, reviews', () => {
    const { appeals } = generate(21, 5_000);
    const share = (kind: string) => appeals.filter((a) => a.kind === kind).length / appeals.length;
    expect(share('incident')).toBeCloseTo(0.7, 1);
    expect(share('thanks')).toBeCloseTo(0.15, 1);
    expect(share('question')).toBeCloseTo(0.1, 1);
    expect(share('review')).toBeGreaterThan(0.005);
    expect(appeals.filter((a) => a.tags.includes('english')).length / appeals.length).toBeLessThan(0.06);
  });
});
