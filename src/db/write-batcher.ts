// Natural batching of concurrent writes. A write waits for the end of the event loop's turn, so the requests read
// together are written together; while the allowed number of batches is in flight, the next callers queue, and
// when one ends, everything queued goes as the next batch. A lone caller waits for nothing but that turn; under
// load the round trips, statement start-ups and commits are shared. (PGlite runs each statement synchronously on
// this thread, so without the wait for the turn's end no two requests would ever meet.) A failed batch (one
// statement: nothing of it was written) is tried again item by item, so a bad item fails alone.

export interface WriteBatcherOptions {
  /** Batches written at once (each takes a connection). */
  maxInFlight: number;
  /** Items per batch at most. */
  maxBatch: number;
}

interface Waiting<I, O> {
  item: I;
  resolve: (out: O) => void;
  reject: (err: unknown) => void;
}

export class WriteBatcher<I, O> {
  readonly #queue: Waiting<I, O>[] = [];
  #inFlight = 0;
  #scheduled = false;

  /** `writeMany` writes the items atomically and answers in their order. */
  constructor(
    private readonly writeMany: (items: I[]) => Promise<O[]>,
    private readonly options: WriteBatcherOptions,
  ) {}

  write(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.#queue.push({ item, resolve, reject });
      if (this.#scheduled) {
        return;
      }
      this.#scheduled = true;
      setImmediate(() => {
        this.#scheduled = false;
        if (this.#inFlight < this.options.maxInFlight && this.#queue.length > 0) {
          this.#flush();
        }
      });
    });
  }

  #flush(): void {
    const batch = this.#queue.splice(0, this.options.maxBatch);
    this.#inFlight++;
    void this.#run(batch).finally(() => {
      this.#inFlight--;
      if (this.#queue.length > 0) {
        this.#flush();
      }
    });
  }

  async #run(batch: Waiting<I, O>[]): Promise<void> {
    try {
      const out = await this.writeMany(batch.map((waiting) => waiting.item));
      batch.forEach((waiting, index) => waiting.resolve(out[index]!));
    } catch (err) {
      const [only] = batch;
      if (only && batch.length === 1) {
        return only.reject(err);
      }
      // One bad item fails the shared statement: each item goes again alone, so only that one fails.
      const alone = (waiting: Waiting<I, O>) =>
        this.writeMany([waiting.item]).then((out) => waiting.resolve(out[0]!), waiting.reject);
      await Promise.all(batch.map(alone));
    }
  }
}
