// Chromium for the browser tests (Debian's, driven by playwright-core): a page per user, waits that last as long as a
// busy machine needs, and what the browser said and showed when a step failed.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterEach, expect } from 'vitest';

const CHROMIUM = process.env.OTKLIK_CHROMIUM ?? '/usr/bin/chromium';

/** Where browser tests put their screenshots. */
export const SHOTS = 'test-results/ui';

/**
 * How long a step may wait for what the user would see. Waits end as soon as it is there; the deadline only has to
 * outlast a machine busy with other work (several test runs at once on two cores).
 */
export const UI_WAIT_MS = 60_000;
/** A test's own deadline: a few steps, each of which may wait long. */
export const UI_TEST_MS = 240_000;

/** Polls until the expectation holds, for as long as a step may wait. */
export const eventually = <Value>(read: () => Promise<Value> | Value) =>
  expect.poll(read, { timeout: UI_WAIT_MS, interval: 100 });

/** The value a step needs, or a failure that names what was missing. */
export function present<Value>(value: Value | null | undefined, what: string): Value {
  if (value === null || value === undefined) {
    throw new Error(`Expected ${what}, found none`);
  }
  return value;
}

/** The first group a pattern captures in a text, or a failure that names what was missing. */
export const captured = (text: string | null, pattern: RegExp, what: string): string =>
  present(present(text, what).match(pattern)?.[1], what);

export const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

export async function logIn(page: Page, url: string, who: { email: string; password: string }) {
  await page.goto(`${url}/`);
  await page.getByLabel('Эл. почта').fill(who.email);
  await page.getByLabel('Пароль').fill(who.password);
  await page.getByRole('button', { name: 'Войти' }).click();
}

/** After a failed step: what the browser said, and a screenshot of every open page, to read beside the error. */
async function recordFailure(testName: string, pages: Iterable<Page>, browserErrors: readonly string[]) {
  if (browserErrors.length) {
    console.error(`The browser reported:\n${browserErrors.join('\n')}`);
  }
  let index = 0;
  for (const page of pages) {
    const path = `${SHOTS}/failed-${testName.slice(0, 40).replace(/\W+/g, '-')}-${index++}.png`;
    await page.screenshot({ path, fullPage: true }).catch(() => {});
  }
}

/**
 * One Chromium for a test file. Call at the top of a describe block: after a failed test it records the open pages.
 * A missing browser is a failure, not a skip: these are the only tests of the web app.
 */
export function chromiumSession() {
  let browser: Browser | undefined;
  const pages = new Set<Page>();
  const browserErrors: string[] = [];

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') {
      await recordFailure(task.name, pages, browserErrors);
    }
  });

  return {
    async launch() {
      if (!existsSync(CHROMIUM)) {
        throw new Error(`Chromium not found at ${CHROMIUM} (set OTKLIK_CHROMIUM)`);
      }
      await mkdir(SHOTS, { recursive: true });
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox'] });
    },

    /** A page of its own (cookies apart) in Russian and Moscow time, as the users of the tests work. */
    async newPage(width = 1280): Promise<{ context: BrowserContext; page: Page }> {
      const context = await present(browser, 'a launched browser').newContext({
        viewport: { width, height: 800 },
        locale: 'ru-RU',
        timezoneId: 'Europe/Moscow',
      });
      const page = await context.newPage();
      page.setDefaultTimeout(UI_WAIT_MS);
      pages.add(page);
      page.on('console', (message) => {
        if (message.type() === 'error') {
          browserErrors.push(message.text());
        }
      });
      page.on('pageerror', (error) => browserErrors.push(`${error.message}\n${error.stack ?? ''}`));
      page.on('close', () => pages.delete(page));
      return { context, page };
    },

    close: () => browser?.close(),
  };
}
