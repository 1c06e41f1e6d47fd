// Each dashboard block as a table (header + rows), and that table as CSV or an XLSX workbook.
import type * as ExcelJS from 'exceljs';
import { lazyRequire } from '../../server/lazy-require.ts';
import type { Block, Dashboard } from './analytics.schema.ts';

const excel = lazyRequire<typeof ExcelJS>('exceljs');

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type Cell = string | number | null;
export interface Table {
  title: string;
  columns: string[];
  rows: Cell[][];
}
type Locale = 'ru' | 'en';

const HEADINGS = {
  ru: {
    bucket: 'Период',
    total: 'Всего',
    prev: 'год назад',
    channel: 'Канал',
    appeals: 'Обращения',
    share: 'Доля, %',
    category: 'Категория',
    code: 'Код',
    thanks: 'Благодарности',
    met: 'В срок',
    breached: 'Нарушено',
    open: 'Открыто',
    compliance: 'Соблюдение, %',
    metric: 'Показатель',
    count: 'Количество',
    median: 'Медиана, раб. мин',
    p90: '90-й процентиль, раб. мин',
    firstResponse: 'Первый ответ',
    resolution: 'Решение',
    status: 'Статус',
    overdue: 'Просрочено',
    unit: 'Подразделение',
    agent: 'Сотрудник',
    rejections: 'Ошибки подачи',
    submissions: 'Принято',
    errorRate: 'Доля ошибок, %',
    codes: 'Ошибки по видам',
  },
  en: {
    bucket: 'Period',
    total: 'Total',
    prev: 'year before',
    channel: 'Channel',
    appeals: 'Appeals',
    share: 'Share, %',
    category: 'Category',
    code: 'Code',
    thanks: 'Thanks',
    met: 'Met',
    breached: 'Breached',
    open: 'Open',
    compliance: 'Compliance, %',
    metric: 'Metric',
    count: 'Count',
    median: 'Median, working min',
    p90: '90th percentile, working min',
    firstResponse: 'First response',
    resolution: 'Resolution',
    status: 'Status',
    overdue: 'Overdue',
    unit: 'Unit',
    agent: 'Agent',
    rejections: 'Submission errors',
    submissions: 'Accepted',
    errorRate: 'Error rate, %',
    codes: 'Errors by kind',
  },
} as const;

type Headings = (typeof HEADINGS)[Locale];
interface TableSource {
  figures: Dashboard;
  headings: Headings;
  locale: Locale;
}
interface SeriesRow {
  name: string;
  series: number[];
  appeals: number;
  share: number | null;
}

/** A name in the reader's language. */
const nameIn = (locale: Locale, row: { nameRu?: string; name?: string; nameEn: string }) =>
  locale === 'ru' ? (row.nameRu ?? row.name ?? row.nameEn) : row.nameEn;

/** Rows of a name, its appeals and share, and its count in each bucket. */
const seriesTable = ({ figures, headings }: TableSource, title: Block, label: string, rows: SeriesRow[]): Table => ({
  title,
  columns: [label, headings.appeals, headings.share, ...figures.buckets],
  rows: rows.map((row) => [row.name, row.appeals, row.share, ...row.series]),
});

function appealsOverTimeTable({ figures, headings }: TableSource): Table {
  const { buckets, total, byKind, previousYear } = figures.appealsOverTime;
  const yearBefore = (label: string) => `${label} (${headings.prev})`;
  return {
    title: 'appealsOverTime',
    columns: [
      headings.bucket,
      headings.total,
      ...byKind.map((series) => series.kind),
      yearBefore(headings.total),
      ...byKind.map((series) => yearBefore(series.kind)),
    ],
    rows: buckets.map((bucket, index) => [
      bucket,
      total[index] ?? null,
      ...byKind.map((series) => series.values[index] ?? null),
      previousYear.total[index] ?? null,
      ...previousYear.byKind.map((series) => series.values[index] ?? null),
    ]),
  };
}

function slaTable({ figures, headings }: TableSource): Table {
  const { byMonth, total } = figures.sla;
  return {
    title: 'sla',
    columns: [headings.bucket, headings.met, headings.breached, headings.open, headings.compliance],
    rows: [
      ...byMonth.map((month) => [month.bucket, month.met, month.breached, month.open, month.compliancePercent]),
      [headings.total, total.met, total.breached, total.open, total.compliancePercent],
    ],
  };
}

