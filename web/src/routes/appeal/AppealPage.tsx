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
  const appeal = useQuery(appealQuery(appealId));

  if (appeal.isPending) {
    return <PageSkeleton />;
  }
  if (appeal.isError) {
    return <ErrorState error={appeal.error} onRetry={() => void appeal.refetch()} />;
  }
  const a = appeal.data;
  const can = abilities(me.role);

  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Anchor component={Link} to={can.isUnitStaff ? '/queues/unit' : '/queues/mine'} size="sm">
          ← {t('appeal.backToQueue')}
        </Anchor>
        <Group gap="sm" align="center">
          <Title order={2} size="h3" data-testid="appeal-title">
            № {a.number} · {a.subject}
          </Title>
          <StatusBadge status={a.status} />
          <PriorityBadge priority={a.priority} />
        </Group>
        <Text size="sm" c="dimmed">
          {t(`kind.${a.kind}`)} · {t(`channel.${a.channel}`)} · {t('appeal.receivedAt')} {formatDateTime(a.receivedAt)}
          {a.sequenceNumber ? ` · ${t('appeal.sequenceNumber')} ${a.sequenceNumber}` : ''}
        </Text>
      </Stack>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            {a.description && (
              <Text style={{ whiteSpace: 'pre-wrap' }} size="sm">
                {a.description}
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
                  <Thread appealId={a.id} />
                  <Composer appealId={a.id} canReply={can.workAppeals} />
                </Stack>
              </Tabs.Panel>
              <Tabs.Panel value="attachments" pt="sm">
                <AttachmentsPanel appealId={a.id} />
              </Tabs.Panel>
              <Tabs.Panel value="history" pt="sm">
                <HistoryList appealId={a.id} />
              </Tabs.Panel>
            </Tabs>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="md">
            <PropertiesPanel appeal={a} />
            <SlaPanel sla={a.sla} />
            {can.readDirectory && (
              <CustomerPanel customerId={a.customerId} currentAppealId={a.id} canLink={can.workAppeals} />
            )}
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
