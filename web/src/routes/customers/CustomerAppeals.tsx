// Every appeal of a customer with its kind and status, newest first.
import { Anchor, Paper, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { customerAllAppealsQuery } from '../../api/customers.ts';
import { KindBadge, StatusBadge } from '../../components/badges.tsx';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { formatDateTime } from '../../lib/format.ts';

export function CustomerAppeals({ customerId, total }: { customerId: string | null; total: number }) {
  const { t } = useTranslation();
  const appeals = useQuery({ ...customerAllAppealsQuery(customerId ?? ''), enabled: customerId !== null });

  const body =
    customerId === null || total === 0 ? (
      <EmptyState title={t('customers.noAppeals')} />
    ) : appeals.isPending ? (
      <TableSkeleton rows={4} />
    ) : appeals.isError ? (
      <ErrorState error={appeals.error} onRetry={() => void appeals.refetch()} />
    ) : (
      <Table.ScrollContainer minWidth={560}>
        <Table
          verticalSpacing={6}
          fz="sm"
          highlightOnHover
          aria-label={t('customers.appeals')}
          data-testid="customer-appeals"
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th>№</Table.Th>
              <Table.Th>{t('appeal.kind')}</Table.Th>
              <Table.Th>{t('appeal.subject')}</Table.Th>
              <Table.Th>{t('appeal.status')}</Table.Th>
              <Table.Th>{t('appeal.created')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {appeals.data.items.map((appeal) => (
              <Table.Tr key={appeal.id} data-appeal-number={appeal.number}>
                <Table.Td>
                  <Anchor component={Link} to={`/appeals/${appeal.id}`} fw={600} size="sm">
                    {appeal.number}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <KindBadge kind={appeal.kind} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" truncate maw={320} title={appeal.subject}>
                    {appeal.subject}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={appeal.status} />
                </Table.Td>
                <Table.Td>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(appeal.createdAt)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );

  return (
    <Paper withBorder p="md">
      <Title order={3} size="h5" mb="sm">
        {t('customers.appeals')}
      </Title>
      {body}
      {appeals.data && appeals.data.items.length < total && (
        <Text size="xs" c="dimmed" mt="xs">
          {t('customers.appealsShown', { shown: appeals.data.items.length, total })}
        </Text>
      )}
    </Paper>
  );
}
