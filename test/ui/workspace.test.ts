// The agent workspace in a real browser (Debian's chromium driven by playwright-core) against a real Otklik
// server on an empty database: the phone call, the store's submission, the queue, the language.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiSession, ensureWebBuilt, recordFailure, SHOTS, startOtklik, type RunningServer } from './otklik-server.ts';

const CHROMIUM = process.env.OTKLIK_CHROMIUM ?? '/usr/bin/chromium';
const AGENT = { email: 'agent@otklik.test', password: 'agent-password-1', name: 'Анна Операторова' };
const STORE = { email: 'store@otklik.test', password: 'store-password-1', name: 'Пётр Магазинов' };

let server: RunningServer;
let browser: Browser;
let agentContext: BrowserContext;
let agent: Page;
let submittedNumber: number;
let admin: Awaited<ReturnType<typeof apiSession>>;
const openPages = new Set<Page>();
const browserErrors: string[] = [];

async function logIn(page: Page, who: { email: string; password: string }) {
  await page.goto(`${server.url}/`);
  await page.getByLabel('Эл. почта').fill(who.email);
  await page.getByLabel('Пароль').fill(who.password);
  await page.getByRole('button', { name: 'Войти' }).click();
}

const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'ru-RU',
    timezoneId: 'Europe/Moscow',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  openPages.add(page);
  page.on('console', (m) => {
    if (m.type() === 'error') {
      browserErrors.push(m.text());
    }
  });
  page.on('pageerror', (e) => browserErrors.push(`${e.message}\n${e.stack ?? ''}`));
  page.on('close', () => openPages.delete(page));
  return { context, page };
}

