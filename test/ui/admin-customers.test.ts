// Customers and administration in a real browser (Debian's chromium driven by playwright-core) against a real
// Otklik server on an empty database: search, edit with a refused e-mail, merge after a preview; units, users,
// categories, a mailbox, a mail template, API tokens; and what an agent may not open.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumSession, eventually, logIn, present, shot, UI_TEST_MS } from './browser.ts';
import { apiSession, ensureWebBuilt, startOtklik, type RunningServer } from './otklik-server.ts';

const AGENT = { email: 'agent2@otklik.test', password: 'agent-password-2', name: 'Вера Операторова' };

let server: RunningServer;
let admin: Page;
let phoneCustomerId: string;
let emailCustomerId: string;
let anonymousAppealId: string;
const appealNumbers: number[] = [];

/** An input by its exact label; a required one's label ends in " *". */
const field = (scope: Page | Locator, label: string) =>
  scope.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`));

/** Picks an option of a Mantine Select or MultiSelect by its label. */
async function choose(page: Page, label: string, option: string) {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** One person known twice (by phone from a call, by e-mail from a letter), and a caller who gave no name. */
async function seedCustomers(api: Awaited<ReturnType<typeof apiSession>>) {
  const call = await api<{ number: number; customerId: string }>('POST', '/appeals', {
    kind: 'incident',
    channel: 'phone',
    subject: 'Не привезли холодильник',
    customer: { name: 'Ольга Дубликатова', phone: '+7 916 111-22-33' },
  });
  const mail = await api<{ number: number; customerId: string }>('POST', '/appeals', {
    kind: 'thanks',
    channel: 'email',
    subject: 'Спасибо курьеру',
    customer: { name: 'Ольга Дубликатова', email: 'olga@example.ru' },
  });
  const anonymous = await api<{ id: string }>('POST', '/appeals', {
    kind: 'question',
    channel: 'phone',
    subject: 'Звонок без представления',
    customer: {},
  });
  anonymousAppealId = anonymous.id;
  phoneCustomerId = call.customerId;
  emailCustomerId = mail.customerId;
  appealNumbers.push(call.number, mail.number);
}

describe('customers and administration in Chromium', { timeout: UI_TEST_MS }, () => {
  const chromium = chromiumSession();

  /** A page of its own, logged in as this user. */
  async function newPage(who: { email: string; password: string }, width = 1280): Promise<Page> {
    const { page } = await chromium.newPage(width);
    await logIn(page, server.url, who);
    await page.waitForURL(/\/queues\//);
    return page;
  }

  beforeAll(async () => {
    await chromium.launch();
    ensureWebBuilt();
    server = await startOtklik();
    const api = await apiSession(server.url, server.admin.email, server.admin.password);
    await api('POST', '/units', { type: 'store', name: 'Магазин на Тверской', code: 'MSK-01' });
    await api('POST', '/users', { ...AGENT, role: 'agent', locale: 'ru' });
    await seedCustomers(api);
    admin = await newPage(server.admin);
  }, 240_000);

  afterAll(async () => {
    await chromium.close();
    await server?.stop();
  });

  it('names the customer in the queue from the list itself, one request for the page', async () => {
    const customerRequests: string[] = [];
    admin.on('request', (request) => {
      if (/\/api\/v1\/customers\//.test(request.url())) {
        customerRequests.push(request.url());
      }
    });
    await admin.goto(`${server.url}/queues/all`);
    const row = admin.locator(`[data-appeal-number="${appealNumbers[0]}"]`);
    await row.waitFor();
    await eventually(() => row.textContent()).toContain('Ольга Дубликатова');
    expect(customerRequests).toEqual([]);
  });

  it('finds both records of one customer by name', async () => {
    await admin.getByRole('link', { name: 'Клиенты' }).click();
    await admin.getByTestId('customers-search').fill('Дубликатова');
    await eventually(() => admin.getByTestId('customers-table').locator('tbody tr').count()).toBe(2);
    await shot(admin, '21-customers-search');
  });

  it('refuses a bad e-mail under its field, then saves a fixed profile', async () => {
    await admin.goto(`${server.url}/customers/${phoneCustomerId}`);
    await eventually(() => admin.getByTestId('customer-title').textContent()).toBe('Ольга Дубликатова');
    await admin.getByRole('button', { name: 'Изменить' }).click();
    const form = admin.getByTestId('customer-edit');
    await field(form, 'Эл. почта').fill('olga@@example');
    await field(form, 'Эл. почта').press('Enter');
    await form.getByRole('button', { name: 'Сохранить' }).click();
    await form.getByText('Это не адрес эл. почты').waitFor();
    await shot(admin, '22-customer-edit-error');

    await form.getByRole('button', { name: 'Отмена' }).click();
    await admin.getByRole('button', { name: 'Изменить' }).click();
    await admin.getByTestId('customer-edit').getByLabel('Компания', { exact: true }).fill('ООО «Дубль»');
    await admin.getByTestId('customer-edit').getByRole('button', { name: 'Сохранить' }).click();
    await eventually(() => admin.getByTestId('customer-details').textContent()).toContain('ООО «Дубль»');
  });

  it('merges the two records after showing what moves, and the survivor has both appeals', async () => {
    await admin.getByRole('button', { name: 'Объединить…' }).click();
    await admin.getByTestId('customer-picker-search').fill('olga@example');
    await admin.getByRole('radio', { name: /olga@example\.ru/ }).check();
    const preview = admin.getByTestId('merge-preview');
    await eventually(() => preview.textContent()).toContain('1 обращение');
    expect(await preview.textContent()).toContain('olga@example.ru — перейдёт');
    await shot(admin, '23-merge-preview');
    await admin.getByRole('button', { name: 'Объединить', exact: true }).click();

    // This record stayed: it now holds the letter's appeal and e-mail too.
    await admin.waitForURL(new RegExp(`/customers/${phoneCustomerId}$`));
    const appeals = admin.getByTestId('customer-appeals');
    await appeals.locator(`[data-appeal-number="${appealNumbers[0]}"]`).waitFor();
    await appeals.locator(`[data-appeal-number="${appealNumbers[1]}"]`).waitFor();
    await eventually(() => admin.getByTestId('customer-details').textContent()).toContain('olga@example.ru');
    await shot(admin, '24-merged-survivor');

    await admin.goto(`${server.url}/customers/${emailCustomerId}`);
    await admin.getByTestId('merged-notice').waitFor();
    await admin.getByRole('link', { name: 'Открыть основную карточку' }).click();
    await admin.waitForURL(new RegExp(`/customers/${phoneCustomerId}$`));
  });

  it('links the known customer to an appeal taken from an anonymous caller', async () => {
    await admin.goto(`${server.url}/appeals/${anonymousAppealId}`);
    const panel = admin.getByTestId('customer-panel');
    // The caller gave no name or contacts: the appeal got a blank customer of its own.
    await eventually(() => panel.textContent()).toContain('Без имени');
    await admin.getByTestId('link-customer').click();
    await admin.getByTestId('customer-picker-search').fill('Дубликатова');
    await admin.getByRole('radio', { name: /Ольга Дубликатова/ }).check();
    await admin.getByRole('dialog').getByRole('button', { name: 'Привязать' }).click();
    await eventually(() => panel.textContent()).toContain('Ольга Дубликатова');
    await shot(admin, '24b-appeal-linked-customer');
  });

  it('creates a unit under another one and shows it in the tree', async () => {
    await admin.getByRole('link', { name: 'Настройки' }).click();
    await admin.waitForURL(/\/admin\/units$/);
    await admin.getByRole('button', { name: 'Новое подразделение' }).click();
    const dialog = admin.getByRole('dialog');
    await choose(admin, 'Тип', 'Сервисный центр');
    await field(dialog, 'Название').fill('СЦ на Тверской');
    await field(dialog, 'Код').fill('SC-01');
    await choose(admin, 'Входит в', 'Магазин на Тверской');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await dialog.waitFor({ state: 'detached' });
    const rows = admin.getByTestId('units-table').locator('tbody tr');
    await eventually(() => rows.allTextContents()).toEqual([
      expect.stringContaining('Магазин на Тверской'),
      expect.stringContaining('└ СЦ на Тверской'),
    ]);
    await shot(admin, '25-admin-units');
  });

  it('creates a user with a role and a unit', async () => {
    await admin.getByRole('tab', { name: 'Пользователи' }).click();
    await admin.getByRole('button', { name: 'Новый пользователь' }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel('Эл. почта (логин)').fill('boris@otklik.test');
    await field(dialog, 'Имя').fill('Борис Супервайзеров');
    await choose(admin, 'Роль', 'Супервайзер');
    await choose(admin, 'Подразделения', 'Магазин на Тверской');
    await field(dialog, 'Пароль').fill('boris-password-1');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await dialog.waitFor({ state: 'detached' });
    await eventually(() => admin.getByTestId('users-table').textContent()).toContain('Борис Супервайзеров');
  });

  it('adds a category to the incident taxonomy', async () => {
    await admin.getByRole('tab', { name: 'Категории' }).click();
    await admin.getByRole('button', { name: 'Новая категория' }).click();
    const dialog = admin.getByRole('dialog');
    await field(dialog, 'Код').fill('delivery.late_fridge');
    await dialog.getByLabel('Название по-русски').fill('Опоздала доставка техники');
    await dialog.getByLabel('Название по-английски').fill('Late appliance delivery');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await dialog.waitFor({ state: 'detached' });
    await eventually(() => admin.getByTestId('categories-table').textContent()).toContain('Опоздала доставка техники');
    await shot(admin, '26-admin-categories');
  });

  it('adds a working calendar and an SLA policy', async () => {
    await admin.getByRole('tab', { name: 'Календари и SLA' }).click();
    await admin.getByRole('button', { name: 'Новый календарь' }).click();
    let dialog = admin.getByRole('dialog');
    await field(dialog, 'Название').fill('График СЦ');
    await field(dialog, 'Суббота').fill('10:00-16:00');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await dialog.waitFor({ state: 'detached' });
    const card = admin.getByTestId('calendar-card').filter({ hasText: 'График СЦ' });
    await eventually(() => card.textContent()).toContain('Суббота10:00–16:00');
    await shot(admin, '27a-admin-calendars');

    await admin.getByRole('tab', { name: 'Политики SLA' }).click();
    await admin.getByRole('button', { name: 'Новая политика' }).click();
    dialog = admin.getByRole('dialog');
    await field(dialog, 'Название').fill('Жалобы из магазинов');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await dialog.waitFor({ state: 'detached' });
    await eventually(() => admin.getByTestId('policies-table').textContent()).toContain('Жалобы из магазинов');
  });

  it('refuses a mailbox with a bad address under the field, then creates it', async () => {
    await admin.getByRole('tab', { name: 'Почтовые ящики' }).click();
    await admin.getByTestId('empty-state').waitFor();
    await admin.getByRole('button', { name: 'Новый ящик' }).click();
    const dialog = admin.getByRole('dialog');
    await field(dialog, 'Название').fill('Поддержка');
    await field(dialog, 'Адрес').fill('support-at-otklik.test');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await dialog.getByText('Это не адрес эл. почты').waitFor();
    await dialog.getByTestId('save-error').waitFor();
    await shot(admin, '27b-mailbox-error');
    await field(dialog, 'Адрес').fill('support@otklik.test');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await dialog.waitFor({ state: 'detached' });
    await admin.locator('[data-mailbox="support@otklik.test"]').waitFor();
  });

  it('shows the 422 for an unknown variable in a mail template', async () => {
    await admin.getByRole('tab', { name: 'Шаблоны писем' }).click();
    await admin.getByTestId('template-variables').getByText('{{customer.firstName}}').waitFor();
    const body = field(admin, 'Текст');
    await body.fill('Здравствуйте, {{customer.middleName}}!\n\n{{body}}');
    await admin.getByRole('button', { name: 'Сохранить' }).click();
    await admin.getByText('{{customer.middleName}} — нет такой переменной в этом шаблоне').waitFor();
    await shot(admin, '28-template-422');
  });

  it('creates an API token, shows its secret once, and revokes it', async () => {
    await admin.getByRole('tab', { name: 'API-токены' }).click();
    await field(admin, 'Название').fill('Выгрузка в 1С');
    await admin.getByRole('button', { name: 'Создать токен' }).click();
    const secret = present(await admin.getByTestId('token-value').textContent(), 'the new secret');
    expect(secret.length).toBeGreaterThan(20);
    const row = admin.locator('[data-token-name="Выгрузка в 1С"]');
    await eventually(() => row.textContent()).toContain('Действует');
    const prefix = present(await row.locator('code').textContent(), "the token's prefix").replace('…', '');
    expect(secret.startsWith(prefix)).toBe(true);
    await shot(admin, '29-token-created');
    // The secret works until it is revoked.
    expect(
      (await fetch(`${server.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${secret}` } })).status,
    ).toBe(200);
    await row.getByRole('button', { name: /Отозвать/ }).click();
    await admin.getByRole('dialog').getByRole('button', { name: 'Отозвать' }).click();
    await eventually(() => row.textContent()).toContain('Отозван');
    expect(
      (await fetch(`${server.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${secret}` } })).status,
    ).toBe(401);
  });

  it('hides administration from an agent and answers a typed URL with the forbidden state', async () => {
    const agent = await newPage(AGENT);
    await agent.getByRole('link', { name: 'Клиенты' }).waitFor();
    expect(await agent.getByRole('link', { name: 'Настройки' }).count()).toBe(0);
    await agent.goto(`${server.url}/admin/users`);
    await agent.getByTestId('forbidden').waitFor();
    expect(await agent.getByTestId('users-table').count()).toBe(0);
    await shot(agent, '30-agent-forbidden');
    await agent.context().close();
  });

  it('fits a tablet: the customer profile and the admin tabs stay usable at 768 px', async () => {
    await admin.setViewportSize({ width: 768, height: 1024 });
    await admin.goto(`${server.url}/customers/${phoneCustomerId}`);
    await admin.getByTestId('customer-appeals').waitFor();
    await shot(admin, '31-customer-tablet');
    await admin.goto(`${server.url}/admin/mailboxes`);
    await admin.locator('[data-mailbox="support@otklik.test"]').waitFor();
    await shot(admin, '32-admin-tablet');
  });
});
