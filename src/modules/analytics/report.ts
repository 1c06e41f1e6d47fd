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

type Locale = 'ru' | 'en';

export interface Report {
  subject: string;
  html: string;
  text: string;
  xlsx: Buffer;
  xlsxName: string;
  images: { cid: string; png: Buffer }[];
}

const WORDS = {
  ru: {
    daily: 'Ежедневный отчёт',
    weekly: 'Еженедельный отчёт',
    monthly: 'Ежемесячный отчёт',
    period: 'Период',
    appeals: 'Обращений',
    incidents: 'Инцидентов',
    thanks: 'Благодарностей',
    thanksShare: 'Доля благодарностей',
    sla: 'Соблюдение сроков',
    median: 'Медиана решения',
    p90: '90% решены за',
    backlog: 'В работе сейчас',
    overdue: 'Просрочено сейчас',
    yearAgo: 'Год назад',
    trend: 'Динамика обращений',
    channels: 'Каналы',
    categories: 'Основные категории',
    hours: 'раб. ч',
    none: '—',
    attachment: 'Данные — во вложенной таблице XLSX.',
    units: 'Подразделения',
    all: 'все доступные',
  },
  en: {
    daily: 'Daily report',
    weekly: 'Weekly report',
    monthly: 'Monthly report',
    period: 'Period',
    appeals: 'Appeals',
    incidents: 'Incidents',
    thanks: 'Thanks',
    thanksShare: 'Share of thanks',
    sla: 'SLA compliance',
    median: 'Median resolution',
    p90: '90% resolved within',
    backlog: 'Open now',
    overdue: 'Overdue now',
    yearAgo: 'A year ago',
    trend: 'Appeals over time',
    channels: 'Channels',
    categories: 'Top categories',
    hours: 'working h',
    none: '—',
    attachment: 'The data is in the attached XLSX workbook.',
    units: 'Units',
    all: 'all you may see',
  },
} as const;

const CHANNEL_NAMES: Record<Locale, Record<string, string>> = {
  ru: {
    email: 'E-mail',
    phone: 'Телефон',
    web_form: 'Веб-форма',
    chat: 'Чат',
    callback: 'Обратный звонок',
    store_submission: 'Подача из магазина',
    edms: 'СЭД',
    social: 'Соцсети',
    review_site: 'Сайты отзывов',
    sms: 'SMS',
    walk_in: 'Лично',
  },
  en: {
    email: 'E-mail',
    phone: 'Phone',
    web_form: 'Web form',
    chat: 'Chat',
    callback: 'Callback',
    store_submission: 'Store submission',
    edms: 'EDMS',
    social: 'Social media',
    review_site: 'Review sites',
    sms: 'SMS',
    walk_in: 'Walk-in',
  },
};

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const fmt = (n: number | null, locale: Locale, unit = '') =>
  n === null ? WORDS[locale].none : `${n.toLocaleString(locale === 'ru' ? 'ru-RU' : 'en-GB')}${unit}`;
const hours = (minutes: number | null, locale: Locale) =>
  minutes === null ? WORDS[locale].none : fmt(Math.round(minutes / 6) / 10, locale, ` ${WORDS[locale].hours}`);

