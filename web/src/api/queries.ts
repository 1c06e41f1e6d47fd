// Query keys and fetchers shared by the screens, so that invalidation reaches every view of an appeal.
import { queryOptions } from '@tanstack/react-query';
import { api } from './client.ts';
import type {
  Appeal,
  AppealPage,
  Attachment,
  Category,
  Customer,
  CustomerProfile,
  HistoryEvent,
  Me,
  Message,
  Unit,
  User,
} from './contract.ts';

export const keys = {
  me: ['me'] as const,
  appeals: ['appeals'] as const,
  appeal: (id: string) => ['appeals', 'one', id] as const,
  units: ['units'] as const,
  categories: ['categories'] as const,
  users: ['users'] as const,
  customers: ['customers'] as const,
  customer: (id: string) => ['customers', 'one', id] as const,
};

export const meQuery = queryOptions({
  queryKey: keys.me,
  queryFn: () => api.get<Me>('/auth/me'),
  staleTime: Infinity,
  retry: false,
});

export const appealQuery = (id: string) =>
  queryOptions({ queryKey: keys.appeal(id), queryFn: () => api.get<Appeal>(`/appeals/${id}`) });
export const messagesQuery = (id: string) =>
  queryOptions({
    queryKey: [...keys.appeal(id), 'messages'],
    queryFn: () => api.items<Message>(`/appeals/${id}/messages`),
  });
export const historyQuery = (id: string) =>
  queryOptions({
    queryKey: [...keys.appeal(id), 'history'],
    queryFn: () => api.items<HistoryEvent>(`/appeals/${id}/history`),
  });
export const attachmentsQuery = (id: string) =>
  queryOptions({
    queryKey: [...keys.appeal(id), 'attachments'],
    queryFn: () => api.items<Attachment>(`/appeals/${id}/attachments`),
  });

// Directories change rarely; a few minutes of staleness saves a request per screen.
const DIRECTORY_STALE_MS = 5 * 60_000;
export const unitsQuery = queryOptions({
  queryKey: keys.units,
  staleTime: DIRECTORY_STALE_MS,
  queryFn: () => api.items<Unit>('/units'),
});
export const categoriesQuery = queryOptions({
  queryKey: keys.categories,
  staleTime: DIRECTORY_STALE_MS,
  queryFn: () => api.items<Category>('/categories'),
});
/** Users who may see the list (unit staff may not): others get an empty directory and show no names. */
export const usersQuery = (enabled: boolean) =>
  queryOptions({
    queryKey: keys.users,
    staleTime: DIRECTORY_STALE_MS,
    enabled,
    queryFn: () => api.items<User>('/users'),
  });

export const customerQuery = (id: string) =>
  queryOptions({ queryKey: keys.customer(id), queryFn: () => api.get<CustomerProfile>(`/customers/${id}`) });
export const customerAppealsQuery = (id: string) =>
  queryOptions({
    queryKey: [...keys.appeals, 'customer', id],
    queryFn: () => api.get<AppealPage>('/appeals', { customerId: id, limit: 20 }),
  });
export const customerSearchQuery = (text: string) =>
  queryOptions({
    queryKey: [...keys.customers, 'search', text],
    enabled: text.trim().length >= 2,
    queryFn: () => api.items<Customer>('/customers', { q: text.trim(), limit: 8 }),
  });