describe('the agent workspace in Chromium', () => {
  beforeAll(async () => {
    // A missing browser is a failure, not a skip: this is the only test of the web app.
    if (!existsSync(CHROMIUM)) {
      throw new Error(`Chromium not found at ${CHROMIUM} (set OTKLIK_CHROMIUM)`);
    }
    await mkdir(SHOTS, { recursive: true });
    ensureWebBuilt();
    server = await startOtklik();
    admin = await apiSession(server.url, server.admin.email, server.admin.password);
    const unit = await admin<{ id: string }>('POST', '/units', {
      type: 'store',
      name: 'Магазин на Тверской',
      code: 'MSK-01',
    });
    await admin('POST', '/users', { ...AGENT, role: 'agent', locale: 'ru' });
    await admin('POST', '/users', { ...STORE, role: 'unit_responsible', locale: 'ru', unitIds: [unit.id] });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox'] });
    ({ context: agentContext, page: agent } = await newPage());
  }, 240_000);

  // What the browser showed when a step failed, to read beside the error.
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') {
      await recordFailure(task.name, openPages, browserErrors);
    }
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('serves the app with long-cached assets and an uncached index for deep links', async () => {
    const deep = await fetch(`${server.url}/appeals/not-a-real-path`);
    expect(deep.status).toBe(200);
    expect(deep.headers.get('cache-control')).toBe('no-cache');
    const html = await deep.text();
    const asset = html.match(/src="(\/assets\/[^"]+\.js)"/)![1]!;
    const js = await fetch(`${server.url}${asset}`);
    expect(js.headers.get('cache-control')).toContain('immutable');
    const api = await fetch(`${server.url}/api/no-such-thing`);
    expect(api.status).toBe(404);
    expect((await api.json()).error.code).toBe('not_found');
  });

  it('shows a wrong password on the login form, then logs in to an empty queue', async () => {
    await logIn(agent, { email: AGENT.email, password: 'not-the-password' });
    await expect.poll(() => agent.getByTestId('login-error').textContent()).toContain('Неверная почта или пароль');
    await shot(agent, '01-login-error');
    await agent.getByLabel('Пароль').fill(AGENT.password);
    await agent.getByRole('button', { name: 'Войти' }).click();
    await agent.waitForURL(/\/queues\/mine/);
    await expect.poll(() => agent.getByTestId('user-name').textContent()).toBe(AGENT.name);
    await agent.getByTestId('empty-state').waitFor();
    await shot(agent, '02-empty-queue');
  });

  it('writes down a phone call from a new customer, replies and leaves a note', async () => {
    await agent.getByRole('link', { name: 'Новое обращение' }).first().click();
    await agent.getByLabel('Тема').fill('Не работает доставка в Химки');
    await agent.getByLabel('Описание').fill('Клиент звонит третий раз: заказ 4411 не доставлен в срок.');
    await agent.getByTestId('customer-search').fill('+7 915 555-12-34');
    await agent.getByText('Клиент не найден').waitFor();
    await agent.getByRole('button', { name: 'Новый клиент' }).click();
    await agent.getByLabel('ФИО клиента').fill('Мария Звонарёва');
    await expect.poll(() => agent.getByLabel('Телефон').inputValue()).toBe('+7 915 555-12-34');
    await shot(agent, '03-new-appeal');
    await agent.getByRole('button', { name: 'Создать обращение' }).click();
    await agent.waitForURL(/\/appeals\/[0-9a-f-]{36}$/);
    await expect.poll(() => agent.getByTestId('appeal-title').textContent()).toContain('Не работает доставка в Химки');
    await expect.poll(() => agent.getByTestId('customer-panel').textContent()).toContain('Мария Звонарёва');

    await agent
      .getByRole('textbox', { name: 'Ответ клиенту' })
      .fill('Мария, заказ передан курьеру, привезём сегодня до 18:00.');
    await agent.getByRole('button', { name: 'Отправить ответ' }).click();
    await agent.locator('[data-direction="outbound"]').getByText('привезём сегодня').waitFor();

    await agent.getByText('Заметка', { exact: true }).click();
    await agent.getByLabel('Заметка (видят только сотрудники)').fill('Проверить курьерскую службу Химок.');
    await agent.getByRole('button', { name: 'Добавить заметку' }).click();
    await agent.locator('[data-direction="note"]').getByText('курьерскую службу').waitFor();
    await shot(agent, '04-appeal-thread');
  });

  it('rejects a store submission without a sequence number under its field, then accepts the fixed one', async () => {
    const { context, page: store } = await newPage();
    await logIn(store, STORE);
    await store.waitForURL(/\/submit$/);
    await store.getByLabel('Тема').fill('Покупатель недоволен консультацией');
    await store
      .getByLabel('Комментарий')
      .fill('Продавец отказался объяснить условия акции, покупатель ушёл без покупки.');
    await store.getByLabel('ФИО клиента').fill('Иван Покупателев');
    await store.getByRole('button', { name: 'Передать в СКС' }).click();
    await store.getByTestId('submit-error').waitFor();
    await store.getByText('Укажите порядковый номер передачи').waitFor();
    await shot(store, '05-submission-rejected');

    await store.getByLabel('Порядковый номер').fill('2026-117');
    await store.getByRole('button', { name: 'Передать в СКС' }).click();
    const done = await store.getByTestId('submit-done').textContent();
    submittedNumber = Number(done!.match(/№ (\d+)/)![1]);
    expect(submittedNumber).toBeGreaterThan(0);
    await shot(store, '06-submission-done');
    await context.close();
  });

  it("shows the store's appeal in CS's queue, opens it from the keyboard and changes its status", async () => {
    await agent.goto(`${server.url}/queues/all`);
    const row = agent.locator(`[data-appeal-number="${submittedNumber}"]`);
    await row.waitFor();
    await expect.poll(() => row.textContent()).toContain('Магазин на Тверской');
    await shot(agent, '07-queue-all');

    // The newest appeal is first: j then k comes back to it, Enter opens it.
    await agent.keyboard.press('j');
    await agent.keyboard.press('k');
    await agent.keyboard.press('Enter');
    await expect.poll(() => agent.getByTestId('appeal-title').textContent()).toContain(`№ ${submittedNumber}`);

    await agent.getByTestId('status-select').click();
    await agent.getByRole('option', { name: 'В работе' }).click();
    await expect.poll(() => agent.getByTestId('status-badge').first().textContent()).toBe('В работе');
    await agent.getByRole('button', { name: 'Взять себе' }).click();
    await agent.getByRole('button', { name: 'Взять себе' }).waitFor({ state: 'detached' });
    await expect.poll(() => agent.getByTestId('props-panel').textContent()).toContain(AGENT.name);
    await agent.getByRole('tab', { name: 'История' }).click();
    await agent.getByTestId('history').getByText('Новое → В работе').waitFor();
    await shot(agent, '08-appeal-status-history');
  });

  it('shows an appeal created elsewhere in an open queue without a reload (live updates)', async () => {
    await agent.goto(`${server.url}/queues/all`);
    await agent.locator(`[data-appeal-number="${submittedNumber}"]`).waitFor();
    await admin('POST', '/appeals', {
      kind: 'thanks',
      channel: 'email',
      subject: 'Спасибо за быструю доставку',
      customer: { email: 'happy@example.com' },
    });
    await agent.getByText('Спасибо за быструю доставку').waitFor();

    // The agent took the store's appeal: it leaves the unassigned queue and joins theirs.
    await agent.getByRole('link', { name: 'Без исполнителя' }).click();
    await agent.getByRole('heading', { name: 'Без исполнителя' }).waitFor();
    await agent.getByText('Спасибо за быструю доставку').waitFor();
    await expect.poll(() => agent.locator(`[data-appeal-number="${submittedNumber}"]`).count()).toBe(0);
    await agent.getByRole('link', { name: 'Мои открытые' }).click();
    await agent.locator(`[data-appeal-number="${submittedNumber}"]`).waitFor();
  });

  it('saves a filtered queue and opens it again from the navigation', async () => {
    await agent.goto(`${server.url}/queues/all?kind=thanks`);
    await agent.getByText('Спасибо за быструю доставку').waitFor();
    await agent.getByRole('button', { name: 'Сохранить фильтр' }).click();
    await agent.getByLabel('Название').fill('Благодарности');
    await agent.getByRole('button', { name: 'Сохранить', exact: true }).click();
    const saved = agent.getByTestId('saved-view').getByRole('link', { name: 'Благодарности' });
    await saved.waitFor();
    await agent.getByRole('link', { name: 'Мои открытые' }).click();
    await agent.locator(`[data-appeal-number="${submittedNumber}"]`).waitFor();
    await saved.click();
    await agent.getByText('Спасибо за быструю доставку').waitFor();
    // Only thanks: the store's incident is not in this view.
    await expect.poll(() => agent.locator(`[data-appeal-number="${submittedNumber}"]`).count()).toBe(0);
    await shot(agent, '09a-saved-view');
  });

  it('switches to English, keeps it after a reload, and switches back', async () => {
    await agent.getByText('EN', { exact: true }).click();
    await agent.getByRole('button', { name: 'Log out' }).waitFor();
    await agent.reload();
    await agent.getByRole('button', { name: 'Log out' }).waitFor();
    await agent.goto(`${server.url}/queues/all`);
    await agent.getByRole('heading', { name: 'All appeals' }).waitFor();
    await shot(agent, '09-queue-english');
    await agent.getByText('RU', { exact: true }).click();
    await agent.getByRole('button', { name: 'Выйти' }).waitFor();
  });

  it('fits a tablet: the menu folds behind a button and the queue stays usable', async () => {
    await agent.setViewportSize({ width: 768, height: 1024 });
    await agent.goto(`${server.url}/queues/all`);
    await agent.locator(`[data-appeal-number="${submittedNumber}"]`).waitFor();
    await agent.getByRole('button', { name: 'Показать или скрыть меню' }).waitFor();
    await shot(agent, '10-queue-tablet');
    await agentContext.close();
  });
});
