// Live updates over a real listening socket: EventSource-style GET /api/v1/events.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { makeCtx } from '../../src/context.ts';
import type { Role } from '../../src/modules/auth/actor.ts';
import { buildApp } from '../../src/server/app.ts';
import { makeAppealInput, makeSubmissionInput, TEST_PASSWORD } from '../support/factories.ts';
import { openSecondPool, startTestEnv, type TestEnv } from '../support/harness.ts';
import { waitFor } from '../support/wait.ts';

let env: TestEnv;
let base: string;

beforeAll(async () => {
  env = await startTestEnv();
  await env.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(env.app.server.address() as AddressInfo).port}`;
});
afterAll(() => env.close());

interface Stream {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Every `event: appeal` received so far, parsed. */
  events: {
    id: string;
    number: number;
    status: string;
    ownerId: string | null;
    unitId: string | null;
    updatedAt: string;
    action: string;
  }[];
  raw: string;
  body: string;
  close(): void;
  /** Resolves with the first received event matching, waiting up to the tests' deadline. */
  next(match: (e: Stream['events'][number]) => boolean): Promise<Stream['events'][number]>;
}

function open(headers: Record<string, string>, url = base): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${url}/api/v1/events`, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      const stream: Stream = {
        status: res.statusCode ?? 0,
        headers: res.headers,
        events: [],
        raw: '',
        body: '',
        close: () => req.destroy(),
        next: (match) =>
          waitFor(() => stream.events.find(match), `a matching event; got ${JSON.stringify(stream.events)}`),
      };
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        stream.raw += chunk;
        if (stream.status !== 200) {
          stream.body += chunk;
        }
        const frames = stream.raw.split('\n\n');
        stream.raw = frames.pop()!;
        for (const frame of frames) {
          const lines = frame.split('\n');
          if (lines[0] === 'event: appeal') {
            stream.events.push(JSON.parse(lines[1]!.replace(/^data: /, '')));
          }
        }
      });
      res.on('error', () => undefined);
      // The head has arrived; for a stream, the first comment too (the server writes it at once).
      if (res.statusCode !== 200) {
        res.on('end', () => resolve(stream));
      } else {
        res.once('data', () => resolve(stream));
      }
    });
    req.on('error', reject);
  });
}

const bearer = (role: Role) => ({ authorization: `Bearer ${env.users[role].token}` });
/**
 * Events reach a stream in the order they were published: once an appeal created now has arrived, anything
 * published before it would have arrived too. Answers the marker's id.
 */
async function published(stream: Stream, as: Role = 'agent', body: unknown = makeAppealInput()): Promise<string> {
  const marker = await env.request('POST', '/api/v1/appeals', { as, body });
  await stream.next((e) => e.id === marker.body.id);
  return marker.body.id;
}

