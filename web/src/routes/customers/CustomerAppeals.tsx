// Every appeal of a customer with its kind and status, newest first.
import { Anchor, Badge, Paper, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { customerAllAppealsQuery } from '../../api/customers.ts';
import { StatusBadge, WHOLE } from '../../components/badges.tsx';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { formatDateTime } from '../../lib/format.ts';

const KIND_COLOR = { incident: 'red', thanks: 'green', question: 'blue', wish: 'violet', review: 'gray' } as const;

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
            {appeals.data.items.map((a) => (
              <Table.Tr key={a.id} data-appeal-number={a.number}>
                <Table.Td>
                  <Anchor component={Link} to={`/appeals/${a.id}`} fw={600} size="sm">
                    {a.number}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Badge variant="dot" tt="none" fw={500} style={WHOLE} color={KIND_COLOR[a.kind]}>
                    {t(`kind.${a.kind}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" truncate maw={320} title={a.subject}>
                    {a.subject}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={a.status} />
                </Table.Td>
                <Table.Td>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(a.createdAt)}
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
