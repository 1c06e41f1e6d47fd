// Customer search: by name, phone, e-mail or company, newest first; a row opens the profile.
import { Anchor, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { customerLabel, customerListQuery } from '../../api/customers.ts';
import { EmptyState, QueryStates } from '../../components/states.tsx';
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
        onChange={(e) => setText(e.currentTarget.value)}
        maw={480}
        data-testid="customers-search"
      />
      <QueryStates
        query={list}
        rows={6}
        isEmpty={(data) => data.items.length === 0}
        empty={
          <EmptyState
            title={search.q ? t('customers.noneFound') : t('customers.none')}
            hint={search.q ? t('customers.noneFoundHint') : t('customers.noneHint')}
          />
        }
      >
        {(data) => (
          <Paper withBorder>
            <Table.ScrollContainer minWidth={640}>
              <Table
                highlightOnHover
                verticalSpacing={6}
                fz="sm"
                aria-label={t('customers.title')}
                data-testid="customers-table"
              >
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('customer.name')}</Table.Th>
                    <Table.Th>{t('customer.phone')}</Table.Th>
                    <Table.Th>{t('customer.email')}</Table.Th>
                    <Table.Th visibleFrom="md">{t('customers.company')}</Table.Th>
                    <Table.Th visibleFrom="md">{t('customers.createdAt')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((c) => (
                    <Table.Tr key={c.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/customers/${c.id}`} fw={600} size="sm">
                          {customerLabel(c, t('customer.unnamed'))}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{c.phones.map((p) => p.value).join(', ') || '—'}</Table.Td>
                      <Table.Td>
                        <Text size="sm" truncate maw={240}>
                          {c.emails.map((e) => e.value).join(', ') || '—'}
                        </Text>
                      </Table.Td>
                      <Table.Td visibleFrom="md">{c.companyName ?? '—'}</Table.Td>
                      <Table.Td visibleFrom="md">{formatDateTime(c.createdAt)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        )}
      </QueryStates>
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
