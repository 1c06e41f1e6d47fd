// The report for a finished period (daily: yesterday; weekly; monthly): key figures, small PNG charts and an XLSX
// workbook of every block, in the reader's language and unit scope. Rendered for download and for e-mail.
import type { Ctx } from '../../context.ts';
import type { Actor } from '../auth/actor.ts';
import { type Filter, resolveFilter } from './analytics.filter.ts';
import { blockTable, toXlsx } from './analytics.export.ts';
import { BLOCKS, type Dashboard } from './analytics.schema.ts';
import { buildDashboard } from './analytics.service.ts';
import { addDays, type Grain, type ReportPeriod } from './periods.ts';
import { drawBars, drawRankBars, PALETTE } from './png.ts';
import { CHANNEL_NAMES, type Locale, WORDS } from './report.words.ts';

export interface Report {
  subject: string;
  html: string;
  text: string;
  xlsx: Buffer;
  xlsxName: string;
  images: { cid: string; png: Buffer }[];
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
const fmt = (value: number | null, locale: Locale, unit = '') =>
  value === null ? WORDS[locale].none : `${value.toLocaleString(locale === 'ru' ? 'ru-RU' : 'en-GB')}${unit}`;
const hours = (minutes: number | null, locale: Locale) =>
  minutes === null ? WORDS[locale].none : fmt(Math.round(minutes / 6) / 10, locale, ` ${WORDS[locale].hours}`);

/** The trend before the period: 30 days for a daily report, 12 weeks for a weekly one, 12 months for a monthly one. */
function trendWindow(period: ReportPeriod): ReportWindow {
  if (period.variant === 'daily') {
    return { from: addDays(period.to, -29), grain: 'day' };
  }
  if (period.variant === 'weekly') {
    return { from: addDays(period.from, -7 * 11), grain: 'week' };
  }
  const index = Number(period.from.slice(0, 4)) * 12 + Number(period.from.slice(5, 7)) - 1 - 11;
  return { from: `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`, grain: 'month' };
}

export interface ReportRequest {
  period: ReportPeriod;
  locale: Locale;
  /** Units the report covers (with their sub-units); empty: everything the reader may see. */
  unitIds: readonly string[];
}

/** Which days a dashboard of the report reads, and by which grain: to the end of the report's period. */
interface ReportWindow {
  from: string;
  grain: Grain;
}

/** The filter of a report: the reader's scope, narrowed to the subscribed units. */
async function reportFilter(ctx: Ctx, actor: Actor, request: ReportRequest, window: ReportWindow): Promise<Filter> {
  const query = { from: window.from, to: request.period.to, grain: window.grain };
  const base = await resolveFilter(ctx, actor, query);
  if (request.unitIds.length === 0) {
    return base;
  }
  const subtrees = await Promise.all(request.unitIds.map((unitId) => resolveFilter(ctx, actor, { ...query, unitId })));
  return { ...base, unitIds: [...new Set(subtrees.flatMap((filter) => filter.unitIds ?? []))] };
}

/** The report's key figures, labelled in its language. */
function keyFigures(main: Dashboard, locale: Locale): [string, string][] {
  const words = WORDS[locale];
  const ofKind = (kind: string) =>
    main.appealsOverTime.byKind.find((series) => series.kind === kind)?.values.reduce((a, b) => a + b, 0) ?? 0;
  const yearAgo = main.appealsOverTime.previousYear.total.reduce((a, b) => a + b, 0);
  const thanks = ofKind('thanks');
  const thanksShare = main.total ? Math.round((1000 * thanks) / main.total) / 10 : null;
  return [
    [words.appeals, fmt(main.total, locale)],
    [words.incidents, fmt(ofKind('incident'), locale)],
    [words.thanks, fmt(thanks, locale)],
    [words.thanksShare, fmt(thanksShare, locale, ' %')],
    [words.sla, fmt(main.sla.total.compliancePercent, locale, ' %')],
    [words.median, hours(main.times.resolution.median, locale)],
    [words.p90, hours(main.times.resolution.p90, locale)],
    [words.backlog, fmt(main.backlog.open, locale)],
    [words.overdue, fmt(main.backlog.overdue, locale)],
    [words.yearAgo, fmt(yearAgo, locale)],
  ];
}

interface RankRow {
  label: string;
  value: number;
}
type Chart = Report['images'][number];

const RANKED = 6;
const RANK_ROW_PX = 18;

/** The trend over the window, the period's own bucket highlighted; the top channels; the top categories. */
function charts(trend: Dashboard, channels: readonly RankRow[], categories: readonly RankRow[]): Chart[] {
  const highlight = { index: trend.buckets.length - 1, color: PALETTE.orange };
  const ranked = (rows: readonly RankRow[]) => drawRankBars(rows.map((row) => row.value)).png();
  return [
    { cid: 'trend@otklik', png: drawBars({ values: trend.appealsOverTime.total, highlight }).png() },
    { cid: 'channels@otklik', png: ranked(channels) },
    { cid: 'categories@otklik', png: ranked(categories) },
  ];
}

const CELL = 'font-size:12px;padding-right:8px';
const LINE = 'border-bottom:1px solid #dee2e6';
const HEADING = 'margin:16px 0 6px';
const NOTE = 'font-size:11px;color:#868e96';

/** A ranked list: labels and values in a table, their bars in an image beside it. */
function rankTable(rows: readonly RankRow[], imageSrc: string, locale: Locale): string {
  const lines = rows
    .map(
      (row) =>
        `<tr><td style="height:${RANK_ROW_PX}px;${CELL};white-space:nowrap">${escapeHtml(row.label)}</td>` +
        `<td style="${CELL}" align="right">${fmt(row.value, locale)}</td></tr>`,
    )
    .join('');
  const height = Math.max(1, rows.length) * RANK_ROW_PX;
  return (
    '<table cellpadding="0" cellspacing="0"><tr>' +
    `<td valign="top"><table cellpadding="0" cellspacing="0">${lines}</table></td>\n` +
    `      <td valign="top"><img src="${imageSrc}" width="240" height="${height}" alt=""></td></tr></table>`
  );
}

function figureTable(figures: readonly [string, string][]): string {
  const rows = figures
    .map(
      ([label, value]) =>
        `<tr><td style="${LINE}">${escapeHtml(label)}</td>` +
        `<td style="${LINE};font-weight:bold" align="right">${escapeHtml(value)}</td></tr>`,
    )
    .join('');
  return `<table cellpadding="6" cellspacing="0" style="border-collapse:collapse;margin-bottom:16px">${rows}</table>`;
}

interface ReportPage {
  title: string;
  locale: Locale;
  figures: readonly [string, string][];
  trend: { src: string; first: string; last: string };
  channels: { rows: readonly RankRow[]; src: string };
  categories: { rows: readonly RankRow[]; src: string };
}

/** The report as HTML for mail clients: inline styles, tables, images. */
function reportHtml(page: ReportPage): string {
  const words = WORDS[page.locale];
  const title = escapeHtml(page.title);
  return `<!doctype html><html lang="${page.locale}"><head><meta charset="utf-8"><title>${title}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;color:#212529;max-width:640px">
<h2 style="margin:0 0 12px">${title}</h2>
${figureTable(page.figures)}
<h3 style="${HEADING}">${words.trend}</h3>
<img src="${page.trend.src}" width="480" height="120" alt="${escapeHtml(words.trend)}">
<div style="${NOTE}">${escapeHtml(page.trend.first)} — ${escapeHtml(page.trend.last)}</div>
<h3 style="${HEADING}">${words.channels}</h3>
${rankTable(page.channels.rows, page.channels.src, page.locale)}
<h3 style="${HEADING}">${words.categories}</h3>
${rankTable(page.categories.rows, page.categories.src, page.locale)}
<p style="font-size:12px;color:#868e96">${words.attachment}</p>
</body></html>`;
}

export interface RenderOptions {
  /** 'cid': images attached to the mail; 'inline': data: URLs, for a page downloaded on its own. */
  images: 'cid' | 'inline';
  /** The instant the report's figures are as of (backlog, overdue); default: the clock's now. */
  now?: Date;
}

export async function renderReport(
  ctx: Ctx,
  actor: Actor,
  request: ReportRequest,
  { images, now = ctx.clock.now() }: RenderOptions,
): Promise<Report> {
  const { period, locale } = request;
  const dashboardOf = (window: ReportWindow) =>
    reportFilter(ctx, actor, request, window).then((filter) => buildDashboard(ctx, actor, filter, now));
  const [main, trend] = await Promise.all([
    dashboardOf({ from: period.from, grain: period.variant === 'daily' ? 'day' : 'week' }),
    dashboardOf(trendWindow(period)),
  ]);
  const span = period.from === period.to ? period.from : `${period.from} — ${period.to}`;
  const title = `${WORDS[locale][period.variant]}: ${span}`;
  const figures = keyFigures(main, locale);
  const channels = main.channelMix
    .slice(0, RANKED)
    .map((row) => ({ label: CHANNEL_NAMES[locale][row.channel] ?? row.channel, value: row.appeals }));
  const categories = main.topCategories
    .slice(0, RANKED)
    .map((row) => ({ label: locale === 'ru' ? row.nameRu : row.nameEn, value: row.appeals }));
  const pictures = charts(trend, channels, categories);
  const src = (chart: Chart | undefined) =>
    !chart ? '' : images === 'cid' ? `cid:${chart.cid}` : `data:image/png;base64,${chart.png.toString('base64')}`;
  const html = reportHtml({
    title,
    locale,
    figures,
    trend: { src: src(pictures[0]), first: trend.buckets[0] ?? '', last: trend.buckets.at(-1) ?? '' },
    channels: { rows: channels, src: src(pictures[1]) },
    categories: { rows: categories, src: src(pictures[2]) },
  });
  const lines = figures.map(([label, value]) => `${label}: ${value}`);
  const text = [title, '', ...lines, '', WORDS[locale].attachment, ''].join('\n');
  return {
    subject: title,
    html,
    text,
    images: pictures,
    xlsx: await toXlsx(BLOCKS.map((block) => blockTable(main, block, locale))),
    xlsxName: `otklik-${period.variant}-${period.key}.xlsx`,
  };
}

export type { Dashboard };