describe('GET /api/v1/events', () => {
  it('needs a login', async () => {
    const res = await open({});
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body).error.code).toBe('unauthenticated');
  });

  it('streams created, updated, assigned and message events, after the change is committed', async () => {
    const stream = await open(bearer('agent'));
    expect(stream.status).toBe(200);
    expect(stream.headers['content-type']).toMatch(/^text\/event-stream/);
    const created = await env.request('POST', '/api/v1/appeals', { as: 'agent', body: makeAppealInput() });
    const id = created.body.id;
    expect(await stream.next((e) => e.id === id && e.action === 'created')).toEqual({
      id,
      number: created.body.number,
      status: 'new',
      ownerId: null,
      unitId: null,
      updatedAt: created.body.updatedAt,
      action: 'created',
    });

    await env.request('PATCH', `/api/v1/appeals/${id}`, {
      as: 'agent',
      body: { priority: 'high', status: 'pending_customer' },
    });
    const updated = await stream.next((e) => e.id === id && e.action === 'updated');
    expect(updated.status).toBe('pending_customer');
    // What the event announces is already there for whoever reads it.
    expect((await env.request('GET', `/api/v1/appeals/${id}`, { as: 'agent' })).body.priority).toBe('high');

    await env.request('POST', `/api/v1/appeals/${id}/assign`, { as: 'agent', body: { ownerId: env.users.agent.id } });
    expect((await stream.next((e) => e.id === id && e.ownerId === env.users.agent.id)).action).toBe('updated');

    await env.request('POST', `/api/v1/appeals/${id}/messages`, {
      as: 'agent',
      body: { direction: 'inbound', body: 'Жду ответа' },
    });
    // The customer's message reopened the appeal; the event carries the state after it.
    expect((await stream.next((e) => e.id === id && e.action === 'message')).status).toBe('open');
    stream.close();
  });

  it('announces nothing for a change that was refused', async () => {
    const created = await env.request('POST', '/api/v1/appeals', { as: 'agent', body: makeAppealInput() });
    const stream = await open(bearer('admin'));
    const bad = await env.request('PATCH', `/api/v1/appeals/${created.body.id}`, {
      as: 'agent',
      body: { status: 'open', categoryId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(bad.status).toBe(400);
    const marker = await published(stream);
    expect(stream.events.map((e) => e.id)).toEqual([marker]);
    stream.close();
  });

  it("shows a unit's responsible only their units' appeals", async () => {
    const unitStream = await open(bearer('unit_responsible'));
    const agentStream = await open(bearer('agent'));
    const mine = await env.request('POST', '/api/v1/appeals', {
      as: 'unit_responsible',
      body: makeSubmissionInput(env.units.store.id),
    });
    const other = await env.request('POST', '/api/v1/appeals', {
      as: 'agent',
      body: makeAppealInput({ unitId: env.units.other.id }),
    });
    const none = await env.request('POST', '/api/v1/appeals', { as: 'agent', body: makeAppealInput() });
    expect(mine.status).toBe(201);
    await agentStream.next((e) => e.id === none.body.id);
    await agentStream.next((e) => e.id === other.body.id);
    await unitStream.next((e) => e.id === mine.body.id);
    const marker = await published(unitStream, 'unit_responsible', makeSubmissionInput(env.units.store.id));
    expect(unitStream.events.map((e) => e.id)).toEqual([mine.body.id, marker]);
    unitStream.close();
    agentStream.close();
  });

  it('works with the session cookie a browser sends', async () => {
    const login = await env.request('POST', '/api/v1/auth/login', {
      body: { email: env.users.analyst.email, password: TEST_PASSWORD },
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const stream = await open({ cookie });
    expect(stream.status).toBe(200);
    const created = await env.request('POST', '/api/v1/appeals', { as: 'agent', body: makeAppealInput() });
    await stream.next((e) => e.id === created.body.id);
    stream.close();
    expect((await open({ cookie: 'otklik_session=forged' })).status).toBe(401);
  });

  it('caps streams per user at five, and frees a slot when one disconnects', async () => {
    const user = await env.makeUser('agent');
    const auth = { authorization: `Bearer ${user.token}` };
    const streams = [];
    for (let i = 0; i < 5; i++) {
      streams.push(await open(auth));
    }
    expect(streams.map((s) => s.status)).toEqual([200, 200, 200, 200, 200]);
    const sixth = await open(auth);
    expect(sixth.status).toBe(429);
    expect(JSON.parse(sixth.body).error.code).toBe('rate_limited');
    // Another user is not affected.
    const other = await open(bearer('supervisor'));
    expect(other.status).toBe(200);
    other.close();
    streams.pop()?.close();
    // The server frees the slot when it sees the connection close: ask until it has.
    const again = await waitFor(async () => {
      const attempt = await open(auth);
      if (attempt.status !== 200) {
        attempt.close();
      }
      return attempt.status === 200 && attempt;
    }, 'a freed stream slot');
    for (const stream of [...streams, again]) {
      stream.close();
    }
  });

  it.runIf(process.env.DATABASE_URL)('reaches streams of another process through LISTEN/NOTIFY', async () => {
    // A second Otklik "process": its own pool and bus on the same database.
    const db = await openSecondPool(env.ctx, 2);
    if (!db) {
      throw new Error('a second pool needs DATABASE_URL');
    }
    const app = await buildApp(makeCtx(db, { ...loadConfig({}), dataDir: env.ctx.config.dataDir }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const stream = await open(bearer('agent'), `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`);
      // The LISTEN connection starts with the first stream: create appeals until one comes through it.
      const created: string[] = [];
      await waitFor(
        async () => {
          created.push(
            (await env.request('POST', '/api/v1/appeals', { as: 'agent', body: makeAppealInput() })).body.id,
          );
          return stream.events.find((e) => created.includes(e.id) && e.action === 'created');
        },
        'an appeal created in another process',
        { everyMs: 100 },
      );
      stream.close();
    } finally {
      await app.close();
      await db.close();
    }
  });
});