function timesTable({ figures, headings }: TableSource): Table {
  const { firstResponse, resolution } = figures.times;
  return {
    title: 'times',
    columns: [headings.metric, headings.count, headings.median, headings.p90],
    rows: [
      [headings.firstResponse, firstResponse.count, firstResponse.median, firstResponse.p90],
      [headings.resolution, resolution.count, resolution.median, resolution.p90],
    ],
  };
}

function submissionErrorsTable({ figures, headings }: TableSource): Table {
  const byCode = (counts: Record<string, number>) =>
    Object.entries(counts)
      .map(([code, count]) => `${code}: ${count}`)
      .join('; ');
  return {
    title: 'submissionErrors',
    columns: [headings.unit, headings.rejections, headings.submissions, headings.errorRate, headings.codes],
    rows: figures.submissionErrors.map((unit) => [
      unit.unitName,
      unit.rejections,
      unit.submissions,
      unit.errorRate,
      byCode(unit.byCode),
    ]),
  };
}

/** Each block's table. */
const TABLES: { [B in Block]: (source: TableSource) => Table } = {
  appealsOverTime: appealsOverTimeTable,
  channelMix: (source) =>
    seriesTable(
      source,
      'channelMix',
      source.headings.channel,
      source.figures.channelMix.map((row) => ({ ...row, name: row.channel })),
    ),
  topCategories: (source) =>
    seriesTable(
      source,
      'topCategories',
      source.headings.category,
      source.figures.topCategories.map((row) => ({ ...row, name: nameIn(source.locale, row) })),
    ),
  longServiceCauses: (source) =>
    seriesTable(
      source,
      'longServiceCauses',
      source.headings.category,
      source.figures.longServiceCauses.map((row) => ({ ...row, name: nameIn(source.locale, row) })),
    ),
  thanksShare: ({ figures, headings }) => ({
    title: 'thanksShare',
    columns: [headings.bucket, headings.thanks, headings.appeals, headings.share],
    rows: figures.thanksShare.map((row) => [row.bucket, row.thanks, row.appeals, row.share]),
  }),
  sla: slaTable,
  times: timesTable,
  backlog: ({ figures, headings }) => ({
    title: 'backlog',
    columns: [headings.status, headings.count],
    rows: [
      ...Object.entries(figures.backlog.byStatus),
      [headings.open, figures.backlog.open],
      [headings.overdue, figures.backlog.overdue],
    ],
  }),
  units: (source) => namedTable(source, 'units', source.headings.unit),
  agents: (source) => namedTable(source, 'agents', source.headings.agent),
  categories: (source) => namedTable(source, 'categories', source.headings.category),
  submissionErrors: submissionErrorsTable,
};

function namedTable(source: TableSource, block: 'units' | 'agents' | 'categories', label: string): Table {
  const rows = source.figures[block].map((row) => ({ ...row, name: nameIn(source.locale, row) }));
  return seriesTable(source, block, label, rows);
}

/** The data of one block as a flat table, in the reader's language. */
export function blockTable(figures: Dashboard, block: Block, locale: Locale): Table {
  return TABLES[block]({ figures, headings: HEADINGS[locale], locale });
}

const csvCell = (cell: Cell): string => {
  if (cell === null) {
    return '';
  }
  // A name starting like a formula would run as one in a spreadsheet program.
  const text = typeof cell === 'string' && /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : String(cell);
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** RFC 4180 CSV with a byte-order mark, so that spreadsheet programs read UTF-8 Cyrillic correctly. */
export function toCsv(table: Table): string {
  return '\uFEFF' + [table.columns, ...table.rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** A workbook with one sheet per table. */
export async function toXlsx(tables: readonly Table[]): Promise<Buffer> {
  const workbook = new (excel().Workbook)();
  workbook.creator = 'Otklik';
  const used = new Set<string>();
  for (const table of tables) {
    let sheetName = table.title.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'Sheet';
    for (let i = 2; used.has(sheetName); i++) {
      sheetName = `${table.title.slice(0, 28)} ${i}`;
    }
    used.add(sheetName);
    const sheet = workbook.addWorksheet(sheetName);
    sheet.addRow(table.columns).font = { bold: true };
    for (const row of table.rows) {
      sheet.addRow(row);
    }
    sheet.columns.forEach((column, index) => {
      const cells = [table.columns[index], ...table.rows.map((row) => row[index])];
      column.width = Math.min(40, Math.max(10, ...cells.map((cell) => String(cell ?? '').length + 2)));
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
