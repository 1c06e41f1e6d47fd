// The customer at a glance: contacts, how many thanks and complaints, their other appeals.
import { Anchor, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { customerAppealsQuery, customerQuery } from '../../api/queries.ts';
import { StatusBadge } from '../../components/badges.tsx';
import { ErrorState } from '../../components/states.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { AppealCounts } from '../customers/AppealCounts.tsx';
import { LinkCustomerButton } from './LinkCustomerDialog.tsx';

function CustomerSummary({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const customer = useQuery(customerQuery(customerId));
  if (customer.isPending) {
    return (
      <Stack gap={6}>
        <Skeleton height={18} width="60%" />
        <Skeleton height={14} />
        <Skeleton height={14} />
      </Stack>
    );
  }
  if (customer.isError) {
    return <ErrorState error={customer.error} onRetry={() => void customer.refetch()} />;
  }
  const { name, companyName, phones, emails, appeals } = customer.data;
  return (
    <Stack gap={6}>
      <Anchor component={Link} to={`/customers/${customerId}`} fw={600} title={t('customers.profile')}>
        {name ?? companyName ?? t('customer.unnamed')}
      </Anchor>
      {phones.map((phone) => (
        <Anchor key={phone.value} href={`tel:${phone.value}`} size="sm">
          {phone.value}
        </Anchor>
      ))}
      {emails.map((email) => (
        <Anchor key={email.value} href={`mailto:${email.value}`} size="sm">
          {email.value}
        </Anchor>
      ))}
      <AppealCounts counts={appeals} />
    </Stack>
  );
}

function OtherAppeals({ customerId, currentAppealId }: { customerId: string; currentAppealId: string }) {
  const { t } = useTranslation();
  const appeals = useQuery(customerAppealsQuery(customerId));
  if (appeals.isPending) {
    return <Skeleton height={40} />;
  }
  if (appeals.isError) {
    return null;
  }
  const others = appeals.data.items.filter((appeal) => appeal.id !== currentAppealId);
  if (others.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('customer.noOtherAppeals')}
      </Text>
    );
  }
  return (
    <Stack gap={4}>
      {others.map((appeal) => (
        <Group key={appeal.id} gap={6} wrap="nowrap" justify="space-between">
          <Anchor component={Link} to={`/appeals/${appeal.id}`} size="sm" truncate>
            № {appeal.number} · {appeal.subject}
          </Anchor>
          <Group gap={4} wrap="nowrap">
            <StatusBadge status={appeal.status} />
            <Text size="xs" c="dimmed">
              {formatDateTime(appeal.createdAt)}
            </Text>
          </Group>
        </Group>
      ))}
    </Stack>
  );
}

function PanelFrame({ heading, children }: { heading: ReactNode; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" aria-labelledby="customer-title" data-testid="customer-panel">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h5" id="customer-title">
          {t('customer.title')}
        </Title>
        {heading}
      </Group>
      {children}
    </Paper>
  );
}

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
  const link = canLink && <LinkCustomerButton appealId={currentAppealId} currentId={customerId} />;
  if (!customerId) {
    return (
      <PanelFrame heading={link}>
        <Text size="sm" c="dimmed">
          {t('customers.noCustomer')}
        </Text>
      </PanelFrame>
    );
  }
  return (
    <PanelFrame heading={link}>
      <CustomerSummary customerId={customerId} />
      <Title order={4} size="h6" mt="md" mb={4}>
        {t('customer.otherAppeals')}
      </Title>
      <OtherAppeals customerId={customerId} currentAppealId={currentAppealId} />
    </PanelFrame>
  );
}
