// The customer at a glance: contacts, how many thanks and complaints, their other appeals.
import { Anchor, Badge, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { customerAppealsQuery, customerQuery } from '../../api/queries.ts';
import { StatusBadge } from '../../components/badges.tsx';
import { ErrorState } from '../../components/states.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { LinkCustomerButton } from './LinkCustomerDialog.tsx';

export function CustomerPanel({
  customerId,
  currentAppealId,
  canLink,
}: {
  customerId: string | null;
  currentAppealId: string;
  canLink: boolean;
}) {
  const { t } = useTranslation();
  if (!customerId) {
    return (
      <Paper withBorder p="sm" aria-labelledby="customer-title" data-testid="customer-panel">
        <Group justify="space-between" mb="xs">
          <Title order={3} size="h5" id="customer-title">
            {t('customer.title')}
          </Title>
          {canLink && <LinkCustomerButton appealId={currentAppealId} currentId={null} />}
        </Group>
        <Text size="sm" c="dimmed">
          {t('customers.noCustomer')}
        </Text>
      </Paper>
    );
  }
  return <KnownCustomer customerId={customerId} currentAppealId={currentAppealId} canLink={canLink} />;
}

function KnownCustomer({
  customerId,
  currentAppealId,
  canLink,
}: {
  customerId: string;
  currentAppealId: string;
  canLink: boolean;
}) {
  const { t } = useTranslation();
  const customer = useQuery(customerQuery(customerId));
  const appeals = useQuery(customerAppealsQuery(customerId));

  return (
    <Paper withBorder p="sm" aria-labelledby="customer-title" data-testid="customer-panel">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h5" id="customer-title">
          {t('customer.title')}
        </Title>
        {canLink && <LinkCustomerButton appealId={currentAppealId} currentId={customerId} />}
      </Group>
      {customer.isPending ? (
        <Stack gap={6}>
          <Skeleton height={18} width="60%" />
          <Skeleton height={14} />
          <Skeleton height={14} />
        </Stack>
      ) : customer.isError ? (
        <ErrorState error={customer.error} onRetry={() => void customer.refetch()} />
      ) : (
        <Stack gap={6}>
          <Anchor component={Link} to={`/customers/${customerId}`} fw={600} title={t('customers.profile')}>
            {customer.data.name ?? customer.data.companyName ?? t('customer.unnamed')}
          </Anchor>
          {customer.data.phones.map((p) => (
            <Anchor key={p.value} href={`tel:${p.value}`} size="sm">
              {p.value}
            </Anchor>
          ))}
          {customer.data.emails.map((e) => (
            <Anchor key={e.value} href={`mailto:${e.value}`} size="sm">
              {e.value}
            </Anchor>
          ))}
          <Group gap={6}>
            <Badge color="green" variant="light">
              {t('customer.thanks', { count: customer.data.appeals.thanks })}
            </Badge>
            <Badge color="red" variant="light">
              {t('customer.complaints', { count: customer.data.appeals.incidents })}
            </Badge>
            <Badge color="gray" variant="light">
              {t('customer.total', { count: customer.data.appeals.total })}
            </Badge>
          </Group>
        </Stack>
      )}
      <Title order={4} size="h6" mt="md" mb={4}>
        {t('customer.otherAppeals')}
      </Title>
      {appeals.isPending ? (
        <Skeleton height={40} />
      ) : appeals.isError ? null : (
        (() => {
          const others = appeals.data.items.filter((a) => a.id !== currentAppealId);
          if (others.length === 0) {
            return (
              <Text size="sm" c="dimmed">
                {t('customer.noOtherAppeals')}
              </Text>
            );
          }
          return (
            <Stack gap={4}>
              {others.map((a) => (
                <Group key={a.id} gap={6} wrap="nowrap" justify="space-between">
                  <Anchor component={Link} to={`/appeals/${a.id}`} size="sm" truncate>
                    № {a.number} · {a.subject}
                  </Anchor>
                  <Group gap={4} wrap="nowrap">
                    <StatusBadge status={a.status} />
                    <Text size="xs" c="dimmed">
                      {formatDateTime(a.createdAt)}
                    </Text>
                  </Group>
                </Group>
              ))}
            </Stack>
          );
        })()
      )}
    </Paper>
  );
}
