// Appeals created at the same moment share one statement (WriteBatcher): each must come out exactly as if it had
// been written alone, and one that cannot be written must not take the others down with it.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeAppealInput } from '../support/factories.ts';
import { startTestEnv, type TestEnv } from '../support/harness.ts';
import { queryOne } from '../../src/db/rows.ts';
import { defined } from '../support/defined.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await startTestEnv();
});
afterAll(() => env.close());
// An appeal as created is compared with the same appeal read later: its SLA minutes left must not move between.
beforeEach(() => {
  env.clock.freeze();
});
afterEach(() => env.clock.release());

const create = (body: unknown) => env.request('POST', '/api/v1/appeals', { as: 'agent', body });
const read = async (id: string) => (await env.request('GET', `/api/v1/appeals/${id}`, { as: 'agent' })).body;
const history = async (id: string) =>
  (await env.request('GET', `/api/v1/appeals/${id}/history`, { as: 'agent' })).body.items;
/** Transactions that wrote these appeals: fewer than the appeals when they were written together. */
const writers = async (ids: string[]) =>
  (
    await queryOne<{ n: number }>(
      env.ctx.db,
      'SELECT count(DISTINCT xmin::text)::int AS n FROM appeals WHERE id = ANY($1::uuid[])',
      [ids],
    )
  ).n;

describe('appeals created at once', () => {
  it('are written together, each with its own customer, fields, history and deadlines', async () => {
    const known = await create(makeAppealInput({ customer: { phone: '+7 916 000 11 22' } }));
    const byId = await create(makeAppealInput({ customer: { name: 'Анна Кузнецова', email: 'anna@example.ru' } }));
    const rule = await env.request('POST', '/api/v1/routing/rules', {
      as: 'admin',
      body: {
        name: 'Срочно: возврат',
        conditions: { textContains: ['возврат'] },
        actions: [{ type: 'set_priority', priority: 'urgent' }],
      },
    });
    expect(rule.status).toBe(201);
    const inputs = [
      makeAppealInput({ subject: 'Возврат денег за холодильник', tags: ['возврат', 'касса'] }),
      makeAppealInput({ customer: { name: 'Ольга Смирнова', phone: '+7 916 000 11 22', email: 'olga@example.ru' } }),
      makeAppealInput({
        customer: { id: byId.body.customerId },
        kind: 'thanks',
        channel: 'email',
        sequenceNumber: 'М-17',
      }),
      makeAppealInput({ customer: { name: 'Без почты', email: 'noemail@mail.ru' }, priority: 'low' }),
      makeAppealInput({ kind: 'question', receivedAt: '2026-01-15T09:30:00.000Z' }),
      makeAppealInput({ subject: 'Снова про возврат', customer: { name: 'Ольга', phone: '+7 916 000 11 22' } }),
    ];
    const answers = await Promise.all(inputs.map(create));
    expect(answers.map((a) => a.status)).toEqual(inputs.map(() => 201));
    const appeals = answers.map((a) => a.body);
    expect(await writers(appeals.map((a) => a.id))).toBeLessThan(appeals.length);

    // Each has its own number, and each answer is what is stored.
    const numbers = appeals.map((a) => a.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const appeal of appeals) {
      expect(await read(appeal.id)).toEqual(appeal);
    }

    const [refund, olga, thanks, noEmail, question, again] = appeals;
    expect(refund).toMatchObject({ priority: 'urgent', tags: ['возврат', 'касса'] });
    expect(olga.customerId).toBe(known.body.customerId);
    expect(again.customerId).toBe(known.body.customerId);
    expect(again.priority).toBe('urgent');
    expect(thanks).toMatchObject({
      customerId: byId.body.customerId,
      kind: 'thanks',
      channel: 'email',
      sequenceNumber: 'М-17',
    });
    expect(noEmail).toMatchObject({ priority: 'low' });
    expect(question.receivedAt).toBe('2026-01-15T09:30:00.000Z');
    expect(new Set([refund.customerId, noEmail.customerId, question.customerId, known.body.customerId]).size).toBe(4);

    // The known customer got their name and the new e-mail; the placeholder e-mail linked nobody.
    const customer = (await env.request('GET', `/api/v1/customers/${known.body.customerId}`, { as: 'agent' })).body;
    expect(customer.name).toBe('Ольга Смирнова');
    expect(customer.emails).toEqual([{ value: 'olga@example.ru', placeholder: false }]);

    // Each history starts with its own 'created', then its own rule trace.
    for (const appeal of appeals) {
      const events = await history(appeal.id);
      expect(events[0]).toMatchObject({ action: 'created', newValue: { number: appeal.number, status: 'new' } });
      const traced = events.filter((e: { action: string }) => e.action === 'rule_applied').length;
      expect(traced).toBe(appeal === refund || appeal === again ? 1 : 0);
    }

    // Deadlines as planned: a question and an incident get their own policies' targets.
    for (const appeal of appeals) {
      expect(appeal.sla?.targets.length ?? 0).toBeGreaterThan(0);
    }
    const alone = (await create(makeAppealInput({ kind: 'question' }))).body;
    expect(question.sla.targets.map((t: { metric: string }) => t.metric)).toEqual(
      alone.sla.targets.map((t: { metric: string }) => t.metric),
    );
    await env.request('DELETE', `/api/v1/routing/rules/${rule.body.id}`, { as: 'admin' });
  });

  it('writes the others when one of them cannot be written with them', async () => {
    // Two appeals from one new phone in a batch would create the customer twice: the batch fails, each goes alone,
    // and the second finds the customer the first created.
    const phone = '+7 916 555 44 33';
    const inputs = [
      makeAppealInput(),
      makeAppealInput({ customer: { name: 'Пётр', phone } }),
      makeAppealInput(),
      makeAppealInput({ customer: { phone } }),
    ];
    const answers = await Promise.all(inputs.map(create));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201]);
    const [, named, , unnamed] = answers;
    expect(defined(named).body.customerId).toBe(defined(unnamed).body.customerId);
    const stored = await queryOne<{ n: number }>(
      env.ctx.db,
      `SELECT count(*)::int AS n FROM customer_identities WHERE kind = 'phone' AND value = '+79165554433'`,
    );
    expect(stored.n).toBe(1);
    for (const answer of answers) {
      expect((await history(answer.body.id)).filter((e: { action: string }) => e.action === 'created')).toHaveLength(1);
    }
  });
});
