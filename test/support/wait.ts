// Waiting on a condition instead of a fixed delay: a busy machine only makes the wait longer, never the test fail.

/** How long a test waits for something that should happen at once on a quiet machine. */
export const WAIT_DEADLINE_MS = 15_000;

/** Polls `probe` until it answers something other than undefined/false, and returns that; fails after the deadline. */
export async function waitFor<T>(
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  { deadlineMs = WAIT_DEADLINE_MS, everyMs = 10 } = {},
): Promise<T> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) {
      return value;
    }
    if (Date.now() > until) {
      throw new Error(`waited ${deadlineMs} ms for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
