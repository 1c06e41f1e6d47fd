import { describe, expect, it } from 'vitest';
import { WriteBatcher } from './write-batcher.ts';

/** A writer that records its batches and answers each item doubled, or fails batches holding a bad item. */
function recorder(options = { maxInFlight: 1, maxBatch: 100 }, bad: (n: number) => boolean = () => false) {
  const batches: number[][] = [];
  const gates: (() => void)[] = [];
  let held = false;
  const batcher = new WriteBatcher<number, number>(async (items) => {
    batches.push(items);
    if (held) {
      await new Promise<void>((resolve) => gates.push(resolve));
    }
    if (items.some(bad)) {
      throw new Error(`bad item in ${items.join(',')}`);
    }
    return items.map((n) => n * 2);
  }, options);
  return {
    batcher,
    batches,
    hold: () => void (held = true),
    release: () => {
      held = false;
      gates.splice(0).forEach((open) => open());
    },
  };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('WriteBatcher', () => {
  it('writes a lone item alone and answers it', async () => {
    const { batcher, batches } = recorder();
    await expect(batcher.write(7)).resolves.toBe(14);
    expect(batches).toEqual([[7]]);
  });

  it('writes the items of one turn of the event loop as one batch, answering each in its order', async () => {
    const { batcher, batches } = recorder();
    await expect(Promise.all([1, 2, 3, 4].map((n) => batcher.write(n)))).resolves.toEqual([2, 4, 6, 8]);
    expect(batches).toEqual([[1, 2, 3, 4]]);
  });

  it('queues items while the allowed batches are in flight and writes the queue as the next batch', async () => {
    const { batcher, batches, hold, release } = recorder({ maxInFlight: 2, maxBatch: 100 });
    hold();
    const first = batcher.write(1);
    await turn();
    const second = batcher.write(2);
    await turn();
    const rest = [3, 4, 5].map((n) => batcher.write(n));
    await turn();
    expect(batches).toEqual([[1], [2]]);
    release();
    await expect(Promise.all([first, second, ...rest])).resolves.toEqual([2, 4, 6, 8, 10]);
    expect(batches).toEqual([[1], [2], [3, 4, 5]]);
  });

  it('never puts more than maxBatch items in a batch', async () => {
    const { batcher, batches } = recorder({ maxInFlight: 1, maxBatch: 3 });
    await Promise.all([1, 2, 3, 4, 5, 6, 7].map((n) => batcher.write(n)));
    expect(batches).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
  });

  it('writes a failed batch again item by item, so only the bad item fails', async () => {
    const { batcher, batches } = recorder(undefined, (n) => n === 3);
    const results = await Promise.allSettled([1, 2, 3, 4].map((n) => batcher.write(n)));
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : 'failed'))).toEqual([2, 4, 'failed', 8]);
    expect((results[2] as PromiseRejectedResult).reason.message).toBe('bad item in 3');
    expect(batches).toEqual([[1, 2, 3, 4], [1], [2], [3], [4]]);
  });

  it('does not write a failed lone item twice', async () => {
    const { batcher, batches } = recorder(undefined, () => true);
    await expect(batcher.write(5)).rejects.toThrow('bad item in 5');
    expect(batches).toEqual([[5]]);
  });

  it('goes on writing after a failure', async () => {
    const { batcher, batches } = recorder(undefined, (n) => n === 1);
    await expect(batcher.write(1)).rejects.toThrow();
    await expect(Promise.all([2, 3].map((n) => batcher.write(n)))).resolves.toEqual([4, 6]);
    expect(batches).toEqual([[1], [2, 3]]);
  });
});
