// Each dashboard block as a table (header + rows), and that table as CSV or an XLSX workbook.
import type * as ExcelJS from 'exceljs';
import { lazyRequire } from '../../server/lazy-require.ts';

const excel = lazyRequire<typeof ExcelJS>('exceljs');
import type { Block, Dashboard } from './analytics.schema.ts';

export type Cell = string | number | null;
export interface Table {
  title: string;
  columns: string[];
  rows: Cell[][];
}
type Locale = 'ru' | 'en';

const T = {
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

/** The data of one block as a flat table, in the reader's language. */
export function blockTable(d: Dashboard, block: Block, locale: Locale): Table {
  const t = T[locale];
  const name = (r: { nameRu?: string; name?: string; nameEn: string }) =>
    locale === 'ru' ? (r.nameRu ?? r.name ?? r.nameEn) : r.nameEn;
  const seriesTable = (
    title: string,
    label: string,
    rows: { name: string; series: number[]; appeals: number; share: number | null }[],
  ): Table => ({
    title,
    columns: [label, t.appeals, t.share, ...d.buckets],
    rows: rows.map((r) => [r.name, r.appeals, r.share, ...r.series]),
  });
  switch (block) {
    case 'appealsOverTime': {
      const a = d.appealsOverTime;
      return {
        title: block,
        columns: [
          t.bucket,
          t.total,
          ...a.byKind.map((k) => k.kind),
          `${t.total} (${t.prev})`,
          ...a.byKind.map((k) => `${k.kind} (${t.prev})`),
        ],
        rows: a.buckets.map((b, i) => [
          b,
          a.total[i]!,
          ...a.byKind.map((k) => k.values[i]!),
          a.previousYear.total[i] ?? null,
          ...a.previousYear.byKind.map((k) => k.values[i] ?? null),
        ]),
      };
    }
    case 'channelMix':
      return seriesTable(
        block,
        t.channel,
        d.channelMix.map((r) => ({ ...r, name: r.channel })),
      );
    case 'topCategories':
    case 'longServiceCauses':
      return seriesTable(
        block,
        t.category,
        d[block].map((r) => ({ ...r, name: name(r) })),
      );
    case 'thanksShare':
      return {
        title: block,
        columns: [t.bucket, t.thanks, t.appeals, t.share],
        rows: d.thanksShare.map((r) => [r.bucket, r.thanks, r.appeals, r.share]),
      };
    case 'sla':
      return {
        title: block,
        columns: [t.bucket, t.met, t.breached, t.open, t.compliance],
        rows: [
          ...d.sla.byMonth.map((r) => [r.bucket, r.met, r.breached, r.open, r.compliancePercent]),
          [t.total, d.sla.total.met, d.sla.total.breached, d.sla.total.open, d.sla.total.compliancePercent],
        ],
      };
    case 'times':
      return {
        title: block,
        columns: [t.metric, t.count, t.median, t.p90],
        rows: [
          [t.firstResponse, d.times.firstResponse.count, d.times.firstResponse.median, d.times.firstResponse.p90],
          [t.resolution, d.times.resolution.count, d.times.resolution.median, d.times.resolution.p90],
        ],
      };
    case 'backlog':
      return {
        title: block,
        columns: [t.status, t.count],
        rows: [...Object.entries(d.backlog.byStatus), [t.open, d.backlog.open], [t.overdue, d.backlog.overdue]],
      };
    case 'units':
    case 'agents':
    case 'categories':
      return seriesTable(
        block,
        block === 'units' ? t.unit : block === 'agents' ? t.agent : t.category,
        d[block].map((r) => ({ ...r, name: name(r) })),
      );
    case 'submissionErrors':
      return {
        title: block,
        columns: [t.unit, t.rejections, t.submissions, t.errorRate, t.codes],
        rows: d.submissionErrors.map((r) => [
          r.unitName,
          r.rejections,
          r.submissions,
          r.errorRate,
          Object.entries(r.byCode)
            .map(([k, v]) => `${k}: ${v}`)
            .join('; '),
        ]),
      };
  }
}

const csvCell = (v: Cell): string => {
  if (v === null) {
    return '';
  }
  // A name starting like a formula would run as one in a spreadsheet program.
  const s = typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : String(v);
  return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** RFC 4180 CSV with a byte-order mark, so that spreadsheet programs read UTF-8 Cyrillic correctly. */
export function toCsv(table: Table): string {
  return '\uFEFF' + [table.columns, ...table.rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** A workbook with one sheet per table. */
export async function toXlsx(tables: readonly Table[]): Promise<Buffer> {
  const wb = new (excel().Workbook)();
  wb.creator = 'Otklik';
  const used = new Set<string>();
  for (const table of tables) {
    let sheetName = table.title.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'Sheet';
    for (let i = 2; used.has(sheetName); i++) {
      sheetName = `${table.title.slice(0, 28)} ${i}`;
    }
    used.add(sheetName);
    const ws = wb.addWorksheet(sheetName);
    ws.addRow(table.columns).font = { bold: true };
    for (const row of table.rows) {
      ws.addRow(row);
    }
    ws.columns.forEach((c, i) => {
      c.width = Math.min(
        40,
        Math.max(10, ...[table.columns[i], ...table.rows.map((r) => r[i])].map((v) => String(v ?? '').length + 2)),
      );
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
