// Find the caller among customers by phone, e-mail or name, or describe a new one.
import { Button, Group, Paper, Radio, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../api/contract.ts';
import { customerSearchQuery } from '../../api/queries.ts';

type NewCustomer = { mode: 'new'; name: string; phone: string; email: string };
export type CustomerChoice = { mode: 'existing'; customer: Customer } | NewCustomer;

const SEARCH_PAUSE_MS = 300;

/** A new customer from what the agent searched for: a phone, an e-mail, or else a name. */
function newCustomerFrom(searched: string): NewCustomer {
  const text = searched.trim();
  const looksLikePhone = /^[+\d][\d\s()-]{4,}$/.test(text);
  const looksLikeEmail = text.includes('@');
  return {
    mode: 'new',
    name: !looksLikePhone && !looksLikeEmail ? text : '',
    phone: looksLikePhone ? text : '',
    email: looksLikeEmail ? text : '',
  };
}

function NewCustomerFields({
  customer,
  onChoice,
}: {
  customer: NewCustomer;
  onChoice: (choice: CustomerChoice | null) => void;
}) {
  const { t } = useTranslation();
  const change = (patch: Partial<NewCustomer>) => onChoice({ ...customer, ...patch });
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
          value={customer.name}
          onChange={(event) => change({ name: event.currentTarget.value })}
        />
        <Group grow>
          <TextInput
            label={t('customer.phone')}
            type="tel"
            value={customer.phone}
            onChange={(event) => change({ phone: event.currentTarget.value })}
          />
          <TextInput
            label={t('customer.email')}
            type="email"
            value={customer.email}
            onChange={(event) => change({ email: event.currentTarget.value })}
          />
        </Group>
      </Stack>
    </Paper>
  );
}

/** The customers a search found, one to pick. */
function FoundCustomers({
  searched,
  choice,
  onChoice,
}: {
  searched: string;
  choice: CustomerChoice | null;
  onChoice: (choice: CustomerChoice) => void;
}) {
  const { t } = useTranslation();
  const found = useQuery(customerSearchQuery(searched));
  const label = (customer: Customer) =>
    [
      customer.name ?? customer.companyName ?? t('customer.unnamed'),
      customer.phones[0]?.value,
      customer.emails[0]?.value,
    ]
      .filter(Boolean)
      .join(' · ');
  if (found.isPending) {
    return <Skeleton height={36} />;
  }
  if (found.isError) {
    return (
      <Text size="sm" c="red">
        {t('errors.title')}
      </Text>
    );
  }
  if (found.data.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('newAppeal.noCustomers')}
      </Text>
    );
  }
  return (
    <Radio.Group
      value={choice?.mode === 'existing' ? choice.customer.id : null}
      aria-label={t('newAppeal.foundCustomers')}
      onChange={(id) => {
        const customer = found.data.find((candidate) => candidate.id === id);
        if (customer) {
          onChoice({ mode: 'existing', customer });
        }
      }}
    >
      <Stack gap={4}>
        {found.data.map((customer) => (
          <Radio key={customer.id} value={customer.id} label={label(customer)} />
        ))}
      </Stack>
    </Radio.Group>
  );
}

export function CustomerLookup({
  query,
  onQuery,
  choice,
  onChoice,
}: {
  query: string;
  onQuery: (query: string) => void;
  choice: CustomerChoice | null;
  onChoice: (choice: CustomerChoice | null) => void;
}) {
  const { t } = useTranslation();
  const [debounced] = useDebouncedValue(query, SEARCH_PAUSE_MS);
  if (choice?.mode === 'new') {
    return <NewCustomerFields customer={choice} onChoice={onChoice} />;
  }
  return (
    <Stack gap="xs">
      <TextInput
        label={t('newAppeal.findCustomer')}
        placeholder={t('newAppeal.findPlaceholder')}
        value={query}
        onChange={(event) => onQuery(event.currentTarget.value)}
        type="search"
        data-testid="customer-search"
      />
      {debounced.trim().length >= 2 && <FoundCustomers searched={debounced} choice={choice} onChoice={onChoice} />}
      <Group>
        <Button variant="light" size="xs" onClick={() => onChoice(newCustomerFrom(query))}>
          {t('newAppeal.createCustomer')}
        </Button>
      </Group>
    </Stack>
  );
}
