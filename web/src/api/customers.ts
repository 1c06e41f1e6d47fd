// Customers: search, profile, edit and merge. Profile and search keys sit under keys.customers so one
// invalidation after an edit or a merge reaches every view of a customer.
import { queryOptions } from '@tanstack/react-query';
import { api } from './client.ts';
import { keys } from './queries.ts';
import type { AppealListItem, Customer, Page } from './types.ts';

export const CONSENTS = ['email', 'sms', 'phone', 'marketing', 'surveys'] as const;
export type Consent = (typeof CONSENTS)[number];

export interface UpdateCustomer {
  name?: string | null;
  phones?: string[];
  emails?: string[];
  companyName?: string | null;
  companyCode?: string | null;
  birthday?: string | null;
  consents?: Partial<Record<Consent, boolean>>;
  tags?: string[];
}

export interface MergePreview {
  customerId: string;
  into: string;
  appeals: { total: number; byKind: Record<string, number> };
  identities: { kind: 'phone' | 'email'; value: string; placeholder: boolean; outcome: 'moves' | 'already_there' }[];
  fills: { field: string; value: unknown }[];
  conflicts: { field: string; kept: unknown; dropped: unknown }[];
}

export const CUSTOMER_PAGE = 25;

export const customerListQuery = (q: string) =>
  queryOptions({
    queryKey: [...keys.customers, 'list', q],
    queryFn: () => api.get<Page<Customer>>('/customers', { q: q.trim() || undefined, limit: CUSTOMER_PAGE }),
  });

/** Every appeal of a customer, newest first (a profile shows up to 100; the counts say how many in all). */
export const customerAllAppealsQuery = (id: string) =>
  queryOptions({
    queryKey: [...keys.appeals, 'customer', id, 'all'],
    queryFn: () => api.get<Page<AppealListItem>>('/appeals', { customerId: id, limit: 100 }),
  });

export const mergePreviewQuery = (id: string, into: string | null) =>
  queryOptions({
    queryKey: [...keys.customer(id), 'merge-preview', into],
    enabled: into !== null,
    staleTime: 0,
    queryFn: () => api.get<MergePreview>(`/customers/${id}/merge-preview`, { into }),
  });

export const updateCustomer = (id: string, patch: UpdateCustomer) => api.patch<Customer>(`/customers/${id}`, patch);
export const mergeCustomer = (id: string, into: string) =>
  api.post<MergePreview & { customer: Customer }>(`/customers/${id}/merge`, { into });

/** How a customer is called in lists: their name, company, or first contact. */
export const customerLabel = (c: Pick<Customer, 'name' | 'companyName' | 'phones' | 'emails'>, unnamed: string) =>
  c.name ?? c.companyName ?? c.phones[0]?.value ?? c.emails[0]?.value ?? unnamed;
