// Every dashboard chart's ECharts option, from the dashboard answer. Pure.
import type { Dashboard } from '../../api/contract.ts';

type Translate = (key: string, options?: Record<string, unknown>) => string;

export interface ChartWords {
  /** The dashboard's own words (its i18n namespace). */
  t: Translate;
  kindName: (kind: string) => string;
  channelName: (channel: string) => string;
  /** Categories are named in English, or else in Russian. */
  english: boolean;
}

export const KIND_COLORS: Record<string, string> = {
  incident: '#fa5252',
  thanks: '#40c057',
  question: '#228be6',
  wish: '#7950f2',
  review: '#868e96',
};

// Tooltips drawn on the canvas: ECharts' HTML tooltips are markup with style attributes, which the web app's
// Content-Security-Policy refuses (src/server/security-headers.ts).
const tooltip = { trigger: 'axis' as const, renderMode: 'richText' as const };
const sliceTooltip = { trigger: 'item' as const, formatter: '{b}: {c} ({d}%)', renderMode: 'richText' as const };
const grid = { left: 48, right: 16, top: 32, bottom: 32 };

/** The top categories as the bar chart draws them: the biggest at the top. */
export const topCategoriesBottomUp = (dashboard: Dashboard) => [...dashboard.topCategories].reverse();

function overTime(dashboard: Dashboard, { t, kindName }: ChartWords) {
  return {
    tooltip,
    grid,
    legend: { top: 0 },
    xAxis: { type: 'category', data: dashboard.buckets },
    yAxis: { type: 'value' },
    series: [
      ...dashboard.appealsOverTime.byKind.map((series) => ({
        name: kindName(series.kind),
        type: 'bar',
        stack: 'kind',
        data: series.values,
        itemStyle: { color: KIND_COLORS[series.kind] },
      })),
      {
        name: t('previousYear'),
        type: 'line',
        data: dashboard.appealsOverTime.previousYear.total,
        lineStyle: { type: 'dashed' },
        itemStyle: { color: '#495057' },
      },
    ],
  };
}

function thanks(dashboard: Dashboard, { t }: ChartWords) {
  return {
    tooltip,
    grid,
    xAxis: { type: 'category', data: dashboard.buckets },
    yAxis: { type: 'value', max: 100 },
    series: [
      {
        name: t('thanksShare'),
        type: 'bar',
        data: dashboard.thanksShare.map((row) => row.share ?? 0),
        itemStyle: { color: KIND_COLORS.thanks },
      },
    ],
  };
}

function categories(dashboard: Dashboard, { english }: ChartWords) {
  const top = topCategoriesBottomUp(dashboard);
  return {
    tooltip,
    grid: { ...grid, left: 180 },
    xAxis: { type: 'value' },
    yAxis: {
      type: 'category',
      data: top.map((row) => (english ? row.nameEn : row.nameRu)),
      axisLabel: { width: 170, overflow: 'truncate' },
    },
    series: [{ type: 'bar', data: top.map((row) => row.appeals) }],
  };
}

function sla(dashboard: Dashboard, { t }: ChartWords) {
  const months = dashboard.sla.byMonth;
  return {
    tooltip,
    grid,
    legend: { top: 0 },
    xAxis: { type: 'category', data: months.map((month) => month.bucket.slice(0, 7)) },
    yAxis: [{ type: 'value' }, { type: 'value', max: 100 }],
    series: [
      {
        name: t('met'),
        type: 'bar',
        stack: 'sla',
        data: months.map((month) => month.met),
        itemStyle: { color: '#40c057' },
      },
      {
        name: t('breached'),
        type: 'bar',
        stack: 'sla',
        data: months.map((month) => month.breached),
        itemStyle: { color: '#fa5252' },
      },
      { name: t('compliance'), type: 'line', yAxisIndex: 1, data: months.map((month) => month.compliancePercent) },
    ],
  };
}

export function chartOptions(dashboard: Dashboard, words: ChartWords) {
  const { t, channelName, english } = words;
  return {
    overTime: overTime(dashboard, words),
    channels: {
      tooltip: sliceTooltip,
      series: [
        {
          type: 'pie',
          radius: ['35%', '70%'],
          data: dashboard.channelMix.map((row) => ({ name: channelName(row.channel), value: row.appeals })),
        },
      ],
    },
    thanks: thanks(dashboard, words),
    categories: categories(dashboard, words),
    causes: {
      tooltip: sliceTooltip,
      series: [
        {
          type: 'pie',
          radius: '70%',
          data: dashboard.longServiceCauses.map((row) => ({
            name: english ? row.nameEn : row.nameRu,
            value: row.appeals,
          })),
        },
      ],
    },
    sla: sla(dashboard, words),
    backlog: {
      tooltip,
      grid,
      xAxis: { type: 'category', data: Object.keys(dashboard.backlog.byStatus).map((status) => t(`status.${status}`)) },
      yAxis: { type: 'value' },
      series: [{ type: 'bar', data: Object.values(dashboard.backlog.byStatus) }],
    },
  };
}

export type ChartOptions = ReturnType<typeof chartOptions>;
