// The analytics dashboard: filters in the URL, every block from one request (GET /api/v1/analytics/dashboard), charts
// that open the matching appeals when clicked, and each block's exports.
import { Button, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api, queryString } from '../../api/client.ts';
import type { Dashboard } from '../../api/contract.ts';
import { ErrorState, PageSkeleton } from '../../components/states.tsx';
import {
  AppealsOverTimeBlock,
  BacklogBlock,
  ChannelMixBlock,
  LongServiceCausesBlock,
  SlaBlock,
  ThanksShareBlock,
  TopCategoriesBlock,
} from './ChartBlocks.tsx';
import { useChartInstances } from './ChartCard.tsx';
import { chartOptions } from './chart-options.ts';
import { DashboardFilters } from './DashboardFilters.tsx';
import './i18n.ts';
import type { DashboardSearch } from './search.ts';
import { RankingBlocks, SatisfactionBlock, SubmissionErrorsBlock, TimesBlock } from './TableBlocks.tsx';
import { useDrill } from './useDrill.ts';

const route = getRouteApi('/app/dashboard');

export function DashboardPage() {
  const { t, i18n } = useTranslation('dashboard');
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const query = queryString({ ...search });
  const dashboard = useQuery({
    queryKey: ['analytics', 'dashboard', search],
    queryFn: () => api.get<Dashboard>('/analytics/dashboard', { ...search }),
    placeholderData: (previous) => previous,
  });
  const filter = (patch: DashboardSearch) =>
    void navigate({ search: (current) => ({ ...current, ...patch }), replace: true });

  return (
    <Stack gap="sm" data-dashboard-state={dashboard.isPending ? 'loading' : dashboard.isError ? 'error' : 'ready'}>
      <Group justify="space-between">
        <Title order={2} size="h3">
          {t('title')}
        </Title>
        <Button
          size="xs"
          variant="light"
          component="a"
          download
          href={`/api/v1/analytics/export${query}${query ? '&' : '?'}locale=${i18n.language}`}
        >
          {t('exportAll')}
        </Button>
      </Group>
      <DashboardFilters search={search} shown={dashboard.data?.filters} onChange={filter} />
      {dashboard.isError ? (
        <ErrorState error={dashboard.error} onRetry={() => void dashboard.refetch()} />
      ) : !dashboard.data ? (
        <PageSkeleton />
      ) : (
        <DashboardBlocks dashboard={dashboard.data} exportQuery={query} />
      )}
    </Stack>
  );
}

function DashboardBlocks({ dashboard, exportQuery }: { dashboard: Dashboard; exportQuery: string }) {
  const { t } = useTranslation('dashboard');
  const { t: common, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const options = useMemo(
    () =>
      chartOptions(dashboard, {
        t,
        kindName: (kind) => common(`kind.${kind}`),
        channelName: (channel) => common(`channel.${channel}`),
        english,
      }),
    [dashboard, t, common, english],
  );
  const charts = useChartInstances();
  const drills = useDrill(dashboard);
  const blocks = { dashboard, exportQuery, options, charts, drills };

  return (
    <>
      <Group gap="xl">
        <Text>
          <Text span fw={700} size="xl" data-testid="dashboard-total">
            {dashboard.total.toLocaleString(i18n.language)}
          </Text>{' '}
          {t('total')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('drillHint')}
        </Text>
      </Group>
      <AppealsOverTimeBlock {...blocks} />
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <ChannelMixBlock {...blocks} />
        <ThanksShareBlock {...blocks} />
        <TopCategoriesBlock {...blocks} />
        <LongServiceCausesBlock {...blocks} />
        <SlaBlock {...blocks} />
        <TimesBlock {...blocks} />
        <BacklogBlock {...blocks} />
        <SubmissionErrorsBlock {...blocks} />
      </SimpleGrid>
      <RankingBlocks {...blocks} />
      <SatisfactionBlock dashboard={dashboard} />
    </>
  );
}
