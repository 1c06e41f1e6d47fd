// A dashboard block: its title, its content, and the exports (PNG of the chart, CSV/XLSX of the block's data).
import { Button, Group, Paper, Stack, Title } from '@mantine/core';
import type { EChartsType } from 'echarts/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DashboardBlock } from '../../api/contract.ts';

function download(href: string, fileName: string) {
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
}

/** The charts on screen by block, for their cards' PNG export: a chart hands its instance over once drawn. */
export function useChartInstances() {
  const [charts, setCharts] = useState<Partial<Record<DashboardBlock, EChartsType | null>>>({});
  return {
    chartOf: (block: DashboardBlock) => charts[block] ?? null,
    readyFor: (block: DashboardBlock) => (chart: EChartsType | null) =>
      setCharts((all) => (all[block] === chart ? all : { ...all, [block]: chart })),
  };
}
export type ChartInstances = ReturnType<typeof useChartInstances>;

export function ChartCard({
  block,
  title,
  exportQuery,
  chart,
  children,
}: {
  block: DashboardBlock;
  title: string;
  exportQuery: string;
  chart?: EChartsType | null;
  children: ReactNode;
}) {
  const { t, i18n } = useTranslation('dashboard');
  const file = (format: 'csv' | 'xlsx') =>
    `/api/v1/analytics/blocks/${block}/export?${exportQuery}&format=${format}&locale=${i18n.language}`;
  return (
    <Paper withBorder p="sm" data-block={block}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Title order={3} size="h5">
            {title}
          </Title>
          <Group gap={4} wrap="nowrap">
            {chart !== undefined && (
              <Button
                size="compact-xs"
                variant="subtle"
                disabled={!chart}
                onClick={() =>
                  chart &&
                  download(
                    chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' }),
                    `otklik-${block}.png`,
                  )
                }
              >
                {t('png')}
              </Button>
            )}
            <Button size="compact-xs" variant="subtle" component="a" href={file('csv')} download>
              {t('csv')}
            </Button>
            <Button size="compact-xs" variant="subtle" component="a" href={file('xlsx')} download>
              {t('xlsx')}
            </Button>
          </Group>
        </Group>
        {children}
      </Stack>
    </Paper>
  );
}

/** A small line of a series, drawn as SVG: cheap enough for one per table row. */
export function Sparkline({
  values,
  width = 120,
  height = 24,
}: {
  values: readonly number[];
  width?: number;
  height?: number;
}) {
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const points = values
    .map((value, index) => `${(index * step).toFixed(1)},${(height - 1 - ((height - 2) * value) / max).toFixed(1)}`)
    .join(' ');
  return (
    <svg width={width} height={height} role="img" aria-hidden="true">
      <polyline points={points} fill="none" stroke="var(--mantine-color-blue-6)" strokeWidth={1.5} />
    </svg>
  );
}
