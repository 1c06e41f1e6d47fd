// Streams generated appeal batches into the database: pulled from one generator by one transaction, or by
// several side by side (a PostgreSQL server has cores to spare), with an undo when one of them fails.
import type { Db, Queryable } from '../../db/db.ts';
import type { DemoAppeal } from './model.ts';

export type WriteBatch = (tx: Queryable, batch: DemoAppeal[]) => Promise<void>;

/**
 * Writes batches pulled from a shared generator until it is exhausted or another lane failed. The database
 * writes one batch while the generator computes the next; several lanes share one generator.
 */
export async function pump(
  tx: Queryable,
  batches: Iterator<DemoAppeal[]>,
  write: WriteBatch,
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

export interface Lanes {
  count: number;
  batches: Iterator<DemoAppeal[]>;
  write: WriteBatch;
  /** Deletes what the lanes wrote, after one of them failed. */
  undo: (tx: Queryable) => Promise<void>;
}

/** Several transactions write the appeals side by side; if one fails, `undo` deletes what the others wrote. */
export async function loadInLanes(db: Db, lanes: Lanes): Promise<void> {
  const stop = { failed: false };
  const results = await Promise.allSettled(
    Array.from({ length: lanes.count }, () =>
      db.transaction((tx) =>
        pump(tx, lanes.batches, lanes.write, stop).catch((err: unknown) => {
          stop.failed = true;
          throw err;
        }),
      ),
    ),
  );
  const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure) {
    await db.transaction(lanes.undo);
    throw failure.reason;
  }
}
