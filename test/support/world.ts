// One of each thing the API manages, made through the API as an administrator, so that every path parameter of
// the OpenAPI document can name something that exists: the fuzz and the authorisation matrix reach the handlers'
// rules instead of stopping at a 404.
import { expect } from 'vitest';
import { makeAppealInput } from './factories.ts';
import type { RequestOptions, TestEnv } from './harness.ts';
import { QUESTIONS } from './surveys.ts';

export interface World {
  /** Ids by the path segment that precedes them: `appeals` → an appeal in the store unit. */
  ids: Record<string, string>;
  /** Fixture ids by the body keys that name them (unitId, customerId …), to lay over sampled bodies. */
  bodyIds: Record<string, string>;
  /** Fills an OpenAPI path's {placeholders} with this world's ids. */
  fill(path: string): string;
}

export async function createWorld(env: TestEnv): Promise<World> {
  let serial = 0;
  const create = async (url: string, body: unknown, options: RequestOptions = {}): Promise<string> => {
    const answer = await env.request('POST', url, { as: 'admin', body, ...options });
    expect(answer.status, `${url}: ${JSON.stringify(answer.body)}`).toBeLessThan(300);
    return answer.body.id;
  };
  const storeId = env.units.store.id;
  const customer = await create('/api/v1/customers', { name: 'Ольга Фаззова', emails: ['fuzz@example.ru'] });
  const appeal = await create('/api/v1/appeals', makeAppealInput({ unitId: storeId, customer: { id: customer } }));
  const other = await create('/api/v1/customers', { name: 'Пётр Второй', phones: ['+375291112233'] }, { as: 'agent' });
  const category = await create('/api/v1/categories', {
    code: `fuzz.${++serial}`,
    nameRu: 'Проверка',
    nameEn: 'Check',
    kinds: ['incident'],
  });
  const queue = await create('/api/v1/queues', { code: 'fuzz', name: 'Очередь проверки' });
  const calendar = await create('/api/v1/sla/calendars', {
    name: 'Проверка',
    timeZone: 'Europe/Minsk',
    week: Array.from({ length: 7 }, () => [{ start: '09:00', end: '18:00' }]),
  });
  const policy = await create('/api/v1/sla/policies', {
    name: 'Проверка',
    position: 50,
    conditions: { tags: ['fuzz'] },
    targets: [{ metric: 'first_response', minutes: 120 }],
    calendarSource: 'cs',
  });
  const customField = await create('/api/v1/custom-fields', {
    kind: 'question',
    key: 'fuzzField',
    labelRu: 'Поле',
    labelEn: 'Field',
    type: 'string',
  });
  const subtask = await create(`/api/v1/appeals/${appeal}/subtasks`, { title: 'Проверить', queueId: queue });
  const escalation = await create(
    `/api/v1/appeals/${appeal}/escalations`,
    { reason: 'Нужна помощь' },
    {
      as: 'agent',
    },
  );
  const rule = await create('/api/v1/routing/rules', {
    name: 'Проверка',
    conditions: { kinds: ['wish'] },
    actions: [{ type: 'set_priority', priority: 'low' }],
  });
  const mailbox = await create('/api/v1/mail/mailboxes', {
    name: 'Поддержка',
    address: 'fuzz@otklik.test',
    unitId: storeId,
    kind: 'incident',
  });
  const survey = await create('/api/v1/surveys', { name: 'Проверка', questions: QUESTIONS });
  const trigger = await create(`/api/v1/surveys/${survey}/triggers`, { event: 'appeal_resolved', delayMinutes: 60 });
  const invitation = await create(`/api/v1/surveys/${survey}/invitations`, {
    email: 'invited@example.ru',
    unitId: storeId,
  });
  const view = await create('/api/v1/views', { name: 'Проверка', query: { status: ['new'] } });
  const token = await create('/api/v1/tokens', { name: 'Проверка' });
  const ids: Record<string, string> = {
    appeals: appeal,
    customers: customer,
    units: storeId,
    users: env.users.agent.id,
    members: env.users.agent.id,
    categories: category,
    queues: queue,
    calendars: calendar,
    policies: policy,
    'custom-fields': customField,
    subtasks: subtask,
    escalations: escalation,
    rules: rule,
    mailboxes: mailbox,
    surveys: survey,
    triggers: trigger,
    invitations: invitation,
    responses: invitation,
    views: view,
    tokens: token,
    'submission-rules': 'store',
    blocks: 'channelMix',
    reports: 'daily',
  };
  const bodyIds: Record<string, string> = {
    unitId: storeId,
    customerId: customer,
    categoryId: category,
    queueId: queue,
    ownerId: env.users.agent.id,
    assigneeId: env.users.agent.id,
    userId: env.users.agent.id,
    calendarId: calendar,
    surveyId: survey,
    appealId: appeal,
    into: other,
  };
  const fill = (path: string) =>
    path.replace(/\/([a-z-]+)\/\{([a-zA-Z]+)\}(?:\/\{([a-zA-Z]+)\})?/g, (whole, segment: string, first, second) => {
      if (segment === 'templates') {
        return `/templates/reply/ru`;
      }
      const id = ids[segment] ?? ids[first] ?? '00000000-0000-4000-8000-000000000000';
      return second ? `/${segment}/${id}/${ids[second] ?? env.users.agent.id}` : `/${segment}/${id}`;
    });
  return { ids, bodyIds, fill };
}
