// The analytics dashboard: filters in the URL, every block from one request (GET /api/v1/analytics/dashboard), charts
// that open the matching appeals when clicked, and each block's exports.
import {
  Alert,
  Button,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import type { EChartsType } from 'echarts/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, queryString } from '../../api/client.ts';
import { APPEAL_KINDS, CHANNELS } from '../../api/types.ts';
import { ErrorState, PageSkeleton } from '../../components/states.tsx';
import { useDirectory } from '../../lib/directory.ts';
import { Chart, type ChartClick } from './Chart.tsx';
import { ChartCard, Sparkline } from './ChartCard.tsx';
import { type DrillSearch, periodSearch, withDescendants } from './drill.ts';
import './i18n.ts';
import type { BlockName, Dashboard, Filters, Grain, TableRow } from './types.ts';

const route = getRouteApi('/app/dashboard');
const KIND_COLORS: Record<string, string> = {
  incident: '#fa5252',
  thanks: '#40c057',
  question: '#228be6',
  wish: '#7950f2',
  review: '#868e96',
};

export function DashboardPage() {
  const { t } = useTranslation('dashboard');
  const { t: tc, i18n } = useTranslation();
  const search = route.useSearch();
  const nav = route.useNavigate();
  const navigate = useNavigate();
  const dir = useDirectory();
  const [charts, setCharts] = useState<Partial<Record<BlockName, EChartsType | null>>>({});
  const ready = (block: BlockName) => (c: EChartsType | null) =>
    setCharts((all) => (all[block] === c ? all : { ...all, [block]: c }));
  const query = queryString({ ...search });
  const dashboard = useQuery({
    queryKey: ['analytics', 'dashboard', search],
    queryFn: () => api.get<Dashboard>('/analytics/dashboard', { ...search }),
    placeholderData: (previous) => previous,
  });
  const set = (patch: Partial<Filters>) => void nav({ search: (s) => ({ ...s, ...patch }), replace: true });
  const en = i18n.language === 'en';

  const d = dashboard.data;
  const drill = (extra: DrillSearch, bucket?: string) => {
    if (!d) {
      return;
    }
    const f = d.filters;
    const categoryId = extra.categoryId ?? (f.categoryId ? withDescendants(dir.categories, f.categoryId) : undefined);
    void navigate({
      to: '/queues/$view',
      params: { view: 'all' },
      search: {
        kind: extra.kind ?? f.kind ?? undefined,
        channel: extra.channel ?? f.channel ?? undefined,
        unitId: extra.unitId ?? f.unitId ?? undefined,
        ...(categoryId ? { categoryId } : {}),
        ...periodSearch(f.from, f.to, f.timeZone, bucket ? { start: bucket, grain: f.grain } : undefined),
      },
    });
  };

  const options = useMemo(
    () =>
      d
        ? chartOptions(
            d,
            t,
            (k) => tc(`kind.${k}`),
            (c) => tc(`channel.${c}`),
            en,
          )
        : null,
    [d, t, tc, en],
  );
  const label = (r: TableRow) => (en ? r.nameEn : r.name);

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
      <Group gap="xs" align="flex-end" wrap="wrap">
        <TextInput
          type="date"
          label={t('from')}
          value={search.from ?? d?.filters.from ?? ''}
          onChange={(e) => set({ from: e.currentTarget.value || undefined })}
          w={160}
        />
        <TextInput
          type="date"
          label={t('to')}
          value={search.to ?? d?.filters.to ?? ''}
          onChange={(e) => set({ to: e.currentTarget.value || undefined })}
          w={160}
        />
        <Stack gap={2}>
          <Text size="sm" fw={500}>
            {t('grain')}
          </Text>
          <SegmentedControl
            size="xs"
            value={search.grain ?? 'month'}
            onChange={(v) => set({ grain: v as Grain })}
            data={(['month', 'week', 'day'] as const).map((g) => ({ value: g, label: t(g) }))}
          />
        </Stack>
        <Select
          label={t('unit')}
          placeholder={t('any')}
          clearable
          searchable
          w={220}
          value={search.unitId ?? null}
          data={dir.units.map((u) => ({ value: u.id, label: u.name }))}
          onChange={(v) => set({ unitId: v ?? undefined })}
        />
        <Select
          label={t('channel')}
          placeholder={t('any')}
          clearable
          w={170}
          value={search.channel ?? null}
          data={CHANNELS.map((c) => ({ value: c, label: tc(`channel.${c}`) }))}
          onChange={(v) => set({ channel: v ?? undefined })}
        />
        <Select
          label={t('kind')}
          placeholder={t('any')}
          clearable
          w={150}
          value={search.kind ?? null}
          data={APPEAL_KINDS.map((k) => ({ value: k, label: tc(`kind.${k}`) }))}
          onChange={(v) => set({ kind: v ?? undefined })}
        />
        <Select
          label={t('category')}
          placeholder={t('any')}
          clearable
          searchable
          w={240}
          value={search.categoryId ?? null}
          data={dir.categories.map((c) => ({ value: c.id, label: dir.categoryName(c) }))}
          onChange={(v) => set({ categoryId: v ?? undefined })}
        />
      </Group>
      {dashboard.isError ? (
        <ErrorState error={dashboard.error} onRetry={() => void dashboard.refetch()} />
      ) : !d || !options ? (
        <PageSkeleton />
      ) : (
        <>
          <Group gap="xl">
            <Text>
              <Text span fw={700} size="xl" data-testid="dashboard-total">
                {d.total.toLocaleString(i18n.language)}
              </Text>{' '}
              {t('total')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('drillHint')}
            </Text>
          </Group>
          <ChartCard
            block="appealsOverTime"
            title={t('appealsOverTime')}
            exportQuery={query}
            chart={charts.appealsOverTime ?? null}
          >
            <Chart
              option={options.overTime}
              height={300}
              onReady={ready('appealsOverTime')}
              onClick={(e: ChartClick) =>
                e.seriesIndex !== undefined &&
                e.seriesIndex < d.appealsOverTime.byKind.length &&
                drill({ kind: d.appealsOverTime.byKind[e.seriesIndex]!.kind }, d.buckets[e.dataIndex])
              }
            />
          </ChartCard>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <ChartCard block="channelMix" title={t('channelMix')} exportQuery={query} chart={charts.channelMix ?? null}>
              <Chart
                option={options.channels}
                onReady={ready('channelMix')}
                onClick={(e) => drill({ channel: d.channelMix[e.dataIndex]?.channel })}
              />
            </ChartCard>
            <ChartCard
              block="thanksShare"
              title={t('thanksShare')}
              exportQuery={query}
              chart={charts.thanksShare ?? null}
            >
              <Chart
                option={options.thanks}
                onReady={ready('thanksShare')}
                onClick={(e) => drill({ kind: 'thanks' }, d.buckets[e.dataIndex])}
              />
            </ChartCard>
            <ChartCard
              block="topCategories"
              title={t('topCategories')}
              exportQuery={query}
              chart={charts.topCategories ?? null}
            >
              <Chart
                option={options.categories}
                onReady={ready('topCategories')}
                onClick={(e) => {
                  const id = [...d.topCategories].reverse()[e.dataIndex]?.categoryId;
                  if (id) {
                    drill({ categoryId: withDescendants(dir.categories, id) });
                  }
                }}
              />
            </ChartCard>
            <ChartCard
              block="longServiceCauses"
              title={t('longServiceCauses')}
              exportQuery={query}
              chart={charts.longServiceCauses ?? null}
            >
              {d.longServiceCauses.length === 0 ? (
                <Text c="dimmed" size="sm">
                  {t('noData')}
                </Text>
              ) : (
                <Chart
                  option={options.causes}
                  onReady={ready('longServiceCauses')}
                  onClick={(e) => {
                    const id = d.longServiceCauses[e.dataIndex]?.categoryId;
                    if (id) {
                      drill({ categoryId: [id] });
                    }
                  }}
                />
              )}
            </ChartCard>
            <ChartCard block="sla" title={t('sla')} exportQuery={query} chart={charts.sla ?? null}>
              <Text size="sm">
                {t('compliance')}: <b>{d.sla.total.compliancePercent ?? '—'}</b> · {t('met')} {d.sla.total.met} ·{' '}
                {t('breached')} {d.sla.total.breached}
              </Text>
              <Chart option={options.sla} height={220} onReady={ready('sla')} />
            </ChartCard>
            <ChartCard block="times" title={t('times')} exportQuery={query}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th />
                    <Table.Th>{t('median')}</Table.Th>
                    <Table.Th>{t('p90')}</Table.Th>
                    <Table.Th>{t('count')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {(['firstResponse', 'resolution'] as const).map((m) => (
                    <Table.Tr key={m}>
                      <Table.Td>{t(m)}</Table.Td>
                      <Table.Td>{hours(d.times[m].median, t('hours'))}</Table.Td>
                      <Table.Td>{hours(d.times[m].p90, t('hours'))}</Table.Td>
                      <Table.Td>{d.times[m].count.toLocaleString(i18n.language)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {d.times.resolution.sampled && (
                <Text size="xs" c="dimmed">
                  {t('sampled')}
                </Text>
              )}
              {d.times.pendingAppeals > 0 && (
                <Text size="xs" c="dimmed">
                  {t('pending', { count: d.times.pendingAppeals })}
                </Text>
              )}
            </ChartCard>
            <ChartCard block="backlog" title={t('backlog')} exportQuery={query} chart={charts.backlog ?? null}>
              <Text size="sm">
                {t('open')}: <b>{d.backlog.open}</b> · {t('overdue')}: <b>{d.backlog.overdue}</b>
              </Text>
              <Chart
                option={options.backlog}
                height={200}
                onReady={ready('backlog')}
                onClick={(e) => {
                  const status = Object.keys(d.backlog.byStatus)[e.dataIndex];
                  if (status) {
                    void navigate({
                      to: '/queues/$view',
                      params: { view: 'all' },
                      search: {
                        status: [status],
                        kind: d.filters.kind ?? undefined,
                        channel: d.filters.channel ?? undefined,
                        unitId: d.filters.unitId ?? undefined,
                      },
                    });
                  }
                }}
              />
            </ChartCard>
            <ChartCard block="submissionErrors" title={t('submissionErrors')} exportQuery={query}>
              {d.submissionErrors.length === 0 ? (
                <Text c="dimmed" size="sm">
                  {t('noData')}
                </Text>
              ) : (
                <Table>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('unit')}</Table.Th>
                      <Table.Th>{t('rejections')}</Table.Th>
                      <Table.Th>{t('submissions')}</Table.Th>
                      <Table.Th>{t('errorRate')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {d.submissionErrors.map((r) => (
                      <Table.Tr key={r.unitId}>
                        <Table.Td>{r.unitName}</Table.Td>
                        <Table.Td>{r.rejections}</Table.Td>
                        <Table.Td>{r.submissions}</Table.Td>
                        <Table.Td>{r.errorRate === null ? '—' : `${r.errorRate} %`}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </ChartCard>
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, lg: 3 }}>
            {(['units', 'agents', 'categories'] as const).map((block) => (
              <ChartCard key={block} block={block} title={t(block)} exportQuery={query}>
                <Table striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('name')}</Table.Th>
                      <Table.Th>{t('appeals')}</Table.Th>
                      <Table.Th>{t('trend')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {d[block].slice(0, 15).map((r) => (
                      <Table.Tr
                        key={r.id ?? 'none'}
                        style={{ cursor: block === 'agents' || !r.id ? undefined : 'pointer' }}
                        onClick={() => {
                          if (!r.id) {
                            return;
                          }
                          if (block === 'units') {
                            drill({ unitId: r.id });
                          }
                          if (block === 'categories') {
                            drill({ categoryId: withDescendants(dir.categories, r.id) });
                          }
                        }}
                      >
                        <Table.Td>
                          <Text size="sm" truncate maw={180}>
                            {label(r)}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          {r.appeals.toLocaleString(i18n.language)}
                          {r.share !== null && (
                            <Text span size="xs" c="dimmed">
                              {' '}
                              · {r.share} %
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Sparkline values={r.series} />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ChartCard>
            ))}
          </SimpleGrid>
          <Alert variant="light" title={t('satisfaction')}>
            {!d.satisfaction.available
              ? t('satisfactionUnavailable')
              : d.satisfaction.indices.every((x) => x.sampleSize === 0)
                ? t('noSurveys')
                : d.satisfaction.indices.map((x) => (
                    <Text key={x.key} size="sm">
                      {t(`index.${x.key}`)}:{' '}
                      {x.value === null ? '—' : (Math.round(x.value * 100) / 100).toLocaleString(i18n.language)} (n ={' '}
                      {x.sampleSize.toLocaleString(i18n.language)})
                    </Text>
                  ))}
          </Alert>
        </>
      )}
    </Stack>
  );
}

const hours = (minutes: number | null, unit: string) =>
  minutes === null ? '—' : `${(Math.round(minutes / 6) / 10).toLocaleString()} ${unit}`;

type T = (key: string, o?: Record<string, unknown>) => string;

/** Every chart's ECharts option, from the dashboard answer. */
function chartOptions(
  d: Dashboard,
  t: T,
  kindName: (k: string) => string,
  channelName: (c: string) => string,
  en: boolean,
) {
  const axis = { type: 'category' as const, data: d.buckets };
  const tooltip = { trigger: 'axis' as const };
  const grid = { left: 48, right: 16, top: 32, bottom: 32 };
  const catName = (r: { nameRu: string; nameEn: string }) => (en ? r.nameEn : r.nameRu);
  const top = [...d.topCategories].reverse();
  return {
    overTime: {
      tooltip,
      grid,
      legend: { top: 0 },
      xAxis: axis,
      yAxis: { type: 'value' },
      series: [
        ...d.appealsOverTime.byKind.map((k) => ({
          name: kindName(k.kind),
          type: 'bar',
          stack: 'kind',
          data: k.values,
          itemStyle: { color: KIND_COLORS[k.kind] },
        })),
        {
          name: t('previousYear'),
          type: 'line',
          data: d.appealsOverTime.previousYear.total,
          lineStyle: { type: 'dashed' },
          itemStyle: { color: '#495057' },
        },
      ],
    },
    channels: {
      tooltip: { trigger: 'item' as const, formatter: '{b}: {c} ({d}%)' },
      series: [
        {
          type: 'pie',
          radius: ['35%', '70%'],
          data: d.channelMix.map((c) => ({ name: channelName(c.channel), value: c.appeals })),
        },
      ],
    },
    thanks: {
      tooltip,
      grid,
      xAxis: axis,
      yAxis: { type: 'value', max: 100 },
      series: [
        {
          name: t('thanksShare'),
          type: 'bar',
          data: d.thanksShare.map((r) => r.share ?? 0),
          itemStyle: { color: KIND_COLORS.thanks },
        },
      ],
    },
    categories: {
      tooltip,
      grid: { ...grid, left: 180 },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: top.map(catName), axisLabel: { width: 170, overflow: 'truncate' } },
      series: [{ type: 'bar', data: top.map((r) => r.appeals) }],
    },
    causes: {
      tooltip: { trigger: 'item' as const, formatter: '{b}: {c} ({d}%)' },
      series: [
        { type: 'pie', radius: '70%', data: d.longServiceCauses.map((r) => ({ name: catName(r), value: r.appeals })) },
      ],
    },
    sla: {
      tooltip,
      grid,
      legend: { top: 0 },
      xAxis: { type: 'category', data: d.sla.byMonth.map((r) => r.bucket.slice(0, 7)) },
      yAxis: [{ type: 'value' }, { type: 'value', max: 100 }],
      series: [
        {
          name: t('met'),
          type: 'bar',
          stack: 'sla',
          data: d.sla.byMonth.map((r) => r.met),
          itemStyle: { color: '#40c057' },
        },
        {
          name: t('breached'),
          type: 'bar',
          stack: 'sla',
          data: d.sla.byMonth.map((r) => r.breached),
          itemStyle: { color: '#fa5252' },
        },
        { name: t('compliance'), type: 'line', yAxisIndex: 1, data: d.sla.byMonth.map((r) => r.compliancePercent) },
      ],
    },
    backlog: {
      tooltip,
      grid,
      xAxis: { type: 'category', data: Object.keys(d.backlog.byStatus).map((s) => t(`status.${s}`)) },
      yAxis: { type: 'value' },
      series: [{ type: 'bar', data: Object.values(d.backlog.byStatus) }],
    },
  };
}
