// Customer search: by name, phone, e-mail or company, newest first; a row opens the profile.
import { Anchor, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { customerLabel, customerListQuery } from '../../api/customers.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { EmptyState } from '../../components/states.tsx';
import { formatDateTime } from '../../lib/format.ts';
import './strings.ts';

const route = getRouteApi('/app/customers');
const SEARCH_PAUSE_MS = 300;

export function CustomersPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const [text, setText] = useState(search.q ?? '');
  const [debounced] = useDebouncedValue(text, SEARCH_PAUSE_MS);
  useEffect(() => {
    if ((search.q ?? '') !== debounced.trim()) {
      void navigate({ search: debounced.trim() ? { q: debounced.trim() } : {}, replace: true });
    }
  }, [debounced, search.q, navigate]);
  const list = useQuery(customerListQuery(search.q ?? ''));

  return (
    <Stack gap="md" maw={1100}>
      <Title order={2} size="h3">
        {t('customers.title')}
      </Title>
      <TextInput
        label={t('customers.search')}
        placeholder={t('customers.searchPlaceholder')}
        type="search"
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        maw={480}
        data-testid="customers-search"
      />
      <DataTable
        query={list}
        rows={(data) => data.items}
        rowKey={(customer) => customer.id}
        columns={[
          {
            header: t('customer.name'),
            cell: (customer) => (
              <Anchor component={Link} to={`/customers/${customer.id}`} fw={600} size="sm">
                {customerLabel(customer, t('customer.unnamed'))}
              </Anchor>
            ),
          },
          {
            header: t('customer.phone'),
            cell: (customer) => customer.phones.map((phone) => phone.value).join(', ') || '—',
          },
          {
            header: t('customer.email'),
            cell: (customer) => (
              <Text size="sm" truncate maw={240}>
                {customer.emails.map((email) => email.value).join(', ') || '—'}
              </Text>
            ),
          },
          { header: t('customers.company'), wide: true, cell: (customer) => customer.companyName ?? '—' },
          { header: t('customers.createdAt'), wide: true, cell: (customer) => formatDateTime(customer.createdAt) },
        ]}
        empty={
          <EmptyState
            title={search.q ? t('customers.noneFound') : t('customers.none')}
            hint={search.q ? t('customers.noneFoundHint') : t('customers.noneHint')}
          />
        }
        label={t('customers.title')}
        testId="customers-table"
        skeletonRows={6}
        highlightOnHover
      />
      {list.data?.nextCursor && (
        <Group>
          <Text size="sm" c="dimmed">
            {t('customers.more')}
          </Text>
        </Group>
      )}
    </Stack>
  );
}
