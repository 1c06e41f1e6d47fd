// Creating an appeal from a form, once: the request carries an Idempotency-Key, so a double click or a retry makes
// one appeal. A refused body may be fixed and sent again; that is a new request with a new key.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { api, ApiError, newIdempotencyKey } from './client.ts';
import type { Appeal, CreateAppeal } from './contract.ts';
import { keys } from './queries.ts';

const CONTACT_FIELDS = ['name', 'phone', 'email'] as const;
type ContactField = (typeof CONTACT_FIELDS)[number];

export function useCreateAppeal(onCreated: (appeal: Appeal) => void = () => {}) {
  const queryClient = useQueryClient();
  const idempotencyKey = useRef(newIdempotencyKey());
  const create = useMutation({
    mutationFn: (body: CreateAppeal) =>
      api.post<Appeal>('/appeals', body, { 'idempotency-key': idempotencyKey.current }),
    onSuccess: (appeal) => {
      void queryClient.invalidateQueries({ queryKey: keys.appeals });
      onCreated(appeal);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status < 500) {
        idempotencyKey.current = newIdempotencyKey();
      }
    },
  });
  /** Forgets the appeal just created: the next one is another request. */
  const startOver = () => {
    idempotencyKey.current = newIdempotencyKey();
    create.reset();
  };
  return { create, startOver };
}

/** How an appeal names a customer it may not know yet: the contact details given, blank ones left out. */
export function customerContacts(given: Record<ContactField, string>): CreateAppeal['customer'] {
  const contacts: Partial<Record<ContactField, string>> = {};
  for (const field of CONTACT_FIELDS) {
    const value = given[field].trim();
    if (value) {
      contacts[field] = value;
    }
  }
  return contacts;
}
