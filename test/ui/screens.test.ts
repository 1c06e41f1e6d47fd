// Every screen, in Russian and in English, at 1280×800 and 1024×768: the page is never wider than the window (no
// horizontal scroll), axe-core finds no serious or critical accessibility violation, and a screenshot of each is
// saved in test-results/ui/screens/. Long values are seeded on purpose: a long subject, a long unit name, a long
// customer name, so that a column that does not cut them shows here.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumSession, logIn, SHOTS, UI_TEST_MS } from './browser.ts';
import { apiSession, ensureWebBuilt, startOtklik, type RunningServer } from './otklik-server.ts';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 1024, height: 768 },
];
const ENGLISH_ADMIN = { email: 'admin.en@otklik.test', password: 'admin-password-en', name: 'Alex English' };

interface Screen {
  name: string;
  path: () => string;
}

let server: RunningServer;
const ids = { appeal: '', customer: '' };
const session = chromiumSession();

/** The screens an administrator opens, each by its address (OTKLIK_SCREENS=dashboard,appeal checks only those). */
const ALL_SCREENS: Screen[] = [
  { name: 'queue-mine', path: () => '/queues/mine' },
  { name: 'queue-all', path: () => '/queues/all' },
  { name: 'appeal', path: () => `/appeals/${ids.appeal}` },
  { name: 'new-appeal', path: () => '/appeals/new' },
  { name: 'customers', path: () => '/customers' },
  { name: 'customer', path: () => `/customers/${ids.customer}` },
  { name: 'surveys', path: () => '/surveys' },
  { name: 'dashboard', path: () => '/dashboard' },
  { name: 'admin-units', path: () => '/admin/units' },
  { name: 'admin-users', path: () => '/admin/users' },
  { name: 'admin-categories', path: () => '/admin/categories' },
  { name: 'admin-sla', path: () => '/admin/sla' },
  { name: 'admin-mailboxes', path: () => '/admin/mailboxes' },
  { name: 'admin-templates', path: () => '/admin/templates' },
  { name: 'admin-tokens', path: () => '/admin/tokens' },
];
const ONLY = process.env.OTKLIK_SCREENS?.split(',');
const SCREENS = ONLY ? ALL_SCREENS.filter((screen) => ONLY.includes(screen.name)) : ALL_SCREENS;

async function seed(api: Awaited<ReturnType<typeof apiSession>>) {
  const unit = await api<{ id: string }>('POST', '/units', {
    type: 'service_centre',
    name: 'Сервисный центр «Электроника и бытовая техника» на Проспекте Независимости',
    code: 'MSQ-SC-01',
  });
  for (let index = 0; index < 12; index++) {
    const appeal = await api<{ id: string; customerId: string }>('POST', '/appeals', {
      kind: index % 3 === 0 ? 'incident' : 'question',
      channel: index % 2 ? 'email' : 'phone',
      unitId: unit.id,
      priority: index % 4 === 0 ? 'urgent' : 'normal',
      subject:
        'Холодильник привезли с вмятиной на дверце, курьер отказался оформить акт, прошу заменить или вернуть деньги ' +
        `№${index}`,
      description: 'Очень длинное описание происшествия. '.repeat(20),
      customer: {
        name: `Константинопольская-Пересветова Анастасия Вячеславовна ${index}`,
        email: `customer.${index}@example.ru`,
      },
    });
    ids.appeal = appeal.id;
    ids.customer = appeal.customerId;
  }
  await api('POST', '/users', { ...ENGLISH_ADMIN, role: 'admin', locale: 'en' });
}

/** Waits until the screen has drawn its data: no skeleton or busy region left. */
async function settled(page: Page) {
  await page.locator('main').first().waitFor();
  await page.waitForFunction(
    () => document.querySelectorAll('[aria-busy="true"], .mantine-Skeleton-root').length === 0,
  );
}

/** The page's width against the window's, and the innermost elements that reach past the window's edge. */
const pageWidth = (page: Page) =>
  page.evaluate(() => {
    const past = [...document.querySelectorAll('body *')].filter(
      (element) =>
        element.getBoundingClientRect().right > window.innerWidth + 1 &&
        ![...element.children].some((child) => child.getBoundingClientRect().right > window.innerWidth + 1),
    );
    const describe = (element: Element) => {
      const text = (element.textContent ?? '').trim().slice(0, 30);
      return `${element.tagName.toLowerCase()} "${text}" to ${Math.round(element.getBoundingClientRect().right)}`;
    };
    return {
      page: document.documentElement.scrollWidth,
      window: window.innerWidth,
      past: past.slice(0, 3).map(describe),
    };
  });

/** axe-core's serious and critical findings on the page, one line each. */
async function accessibilityProblems(page: Page): Promise<string[]> {
  // Evaluated through the debugging protocol, not a <script>, so the page's Content-Security-Policy allows it.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run()).violations;
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => {
      const [first] = violation.nodes;
      const where = violation.nodes.slice(0, 3).map((node) => node.target.join(' '));
      const why = first?.failureSummary?.split('\n').slice(1).join(' ').trim() ?? '';
      return `${violation.id} on ${violation.nodes.length} (${where.join(' | ')}): ${why}`;
    });
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

beforeAll(async () => {
  ensureWebBuilt();
  server = await startOtklik();
  await seed(await apiSession(server.url, server.admin.email, server.admin.password));
  await session.launch();
}, UI_TEST_MS);

afterAll(async () => {
  await session.close();
  await server?.stop();
});

describe.each([
  { language: 'ru', who: () => server.admin },
  { language: 'en', who: () => ENGLISH_ADMIN },
])('every screen in $language', ({ language, who }) => {
  it(
    'fits 1280×800 and 1024×768 with no horizontal scroll, with no serious accessibility problem',
    async () => {
      const { page, context } = await session.newPage();
      await logIn(page, server.url, who());
      await page.getByRole('navigation').first().waitFor();
      const tooWide: string[] = [];
      const problems: string[] = [];
      for (const viewport of VIEWPORTS) {
        await page.setViewportSize(viewport);
        for (const screen of SCREENS) {
          await page.goto(`${server.url}${screen.path()}`);
          await settled(page);
          const width = await pageWidth(page);
          if (width.page > width.window) {
            tooWide.push(`${screen.name} at ${viewport.width}: ${width.page} px (${width.past.join('; ')})`);
          }
          await page.screenshot({ path: `${SHOTS}/screens/${screen.name}-${language}-${viewport.width}.png` });
          if (viewport.width === 1280) {
            problems.push(...(await accessibilityProblems(page)).map((problem) => `${screen.name}: ${problem}`));
          }
        }
      }
      await context.close();
      expect({ tooWide, problems }).toEqual({ tooWide: [], problems: [] });
    },
    UI_TEST_MS * 2,
  );
});
