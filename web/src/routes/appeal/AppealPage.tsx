// One appeal: the thread and its work on the left, properties, deadlines and the customer on the right.
import { Anchor, Grid, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { appealQuery } from '../../api/queries.ts';
import { abilities, useMe } from '../../auth/session.ts';
import { PriorityBadge, StatusBadge } from '../../components/badges.tsx';
import { ErrorState, PageSkeleton } from '../../components/states.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { AttachmentsPanel } from './AttachmentsPanel.tsx';
import { Composer } from './Composer.tsx';
import { CustomerPanel } from './CustomerPanel.tsx';
import { HistoryList } from './HistoryList.tsx';
import { PropertiesPanel } from './PropertiesPanel.tsx';
import { SlaPanel } from './SlaPanel.tsx';
import { Thread } from './Thread.tsx';

const route = getRouteApi('/app/appeals/$appealId');

export function AppealPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { appealId } = route.useParams();
  const loaded = useQuery(appealQuery(appealId));

  if (loaded.isPending) {
    return <PageSkeleton />;
  }
  if (loaded.isError) {
    return <ErrorState error={loaded.error} onRetry={() => void loaded.refetch()} />;
  }
  const appeal = loaded.data;
  const can = abilities(me.role);

  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Anchor component={Link} to={can.isUnitStaff ? '/queues/unit' : '/queues/mine'} size="sm">
          ← {t('appeal.backToQueue')}
        </Anchor>
        <Group gap="sm" align="center">
          <Title order={2} size="h3" data-testid="appeal-title">
            № {appeal.number} · {appeal.subject}
          </Title>
          <StatusBadge status={appeal.status} />
          <PriorityBadge priority={appeal.priority} />
        </Group>
        <Text size="sm" c="dimmed">
          {t(`kind.${appeal.kind}`)} · {t(`channel.${appeal.channel}`)} · {t('appeal.receivedAt')}{' '}
          {formatDateTime(appeal.receivedAt)}
          {appeal.sequenceNumber ? ` · ${t('appeal.sequenceNumber')} ${appeal.sequenceNumber}` : ''}
        </Text>
      </Stack>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            {appeal.description && (
              <Text style={{ whiteSpace: 'pre-wrap' }} size="sm">
                {appeal.description}
              </Text>
            )}
            <Tabs defaultValue="thread" keepMounted={false}>
              <Tabs.List>
                <Tabs.Tab value="thread">{t('appeal.thread')}</Tabs.Tab>
                <Tabs.Tab value="attachments">{t('appeal.attachments')}</Tabs.Tab>
                <Tabs.Tab value="history">{t('appeal.history')}</Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="thread" pt="sm">
                <Stack gap="md">
                  <Thread appealId={appeal.id} />
                  <Composer appealId={appeal.id} canReply={can.workAppeals} />
                </Stack>
              </Tabs.Panel>
              <Tabs.Panel value="attachments" pt="sm">
                <AttachmentsPanel appealId={appeal.id} />
              </Tabs.Panel>
              <Tabs.Panel value="history" pt="sm">
                <HistoryList appealId={appeal.id} />
              </Tabs.Panel>
            </Tabs>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="md">
            <PropertiesPanel appeal={appeal} />
            <SlaPanel sla={appeal.sla} />
            {can.readDirectory && (
              <CustomerPanel customerId={appeal.customerId} currentAppealId={appeal.id} canLink={can.workAppeals} />
            )}
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
