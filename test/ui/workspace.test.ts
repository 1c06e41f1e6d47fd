// The agent workspace in a real browser (Debian's chromium driven by playwright-core) against a real Otklik
// server on an empty database: the phone call, the store's submission, the queue, the language.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captured, chromiumSession, eventually, logIn, shot, UI_TEST_MS } from './browser.ts';
import { apiSession, ensureWebBuilt, startOtklik, type RunningServer } from './otklik-server.ts';

const AGENT = { email: 'agent@otklik.test', password: 'agent-password-1', name: 'Анна Операторова' };
const STORE = { email: 'store@otklik.test', password: 'store-password-1', name: 'Пётр Магазинов' };

let server: RunningServer;
let agentContext: BrowserContext;
let agent: Page;
let submittedNumber: number;
let admin: Awaited<ReturnType<typeof apiSession>>;

/** Waits until the page's live-update stream is open, so that a change made now reaches it. */
const liveUpdatesOpen = (page: Page) =>
  page.waitForResponse((response) => response.url().endsWith('/api/v1/events') && response.status() === 200);

describe('the agent workspace in Chromium', { timeout: UI_TEST_MS }, () => {
  const chromium = chromiumSession();

  beforeAll(async () => {
    await chromium.launch();
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
    ({ context: agentContext, page: agent } = await chromium.newPage());
  }, 240_000);

  afterAll(async () => {
    await chromium.close();
    await server?.stop();
  });

  it('serves the app with long-cached assets and an uncached index for deep links', async () => {
    const deep = await fetch(`${server.url}/appeals/not-a-real-path`);
    expect(deep.status).toBe(200);
    expect(deep.headers.get('cache-control')).toBe('no-cache');
    const html = await deep.text();
    const asset = captured(html, /src="(\/assets\/[^"]+\.js)"/, 'a script in the page');
    const js = await fetch(`${server.url}${asset}`);
    expect(js.headers.get('cache-control')).toContain('immutable');
    const api = await fetch(`${server.url}/api/no-such-thing`);
    expect(api.status).toBe(404);
    expect((await api.json()).error.code).toBe('not_found');
  });

  it('shows a wrong password on the login form, then logs in to an empty queue', async () => {
    await logIn(agent, server.url, { email: AGENT.email, password: 'not-the-password' });
    await eventually(() => agent.getByTestId('login-error').textContent()).toContain('Неверная почта или пароль');
    await shot(agent, '01-login-error');
    await agent.getByLabel('Пароль').fill(AGENT.password);
    await agent.getByRole('button', { name: 'Войти' }).click();
    await agent.waitForURL(/\/queues\/mine/);
    await eventually(() => agent.getByTestId('user-name').textContent()).toBe(AGENT.name);
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
    await eventually(() => agent.getByLabel('Телефон').inputValue()).toBe('+7 915 555-12-34');
    await shot(agent, '03-new-appeal');
    await agent.getByRole('button', { name: 'Создать обращение' }).click();
    await agent.waitForURL(/\/appeals\/[0-9a-f-]{36}$/);
    await eventually(() => agent.getByTestId('appeal-title').textContent()).toContain('Не работает доставка в Химки');
    await eventually(() => agent.getByTestId('customer-panel').textContent()).toContain('Мария Звонарёва');

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
    const { context, page: store } = await chromium.newPage();
    await logIn(store, server.url, STORE);
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
    submittedNumber = Number(captured(done, /№ (\d+)/, "the submitted appeal's number"));
    expect(submittedNumber).toBeGreaterThan(0);
    await shot(store, '06-submission-done');
    await context.close();
  });

  it("shows the store's appeal in CS's queue, opens it from the keyboard and changes its status", async () => {
    await agent.goto(`${server.url}/queues/all`);
    const row = agent.locator(`[data-appeal-number="${submittedNumber}"]`);
    await row.waitFor();
    await eventually(() => row.textContent()).toContain('Магазин на Тверской');
    await shot(agent, '07-queue-all');

    // The newest appeal is first: j then k comes back to it, Enter opens it.
    await agent.keyboard.press('j');
    await agent.keyboard.press('k');
    await agent.keyboard.press('Enter');
    await eventually(() => agent.getByTestId('appeal-title').textContent()).toContain(`№ ${submittedNumber}`);

    await agent.getByTestId('status-select').click();
    await agent.getByRole('option', { name: 'В работе' }).click();
    await eventually(() => agent.getByTestId('status-badge').first().textContent()).toBe('В работе');
    await agent.getByRole('button', { name: 'Взять себе' }).click();
    await agent.getByRole('button', { name: 'Взять себе' }).waitFor({ state: 'detached' });
    await eventually(() => agent.getByTestId('props-panel').textContent()).toContain(AGENT.name);
    await agent.getByRole('tab', { name: 'История' }).click();
    await agent.getByTestId('history').getByText('Новое → В работе').waitFor();
    await shot(agent, '08-appeal-status-history');
  });

  it('shows an appeal created elsewhere in an open queue without a reload (live updates)', async () => {
    // Loading the page opens a new stream; a change made before it is open would never be sent to this page.
    const streamOpen = liveUpdatesOpen(agent);
    await agent.goto(`${server.url}/queues/all`);
    await agent.locator(`[data-appeal-number="${submittedNumber}"]`).waitFor();
    await streamOpen;
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
    await eventually(() => agent.locator(`[data-appeal-number="${submittedNumber}"]`).count()).toBe(0);
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
    await eventually(() => agent.locator(`[data-appeal-number="${submittedNumber}"]`).count()).toBe(0);
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
