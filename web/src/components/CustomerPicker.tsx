// Find one existing customer by name, phone or e-mail: the merge and "link customer" dialogs pick with it.
import { Radio, ScrollArea, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { customerLabel } from '../api/customers.ts';
import { customerSearchQuery } from '../api/queries.ts';
import type { Customer } from '../api/contract.ts';

const SEARCH_PAUSE_MS = 300;

export function CustomerPicker({
  label,
  exclude,
  value,
  onChange,
}: {
  label: string;
  exclude?: string;
  value: Customer | null;
  onChange: (customer: Customer | null) => void;
}) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query, SEARCH_PAUSE_MS);
  const found = useQuery(customerSearchQuery(debounced));
  const items = (found.data ?? []).filter((customer) => customer.id !== exclude);
  const line = (customer: Customer) =>
    [customerLabel(customer, t('customer.unnamed')), customer.phones[0]?.value, customer.emails[0]?.value]
      .filter(Boolean)
      .join(' · ');

  return (
    <Stack gap="xs">
      <TextInput
        label={label}
        placeholder={t('newAppeal.findPlaceholder')}
        value={query}
        type="search"
        data-autofocus
        onChange={(event) => setQuery(event.currentTarget.value)}
        data-testid="customer-picker-search"
      />
      {debounced.trim().length < 2 ? (
        <Text size="sm" c="dimmed">
          {t('customers.pickHint')}
        </Text>
      ) : found.isPending ? (
        <Skeleton height={60} />
      ) : found.isError ? (
        <Text size="sm" c="red">
          {t('errors.title')}
        </Text>
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('newAppeal.noCustomers')}
        </Text>
      ) : (
        <ScrollArea.Autosize mah={220}>
          <Radio.Group
            value={value?.id ?? null}
            aria-label={t('newAppeal.foundCustomers')}
            onChange={(id) => onChange(items.find((customer) => customer.id === id) ?? null)}
          >
            <Stack gap={6}>
              {items.map((customer) => (
                <Radio key={customer.id} value={customer.id} label={line(customer)} />
              ))}
            </Stack>
          </Radio.Group>
        </ScrollArea.Autosize>
      )}
    </Stack>
  );
}
