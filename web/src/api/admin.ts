// The administrator's directories and settings: units, users, categories, SLA calendars and policies, API
// tokens, mailboxes and mail templates. Units, users and categories share the keys the work screens read.
import { queryOptions } from '@tanstack/react-query';
import { api } from './client.ts';
import type {
  ApiToken,
  Calendar,
  Category,
  CreateCalendar,
  CreateCategory,
  CreatedToken,
  CreateMailbox,
  CreateSlaPolicy,
  CreateToken,
  CreateUnit,
  CreateUser,
  Mailbox,
  MailboxPollResult,
  MailTemplate,
  PutTemplate,
  Queue,
  SlaPolicy,
  Unit,
  UpdateCalendar,
  UpdateCategory,
  UpdateMailbox,
  UpdateSlaPolicy,
  UpdateUnit,
  UpdateUser,
  User,
} from './contract.ts';
import { keys } from './queries.ts';

export const adminKeys = {
  calendars: ['admin', 'calendars'] as const,
  policies: ['admin', 'policies'] as const,
  tokens: ['admin', 'tokens'] as const,
  mailboxes: ['admin', 'mailboxes'] as const,
  templates: ['admin', 'templates'] as const,
  queues: ['admin', 'queues'] as const,
};

// Units. Inactive ones too: the admin list asks for all of them (the shared directory hides nothing either).
export const allUnitsQuery = queryOptions({
  queryKey: [...keys.units, 'admin'],
  queryFn: () => api.items<Unit>('/units'),
});
export const createUnit = (body: CreateUnit) => api.post<Unit>('/units', body);
export const updateUnit = (id: string, body: UpdateUnit) => api.patch<Unit>(`/units/${id}`, body);

// Users
export const adminUsersQuery = queryOptions({
  queryKey: [...keys.users, 'admin'],
  queryFn: () => api.items<User>('/users'),
});
export const createUser = (body: CreateUser) => api.post<User>('/users', body);
export const updateUser = (id: string, body: UpdateUser) => api.patch<User>(`/users/${id}`, body);

// Categories
export const createCategory = (body: CreateCategory) => api.post<Category>('/categories', body);
export const updateCategory = (id: string, body: UpdateCategory) => api.patch<Category>(`/categories/${id}`, body);

// SLA calendars and policies
export const calendarsQuery = queryOptions({
  queryKey: adminKeys.calendars,
  queryFn: () => api.items<Calendar>('/sla/calendars'),
});
export const createCalendar = (body: CreateCalendar) => api.post<Calendar>('/sla/calendars', body);
export const updateCalendar = (id: string, body: UpdateCalendar) => api.patch<Calendar>(`/sla/calendars/${id}`, body);

export const policiesQuery = queryOptions({
  queryKey: adminKeys.policies,
  queryFn: () => api.items<SlaPolicy>('/sla/policies'),
});
export const createPolicy = (body: CreateSlaPolicy) => api.post<SlaPolicy>('/sla/policies', body);
export const updatePolicy = (id: string, body: UpdateSlaPolicy) => api.patch<SlaPolicy>(`/sla/policies/${id}`, body);

// API tokens
export const tokensQuery = queryOptions({
  queryKey: adminKeys.tokens,
  queryFn: () => api.items<ApiToken>('/tokens'),
});
export const createToken = (body: CreateToken) => api.post<CreatedToken>('/tokens', body);
export const revokeToken = (id: string) => api.delete<ApiToken>(`/tokens/${id}`);

// Mailboxes and the queues new appeals may go to
export const mailboxesQuery = queryOptions({
  queryKey: adminKeys.mailboxes,
  queryFn: () => api.items<Mailbox>('/mail/mailboxes'),
});
export const createMailbox = (body: CreateMailbox) => api.post<Mailbox>('/mail/mailboxes', body);
export const updateMailbox = (id: string, body: UpdateMailbox) => api.patch<Mailbox>(`/mail/mailboxes/${id}`, body);
export const pollMailbox = (id: string) => api.post<MailboxPollResult>(`/mail/mailboxes/${id}/poll`);

export const queuesQuery = queryOptions({
  queryKey: adminKeys.queues,
  queryFn: () => api.items<Queue>('/queues'),
});

// Mail templates
export const templatesQuery = queryOptions({
  queryKey: adminKeys.templates,
  queryFn: () => api.items<MailTemplate>('/mail/templates'),
});
export const putTemplate = ({ key, locale, subject, body }: Pick<MailTemplate, 'key' | 'locale'> & PutTemplate) =>
  api.put<MailTemplate>(`/mail/templates/${key}/${locale}`, { subject, body });
export const resetTemplate = (template: Pick<MailTemplate, 'key' | 'locale'>) =>
  api.delete<MailTemplate>(`/mail/templates/${template.key}/${template.locale}`);