/** The trend before the period: 30 days for a daily report, 12 weeks for a weekly one, 12 months for a monthly one. */
function trendWindow(period: ReportPeriod): { from: string; grain: Grain } {
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

/** The filter of a report: the reader's scope, narrowed to the subscribed units. */
async function reportFilter(ctx: Ctx, actor: Actor, r: ReportRequest, from: string, grain: Grain): Promise<Filter> {
  const base = await resolveFilter(ctx, actor, { from, to: r.period.to, grain });
  if (r.unitIds.length === 0) {
    return base;
  }
  const subtrees = await Promise.all(
    r.unitIds.map((id) => resolveFilter(ctx, actor, { from, to: r.period.to, grain, unitId: id })),
  );
  return { ...base, unitIds: [...new Set(subtrees.flatMap((f) => f.unitIds ?? []))] };
}

export async function renderReport(
  ctx: Ctx,
  actor: Actor,
  r: ReportRequest,
  images: 'cid' | 'inline',
  now = new Date(),
): Promise<Report> {
  const w = WORDS[r.locale];
  const window = trendWindow(r.period);
  const [main, trend] = await Promise.all([
    reportFilter(ctx, actor, r, r.period.from, r.period.variant === 'daily' ? 'day' : 'week').then((f) =>
      buildDashboard(ctx, actor, f, now),
    ),
    reportFilter(ctx, actor, r, window.from, window.grain).then((f) => buildDashboard(ctx, actor, f, now)),
  ]);
  const title = `${w[r.period.variant]}: ${r.period.from === r.period.to ? r.period.from : `${r.period.from} — ${r.period.to}`}`;
  const kind = (k: string) =>
    main.appealsOverTime.byKind.find((x) => x.kind === k)?.values.reduce((a, b) => a + b, 0) ?? 0;
  const yearAgo = main.appealsOverTime.previousYear.total.reduce((a, b) => a + b, 0);
  const thanks = kind('thanks');

  const figures: [string, string][] = [
    [w.appeals, fmt(main.total, r.locale)],
    [w.incidents, fmt(kind('incident'), r.locale)],
    [w.thanks, fmt(thanks, r.locale)],
    [w.thanksShare, fmt(main.total ? Math.round((1000 * thanks) / main.total) / 10 : null, r.locale, ' %')],
    [w.sla, fmt(main.sla.total.compliancePercent, r.locale, ' %')],
    [w.median, hours(main.times.resolution.median, r.locale)],
    [w.p90, hours(main.times.resolution.p90, r.locale)],
    [w.backlog, fmt(main.backlog.open, r.locale)],
    [w.overdue, fmt(main.backlog.overdue, r.locale)],
    [w.yearAgo, fmt(yearAgo, r.locale)],
  ];

  const channels = main.channelMix.slice(0, 6);
  const cats = main.topCategories.slice(0, 6);
  const charts = [
    {
      cid: 'trend@otklik',
      png: drawBars({
        values: trend.appealsOverTime.total,
        highlight: { index: trend.buckets.length - 1, color: PALETTE.orange },
      }).png(),
    },
    { cid: 'channels@otklik', png: drawRankBars(channels.map((c) => c.appeals)).png() },
    { cid: 'categories@otklik', png: drawRankBars(cats.map((c) => c.appeals)).png() },
  ];
  const src = (i: number) =>
    images === 'cid' ? `cid:${charts[i]!.cid}` : `data:image/png;base64,${charts[i]!.png.toString('base64')}`;
  const rank = (i: number, rows: { label: string; value: number }[]) =>
    `<table cellpadding="0" cellspacing="0"><tr><td valign="top"><table cellpadding="0" cellspacing="0">${rows
      .map(
        (x) =>
          `<tr><td style="height:18px;font-size:12px;padding-right:8px;white-space:nowrap">${escapeHtml(x.label)}</td><td style="font-size:12px;padding-right:8px" align="right">${fmt(x.value, r.locale)}</td></tr>`,
      )
      .join('')}</table></td>
      <td valign="top"><img src="${src(i)}" width="240" height="${Math.max(1, rows.length) * 18}" alt=""></td></tr></table>`;

  const html = `<!doctype html><html lang="${r.locale}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;color:#212529;max-width:640px">
<h2 style="margin:0 0 12px">${escapeHtml(title)}</h2>
<table cellpadding="6" cellspacing="0" style="border-collapse:collapse;margin-bottom:16px">${figures
    .map(
      ([k, v]) =>
        `<tr><td style="border-bottom:1px solid #dee2e6">${escapeHtml(k)}</td><td style="border-bottom:1px solid #dee2e6;font-weight:bold" align="right">${escapeHtml(v)}</td></tr>`,
    )
    .join('')}</table>
<h3 style="margin:16px 0 6px">${w.trend}</h3>
<img src="${src(0)}" width="480" height="120" alt="${escapeHtml(w.trend)}">
<div style="font-size:11px;color:#868e96">${escapeHtml(trend.buckets[0] ?? '')} — ${escapeHtml(trend.buckets.at(-1) ?? '')}</div>
<h3 style="margin:16px 0 6px">${w.channels}</h3>
${rank(
  1,
  channels.map((c) => ({ label: CHANNEL_NAMES[r.locale][c.channel] ?? c.channel, value: c.appeals })),
)}
<h3 style="margin:16px 0 6px">${w.categories}</h3>
${rank(
  2,
  cats.map((c) => ({ label: r.locale === 'ru' ? c.nameRu : c.nameEn, value: c.appeals })),
)}
<p style="font-size:12px;color:#868e96">${w.attachment}</p>
</body></html>`;
  const text = `${title}\n\n${figures.map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${w.attachment}\n`;
  return {
    subject: title,
    html,
    text,
    images: charts,
    xlsx: await toXlsx(BLOCKS.map((b) => blockTable(main, b, r.locale))),
    xlsxName: `otklik-${r.period.variant}-${r.period.key}.xlsx`,
  };
}

export type { Dashboard };
