// A clock for tests: it follows the wall clock until a test holds it at an instant, then moves only when told.
import type { Clock } from '../../src/context.ts';

export interface TestClock extends Clock {
  /** Holds the clock at this instant (now, if none is given). */
  freeze(at?: Date | string): Date;
  /** Moves a held clock on by this many milliseconds. */
  advance(ms: number): Date;
  /** Lets the clock follow the wall clock again. */
  release(): void;
}

export function createTestClock(): TestClock {
  let held: Date | null = null;
  return {
    now: () => (held ? new Date(held) : new Date()),
    freeze(at) {
      held = at === undefined ? new Date() : new Date(at);
      return new Date(held);
    },
    advance(ms) {
      if (!held) {
        throw new Error('advance() needs a frozen clock');
      }
      held = new Date(held.getTime() + ms);
      return new Date(held);
    },
    release() {
      held = null;
    },
  };
}
