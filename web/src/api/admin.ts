// The administrator's directories and settings: units, users, categories, SLA calendars and policies, API
// tokens, mailboxes and mail templates. Units, users and categories share the keys the work screens read.
import { queryOptions } from '@tanstack/react-query';
import { api } from './client.ts';
import { keys } from './queries.ts';
import type { AppealKind, Category, Channel, Locale, Priority, Role, Status, Unit, User } from './types.ts';

export const UNIT_TYPES = [
  'store',
  'call_centre',
  'service_centre',
  'document_service',
  'services',
  'customer_service',
  'office',
  'other',
] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

export const adminKeys = {
  calendars: ['admin', 'calendars'] as const,
  policies: ['admin', 'policies'] as const,
  tokens: ['admin', 'tokens'] as const,
  mailboxes: ['admin', 'mailboxes'] as const,
  templates: ['admin', 'templates'] as const,
  queues: ['admin', 'queues'] as const,
};

// Units
export interface UnitInput {
  type: UnitType;
  name: string;
  code?: string | null;
  timeZone: string;
  parentId?: string | null;
  active?: boolean;
}
export const createUnit = (body: UnitInput) => api.post<Unit>('/units', body);
export const updateUnit = (id: string, body: Partial<UnitInput>) => api.patch<Unit>(`/units/${id}`, body);

// Users
export interface UserInput {
  email?: string;
  name: string;
  role: Role;
  locale?: Locale;
  password?: string;
  unitIds: string[];
  active?: boolean;
}
export const adminUsersQuery = queryOptions({
  queryKey: [...keys.users, 'admin'],
  queryFn: () => api.get<{ items: User[] }>('/users').then((r) => r.items),
});
export const createUser = (body: UserInput) => api.post<User>('/users', body);
export const updateUser = (id: string, body: Partial<UserInput>) => api.patch<User>(`/users/${id}`, body);

// Categories
export interface CategoryInput {
  code?: string;
  nameRu: string;
  nameEn: string;
  kinds: AppealKind[];
  parentId?: string;
  position?: number;
  active?: boolean;
}
export const createCategory = (body: CategoryInput) => api.post<Category>('/categories', body);
export const updateCategory = (id: string, body: Partial<CategoryInput>) =>
  api.patch<Category>(`/categories/${id}`, body);

// SLA calendars and policies
export interface Interval {
  start: string;
  end: string;
}
export interface CalendarException {
  date: string;
  intervals: Interval[];
  name?: string;
}
export interface Calendar {
  id: string;
  name: string;
  timeZone: string;
  week: Interval[][];
  exceptions: CalendarException[];
  unitTypes: UnitType[];
  isDefault: boolean;
  isCustomerService: boolean;
  createdAt: string;
  updatedAt: string;
}
export type CalendarInput = Pick<Calendar, 'name' | 'timeZone' | 'week' | 'exceptions' | 'unitTypes'>;
export const calendarsQuery = queryOptions({
  queryKey: adminKeys.calendars,
  queryFn: () => api.get<{ items: Calendar[] }>('/sla/calendars').then((r) => r.items),
});
export const createCalendar = (body: CalendarInput) => api.post<Calendar>('/sla/calendars', body);
export const updateCalendar = (id: string, body: Partial<CalendarInput>) =>
  api.patch<Calendar>(`/sla/calendars/${id}`, body);
export const deleteCalendar = (id: string) => api.delete<void>(`/sla/calendars/${id}`);

export const METRICS = ['transfer', 'first_response', 'next_response', 'resolution', 'completion_report'] as const;
export type Metric = (typeof METRICS)[number];
export interface PolicyTarget {
  metric: Metric;
  minutes: number;
  calendar?: 'unit' | 'cs';
}
export interface PolicyConditions {
  unitIds?: string[];
  unitTypes?: UnitType[];
  channels?: Channel[];
  kinds?: AppealKind[];
  categoryIds?: string[];
  priorities?: Priority[];
  tags?: string[];
  customerTags?: string[];
}
export interface SlaPolicy {
  id: string;
  name: string;
  position: number;
  active: boolean;
  conditions: PolicyConditions;
  targets: PolicyTarget[];
  calendarSource: 'unit' | 'cs';
  pauseStatuses: Status[];
  warnAtPercent: number | null;
  notify: { onWarning: string[]; onBreach: string[] };
  escalation: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}
