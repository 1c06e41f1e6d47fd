// Find the caller among customers by phone, e-mail or name, or describe a new one.
import { Button, Group, Paper, Radio, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { customerSearchQuery } from '../../api/queries.ts';
import type { Customer } from '../../api/contract.ts';

export type CustomerChoice =
  { mode: 'existing'; customer: Customer } | { mode: 'new'; name: string; phone: string; email: string };

const SEARCH_PAUSE_MS = 300;

export function CustomerLookup({
  query,
  onQuery,
  choice,
  onChoice,
}: {
  query: string;
  onQuery: (q: string) => void;
  choice: CustomerChoice | null;
  onChoice: (c: CustomerChoice | null) => void;
}) {
  const { t } = useTranslation();
  const [debounced] = useDebouncedValue(query, SEARCH_PAUSE_MS);
  const found = useQuery(customerSearchQuery(debounced));
  const label = (c: Customer) =>
    [c.name ?? c.companyName ?? t('customer.unnamed'), c.phones[0]?.value, c.emails[0]?.value]
      .filter(Boolean)
      .join(' · ');

  const startNew = () => {
    const q = query.trim();
    const looksLikePhone = /^[+\d][\d\s()-]{4,}$/.test(q);
    onChoice({
      mode: 'new',
      name: !looksLikePhone && !q.includes('@') ? q : '',
      phone: looksLikePhone ? q : '',
      email: q.includes('@') ? q : '',
    });
  };

  if (choice?.mode === 'new') {
    const set = (patch: Partial<Omit<Extract<CustomerChoice, { mode: 'new' }>, 'mode'>>) =>
      onChoice({ ...choice, ...patch });
    return (
      <Paper withBorder p="sm" data-testid="new-customer">
        <Group justify="space-between" mb="xs">
          <Text fw={600} size="sm">
            {t('newAppeal.newCustomer')}
          </Text>
          <Button variant="subtle" size="compact-xs" onClick={() => onChoice(null)}>
            {t('newAppeal.backToSearch')}
          </Button>
        </Group>
        <Stack gap="xs">
          <TextInput
            label={t('customer.name')}
            value={choice.name}
            onChange={(e) => set({ name: e.currentTarget.value })}
          />
          <Group grow>
            <TextInput
              label={t('customer.phone')}
              type="tel"
              value={choice.phone}
              onChange={(e) => set({ phone: e.currentTarget.value })}
            />
            <TextInput
              label={t('customer.email')}
              type="email"
              value={choice.email}
              onChange={(e) => set({ email: e.currentTarget.value })}
            />
          </Group>
        </Stack>
      </Paper>
    );
  }

  return (
    <Stack gap="xs">
      <TextInput
        label={t('newAppeal.findCustomer')}
        placeholder={t('newAppeal.findPlaceholder')}
        value={query}
        onChange={(e) => onQuery(e.currentTarget.value)}
        type="search"
        data-testid="customer-search"
      />
      {debounced.trim().length >= 2 &&
        (found.isPending ? (
          <Skeleton height={36} />
        ) : found.isError ? (
          <Text size="sm" c="red">
            {t('errors.title')}
          </Text>
        ) : found.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('newAppeal.noCustomers')}
          </Text>
        ) : (
          <Radio.Group
            value={choice?.mode === 'existing' ? choice.customer.id : null}
            aria-label={t('newAppeal.foundCustomers')}
            onChange={(id) => {
              const c = found.data.find((x) => x.id === id);
              if (c) {
                onChoice({ mode: 'existing', customer: c });
              }
            }}
          >
            <Stack gap={4}>
              {found.data.map((c) => (
                <Radio key={c.id} value={c.id} label={label(c)} />
              ))}
            </Stack>
          </Radio.Group>
        ))}
      <Group>
        <Button variant="light" size="xs" onClick={startNew}>
          {t('newAppeal.createCustomer')}
        </Button>
      </Group>
    </Stack>
  );
}
