// A database outage under write load: clients create appeals with Idempotency-Keys while the PostgreSQL server is
// restarted or its backends are killed. It records every acknowledged create, every status seen while the
// database was away, and how long after the database came back the first create succeeded.
import { randomUUID } from 'node:crypto';
import { makeAppealInput } from './factories.ts';

export interface DrillOptions {
  /** The Otklik server's base URL. */
  url: string;
  token: string;
  clients: number;
  /** Each outage: drop the database's connections somehow, resolving when the database is back. */
  outages: (() => Promise<void>)[];
  /** Load before the first outage and after each one, in milliseconds. */
  settleMs: number;
  /** Is the Otklik server still alive? (a child process's exit code, or always true in-process) */
  alive: () => boolean;
}

export interface DrillResult {
  /** Idempotency-Key → appeal id and request body of every create answered 201. */
  acknowledged: Map<string, { id: string; body: string }>;
  statuses: Map<number, number>;
  /** Answers ≥ 500 other than 503, and 503s without Retry-After: what the drill forbids. */
  bad: string[];
  /** Per outage, milliseconds from the database being back to the first 201. */
  recoveryMs: number[];
  serverDied: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runOutageDrill(options: DrillOptions): Promise<DrillResult> {
  const result: DrillResult = {
    acknowledged: new Map(),
    statuses: new Map(),
    bad: [],
    recoveryMs: [],
    serverDied: false,
  };
  let running = true;
  let lastSuccessAt = 0;
  async function client(): Promise<void> {
    while (running) {
      const key = randomUUID();
      const request = JSON.stringify(makeAppealInput());
      let status = 0;
      try {
        const answer = await fetch(`${options.url}/api/v1/appeals`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${options.token}`,
            'content-type': 'application/json',
            'idempotency-key': key,
          },
          body: request,
        });
        status = answer.status;
        const body = (await answer.json().catch(() => null)) as { id?: string } | null;
        if (status === 201 && body?.id) {
          result.acknowledged.set(key, { id: body.id, body: request });
          lastSuccessAt = Date.now();
        } else if (status === 503 && !answer.headers.get('retry-after')) {
          result.bad.push('503 without Retry-After');
        } else if (status >= 500 && status !== 503) {
          result.bad.push(`${status} ${JSON.stringify(body).slice(0, 200)}`);
        }
      } catch (error) {
        status = -1; // the connection to Otklik itself failed
        if (!options.alive()) {
          result.serverDied = true;
          running = false;
        }
        await sleep(50);
        void error;
      }
      result.statuses.set(status, (result.statuses.get(status) ?? 0) + 1);
      if (status !== 201) {
        await sleep(20); // a refused client backs off a little, as a real one would
      }
    }
  }
  const clients = Array.from({ length: options.clients }, client);
  await sleep(options.settleMs);
  for (const outage of options.outages) {
    if (!running) {
      break;
    }
    await outage();
    const back = Date.now();
    while (running && lastSuccessAt < back && Date.now() - back < 60_000) {
      await sleep(10);
    }
    result.recoveryMs.push(lastSuccessAt >= back ? lastSuccessAt - back : Number.POSITIVE_INFINITY);
    await sleep(options.settleMs);
  }
  running = false;
  await Promise.all(clients);
  result.serverDied ||= !options.alive();
  return result;
}