export type PolicyInput = Pick<
  SlaPolicy,
  'name' | 'position' | 'active' | 'conditions' | 'targets' | 'calendarSource' | 'pauseStatuses' | 'warnAtPercent'
>;
export const policiesQuery = queryOptions({
  queryKey: adminKeys.policies,
  queryFn: () => api.get<{ items: SlaPolicy[] }>('/sla/policies').then((r) => r.items),
});
export const createPolicy = (body: PolicyInput) => api.post<SlaPolicy>('/sla/policies', body);
export const updatePolicy = (id: string, body: Partial<PolicyInput>) =>
  api.patch<SlaPolicy>(`/sla/policies/${id}`, body);
export const deletePolicy = (id: string) => api.delete<void>(`/sla/policies/${id}`);

// API tokens
export interface ApiToken {
  id: string;
  userId: string;
  name: string;
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}
export const tokensQuery = queryOptions({
  queryKey: adminKeys.tokens,
  queryFn: () => api.get<{ items: ApiToken[] }>('/tokens').then((r) => r.items),
});
export const createToken = (body: { name: string; expiresAt?: string }) =>
  api.post<ApiToken & { token: string }>('/tokens', body);
export const revokeToken = (id: string) => api.delete<ApiToken>(`/tokens/${id}`);

// Mailboxes
export const INBOUND_MODES = ['smtp', 'imap', 'none'] as const;
export interface ImapSettings {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  hasPassword: boolean;
  folder: string;
  processed: 'mark' | 'move';
  moveTo: string | null;
}
export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  hasPassword: boolean;
}
export interface Mailbox {
  id: string;
  name: string;
  address: string;
  aliases: string[];
  displayName: string | null;
  unitId: string | null;
  kind: AppealKind;
  queueId: string | null;
  inbound: (typeof INBOUND_MODES)[number];
  imap: ImapSettings | null;
  smtp: SmtpSettings | null;
  autoAck: boolean;
  active: boolean;
  imapState: { lastPollAt: string | null; lastError: string | null; lastUid: number | null };
}
export interface MailboxInput {
  name?: string;
  address?: string;
  aliases?: string[];
  displayName?: string | null;
  unitId?: string | null;
  kind?: AppealKind;
  queueId?: string | null;
  inbound?: Mailbox['inbound'];
  imap?: {
    host: string;
    port: number;
    secure: boolean;
    user: string;
    password?: string;
    folder: string;
    processed: 'mark' | 'move';
    moveTo?: string;
  } | null;
  smtp?: { host: string; port: number; secure: boolean; user?: string; password?: string } | null;
  autoAck?: boolean;
  active?: boolean;
}
export const mailboxesQuery = queryOptions({
  queryKey: adminKeys.mailboxes,
  queryFn: () => api.get<{ items: Mailbox[] }>('/mail/mailboxes').then((r) => r.items),
});
export const createMailbox = (body: MailboxInput) => api.post<Mailbox>('/mail/mailboxes', body);
export const updateMailbox = (id: string, body: MailboxInput) => api.patch<Mailbox>(`/mail/mailboxes/${id}`, body);
export const pollMailbox = (id: string) => api.post<{ fetched: number; stored: number }>(`/mail/mailboxes/${id}/poll`);

export interface Queue {
  id: string;
  name: string;
}
export const queuesQuery = queryOptions({
  queryKey: adminKeys.queues,
  queryFn: () => api.get<{ items: Queue[] }>('/queues').then((r) => r.items),
});

// Mail templates
export interface MailTemplate {
  key: string;
  locale: Locale;
  subject: string;
  body: string;
  variables: string[];
  custom: boolean;
  updatedAt: string | null;
}
export const templatesQuery = queryOptions({
  queryKey: adminKeys.templates,
  queryFn: () => api.get<{ items: MailTemplate[] }>('/mail/templates').then((r) => r.items),
});
export const putTemplate = (t: Pick<MailTemplate, 'key' | 'locale' | 'subject' | 'body'>) =>
  api.put<MailTemplate>(`/mail/templates/${t.key}/${t.locale}`, { subject: t.subject, body: t.body });
export const resetTemplate = (t: Pick<MailTemplate, 'key' | 'locale'>) =>
  api.delete<MailTemplate>(`/mail/templates/${t.key}/${t.locale}`);
