// Live updates of appeals. Services publish AFTER their transaction commits (an event must never announce a
// change that rolled back); subscribers (the SSE streams) hear it at once in this process. On a PostgreSQL
// server other Otklik processes hear it through NOTIFY, received on one dedicated LISTEN connection per process;
// PGlite is single-process, so the in-process bus is all there is.
import { randomUUID } from 'node:crypto';
import type { Ctx } from '../../context.ts';
import type { Db } from '../../db/db.ts';
import * as repo from './events.repo.ts';
import type { AppealAction, AppealEvent, AppealSnapshot } from './events.schema.ts';

export const NOTIFY_CHANNEL = 'otklik_appeal_events';
/** PostgreSQL refuses NOTIFY payloads of 8,000 bytes and more; events are batched below that. */
const MAX_PAYLOAD_BYTES = 7_500;
const RELISTEN_DELAY_MS = 2_000;

type Listener = (event: AppealEvent) => void;

export interface AppealBus {
  subscribe(listener: Listener): () => void;
  publish(events: AppealEvent[]): void;
  /** Stops listening to other processes (the app is closing). */
  close(): Promise<void>;
}

function deliver(listeners: ReadonlySet<Listener>, events: readonly AppealEvent[]) {
  for (const event of events) {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch {
        // one broken stream must not keep the event from the others
      }
    }
  }
}

/** Splits events into chunks whose NOTIFY payload stays under PostgreSQL's limit (a lone large event goes alone). */
function payloadChunks(events: readonly AppealEvent[], origin: string): AppealEvent[][] {
  const chunks: AppealEvent[][] = [];
  let chunk: AppealEvent[] = [];
  for (const event of events) {
    if (chunk.length && Buffer.byteLength(JSON.stringify({ o: origin, e: [...chunk, event] })) > MAX_PAYLOAD_BYTES) {
      chunks.push(chunk);
      chunk = [];
    }
    chunk.push(event);
  }
  if (chunk.length) {
    chunks.push(chunk);
  }
  return chunks;
}

/** One NOTIFY per event-loop turn carries every event published in it (fewer round trips under load). */
function createNotifyQueue(db: Db, origin: string): { push(events: readonly AppealEvent[]): void } {
  let pending: AppealEvent[] = [];
  let flushScheduled = false;
  const flush = async () => {
    flushScheduled = false;
    const batch = pending;
    pending = [];
    for (const chunk of payloadChunks(batch, origin)) {
      await repo.notify(db, NOTIFY_CHANNEL, JSON.stringify({ o: origin, e: chunk })).catch(() => undefined);
    }
  };
  return {
    push(events) {
      pending.push(...events);
      if (!flushScheduled) {
        flushScheduled = true;
        setImmediate(() => void flush());
      }
    },
  };
}

/**
 * The LISTEN connection, started by the first subscriber; when it breaks it is started again after a pause, as
 * long as anybody is still subscribed (`wanted`).
 */
function createListenConnection(db: Db, onNotify: (payload: string) => void, wanted: () => boolean) {
  let listening: Promise<(() => Promise<void>) | null> | null = null;
  let relisten: NodeJS.Timeout | undefined;
  let closed = false;
  const start = () => {
    if (!db.listen || listening || closed) {
      return;
    }
    const onEnd = () => {
      listening = null;
      if (!closed && wanted() && !relisten) {
        relisten = setTimeout(() => {
          relisten = undefined;
          if (wanted()) {
            start();
          }
        }, RELISTEN_DELAY_MS);
        relisten.unref();
      }
    };
    listening = db.listen(NOTIFY_CHANNEL, onNotify, onEnd).catch(() => {
      onEnd();
      return null;
    });
  };
  return {
    start,
    async close() {
      closed = true;
      clearTimeout(relisten);
      const stop = await listening;
      listening = null;
      await stop?.();
    },
  };
}

function createBus(db: Db): AppealBus {
  // Our own notifications come back through LISTEN: the origin tells them apart (they were delivered already).
  const origin = randomUUID();
  const listeners = new Set<Listener>();
  const outgoing = createNotifyQueue(db, origin);
  const onNotify = (payload: string) => {
    try {
      const message = JSON.parse(payload) as { o?: string; e?: AppealEvent[] };
      if (message.o !== origin && Array.isArray(message.e)) {
        deliver(listeners, message.e);
      }
    } catch {
      // not ours
    }
  };
  const incoming = createListenConnection(db, onNotify, () => listeners.size > 0);
  let closed = false;

  return {
    subscribe(listener) {
      listeners.add(listener);
      incoming.start();
      return () => void listeners.delete(listener);
    },
    publish(events) {
      if (events.length === 0) {
        return;
      }
      deliver(listeners, events);
      if (db.kind === 'postgres' && !closed) {
        outgoing.push(events);
      }
    },
    async close() {
      closed = true;
      await incoming.close();
    },
  };
}

// One bus per database handle: no module-level singleton shared between apps (tests run several).
const buses = new WeakMap<Db, AppealBus>();

export function busOf(ctx: Ctx): AppealBus {
  let bus = buses.get(ctx.db);
  if (!bus) {
    buses.set(ctx.db, (bus = createBus(ctx.db)));
  }
  return bus;
}

export const toEvent = (appeal: AppealSnapshot, action: AppealAction): AppealEvent => ({
  id: appeal.id,
  number: appeal.number,
  status: appeal.status,
  ownerId: appeal.ownerId,
  unitId: appeal.unitId,
  updatedAt: new Date(appeal.updatedAt).toISOString(),
  action,
});

/** Announces appeals; call only after the transaction that changed them has committed. */
export function publishAppealEvents(ctx: Ctx, appeals: readonly AppealSnapshot[], action: AppealAction): void {
  busOf(ctx).publish(appeals.map((a) => toEvent(a, action)));
}
