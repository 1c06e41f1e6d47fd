// The dashboard's charts, each in its card; a click on a bar or a slice opens the appeals behind it.
import { Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dashboard, DashboardBlock } from '../../api/contract.ts';
import { Chart, type ChartClick } from './Chart.tsx';
import { ChartCard, type ChartInstances } from './ChartCard.tsx';
import { topCategoriesBottomUp, type ChartOptions } from './chart-options.ts';
import type { useDrill } from './useDrill.ts';

export interface BlockProps {
  dashboard: Dashboard;
  /** The dashboard's filters as a query string, for the block's exports. */
  exportQuery: string;
}

export interface ChartBlockProps extends BlockProps {
  options: ChartOptions;
  charts: ChartInstances;
  drills: ReturnType<typeof useDrill>;
}

/** A block drawn as one chart, with what it says above the chart, or a "no data" line instead of it. */
function ChartBlock({
  block,
  option,
  height,
  onClick,
  above,
  empty = false,
  exportQuery,
  charts,
}: Pick<ChartBlockProps, 'exportQuery' | 'charts'> & {
  block: DashboardBlock;
  option: Record<string, unknown>;
  height?: number;
  onClick?: (click: ChartClick) => void;
  above?: ReactNode;
  empty?: boolean;
}) {
  const { t } = useTranslation('dashboard');
  return (
    <ChartCard block={block} title={t(block)} exportQuery={exportQuery} chart={charts.chartOf(block)}>
      {above}
      {empty ? (
        <Text c="dimmed" size="sm">
          {t('noData')}
        </Text>
      ) : (
        <Chart option={option} height={height} onReady={charts.readyFor(block)} onClick={onClick} />
      )}
    </ChartCard>
  );
}

export function AppealsOverTimeBlock({ dashboard, options, drills, ...card }: ChartBlockProps) {
  const byKind = dashboard.appealsOverTime.byKind;
  return (
    <ChartBlock
      {...card}
      block="appealsOverTime"
      option={options.overTime}
      height={300}
      onClick={(click) => {
        const series = click.seriesIndex === undefined ? undefined : byKind[click.seriesIndex];
        if (series) {
          drills.drill({ kind: series.kind }, dashboard.buckets[click.dataIndex]);
        }
      }}
    />
  );
}

export function ChannelMixBlock({ dashboard, options, drills, ...card }: ChartBlockProps) {
  return (
    <ChartBlock
      {...card}
      block="channelMix"
      option={options.channels}
      onClick={(click) => drills.drill({ channel: dashboard.channelMix[click.dataIndex]?.channel })}
    />
  );
}

export function ThanksShareBlock({ dashboard, options, drills, ...card }: ChartBlockProps) {
  return (
    <ChartBlock
      {...card}
      block="thanksShare"
      option={options.thanks}
      onClick={(click) => drills.drill({ kind: 'thanks' }, dashboard.buckets[click.dataIndex])}
    />
  );
}

export function TopCategoriesBlock({ dashboard, options, drills, ...card }: ChartBlockProps) {
  return (
    <ChartBlock
      {...card}
      block="topCategories"
      option={options.categories}
      onClick={(click) => {
        const categoryId = topCategoriesBottomUp(dashboard)[click.dataIndex]?.categoryId;
        if (categoryId) {
          drills.drill({ categoryId: drills.categoryTree(categoryId) });
        }
      }}
    />
  );
}

export function LongServiceCausesBlock({ dashboard, options, drills, ...card }: ChartBlockProps) {
  return (
    <ChartBlock
      {...card}
      block="longServiceCauses"
      option={options.causes}
      empty={dashboard.longServiceCauses.length === 0}
      onClick={(click) => {
        const categoryId = dashboard.longServiceCauses[click.dataIndex]?.categoryId;
        if (categoryId) {
          drills.drill({ categoryId: [categoryId] });
        }
      }}
    />
  );
}

export function SlaBlock({ dashboard, options, ...card }: ChartBlockProps) {
  const { t } = useTranslation('dashboard');
  const total = dashboard.sla.total;
  return (
    <ChartBlock
      {...card}
      block="sla"
      option={options.sla}
      height={220}
      above={
        <Text size="sm">
          {t('compliance')}: <b>{total.compliancePercent ?? '—'}</b> · {t('met')} {total.met} · {t('breached')}{' '}
          {total.breached}
        </Text>
      }
    />
  );
}

export function BacklogBlock({ dashboard, options, drills, ...card }: ChartBlockProps) {
  const { t } = useTranslation('dashboard');
  return (
    <ChartBlock
      {...card}
      block="backlog"
      option={options.backlog}
      height={200}
      above={
        <Text size="sm">
          {t('open')}: <b>{dashboard.backlog.open}</b> · {t('overdue')}: <b>{dashboard.backlog.overdue}</b>
        </Text>
      }
      onClick={(click) => {
        const status = Object.keys(dashboard.backlog.byStatus)[click.dataIndex];
        if (status) {
          drills.drillStatus(status);
        }
      }}
    />
  );
}
