// Surveys for tests: the questions of every kind, and a kit that creates surveys, invites customers and answers
// on the public page through a test environment's HTTP API.
import { expect } from 'vitest';
import type { TestEnv } from './harness.ts';

export const DAY = 86_400_000;

export const wording = (ru: string, en: string) => ({ ru, en });

export const QUESTIONS = [
  {
    id: 'csat',
    type: 'csat',
    wording: wording('Насколько вы довольны?', 'How satisfied are you?'),
    scale: { min: 0, max: 10, satisfiedFrom: 9 },
  },
  { id: 'nps', type: 'nps', wording: wording('Порекомендуете нас?', 'Would you recommend us?') },
  { id: 'ces', type: 'ces', wording: wording('Легко ли было?', 'How easy was it?'), scale: { min: 1, max: 7 } },
  {
    id: 'staff',
    type: 'key',
    subject: 'staff',
    wording: wording('Сотрудник был вежлив?', 'Was the staff member polite?'),
    scale: { kind: 'key_yes_no', positiveAnswer: 'yes' },
  },
  {
    id: 'office',
    type: 'key',
    subject: 'office',
    wording: wording('Вам понравилось в магазине?', 'Did you like the store?'),
    scale: { kind: 'key_yes_no', positiveAnswer: 'yes' },
  },
  { id: 'comment', type: 'text', wording: wording('Что улучшить?', 'What should we improve?') },
];

/** The token of an answer link; a test that expects a link and got none fails here. */
export function tokenOf(link: string | null): string {
  const token = link?.split('/s/')[1];
  if (!token) {
    throw new Error(`not an answer link: ${link}`);
  }
  return token;
}

const form = (answers: Record<string, string | string[]>) =>
  Object.entries(answers)
    .flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => `q.${k}=${encodeURIComponent(x)}`))
    .join('&');

export interface Invitation {
  id: string;
  status: string;
  skipReason: string | null;
  link: string | null;
  smsText: string | null;
}

export function surveyKit(env: () => TestEnv) {
  let mail = 0;
  const email = () => `customer.${++mail}@mail.ru`;

  async function createSurvey(overrides: Record<string, unknown> = {}) {
    const res = await env().request('POST', '/api/v1/surveys', {
      as: 'cs_head',
      body: { name: 'После обращения', questions: QUESTIONS, ...overrides },
    });
    expect(res.status).toBe(201);
    return res.body as { id: string };
  }

  async function invite(surveyId: string, body: Record<string, unknown> = {}) {
    const res = await env().request('POST', `/api/v1/surveys/${surveyId}/invitations`, {
      as: 'agent',
      body: { email: email(), unitId: env().units.store.id, ...body },
    });
    expect(res.status).toBe(201);
    return res.body as Invitation;
  }

  const post = (url: string, answers: Record<string, string | string[]>, extra = '') =>
    env().request('POST', url, {
      payload: form(answers) + extra,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });

  async function answered(
    surveyId: string,
    answers: Record<string, string | string[]>,
    body: Record<string, unknown> = {},
  ) {
    const inv = await invite(surveyId, body);
    const res = await post(`/s/${tokenOf(inv.link)}`, answers);
    expect(res.status).toBe(200);
    return inv;
  }

  const indices = (query: string, as: 'admin' | 'analyst' | 'unit_responsible' | 'agent' = 'admin') =>
    env().request('GET', `/api/v1/surveys/indices?${query}`, { as });

  return { email, createSurvey, invite, post, answered, indices };
}
