// Customers: search, profile, edit and merge. Profile and search keys sit under keys.customers so one
// invalidation after an edit or a merge reaches every view of a customer.
import { queryOptions } from '@tanstack/react-query';
import { api } from './client.ts';
import type { AppealPage, Customer, CustomerPage, MergePreview, MergeResult, UpdateCustomer } from './contract.ts';
import { keys } from './queries.ts';

export const CUSTOMER_PAGE = 25;

export const customerListQuery = (text: string) =>
  queryOptions({
    queryKey: [...keys.customers, 'list', text],
    queryFn: () => api.get<CustomerPage>('/customers', { q: text.trim() || undefined, limit: CUSTOMER_PAGE }),
  });

/** Every appeal of a customer, newest first (a profile shows up to 100; the counts say how many in all). */
export const customerAllAppealsQuery = (id: string) =>
  queryOptions({
    queryKey: [...keys.appeals, 'customer', id, 'all'],
    queryFn: () => api.get<AppealPage>('/appeals', { customerId: id, limit: 100 }),
  });

export const mergePreviewQuery = (id: string, into: string | null) =>
  queryOptions({
    queryKey: [...keys.customer(id), 'merge-preview', into],
    enabled: into !== null,
    staleTime: 0,
    queryFn: () => api.get<MergePreview>(`/customers/${id}/merge-preview`, { into }),
  });

export const updateCustomer = (id: string, patch: UpdateCustomer) => api.patch<Customer>(`/customers/${id}`, patch);
export const mergeCustomer = (id: string, into: string) => api.post<MergeResult>(`/customers/${id}/merge`, { into });

/** How a customer is called in lists: their name, company, or first contact. */
export const customerLabel = (
  customer: Pick<Customer, 'name' | 'companyName' | 'phones' | 'emails'>,
  unnamed: string,
) => customer.name ?? customer.companyName ?? customer.phones[0]?.value ?? customer.emails[0]?.value ?? unnamed;
