// Exports of the dashboard's blocks and the period reports (download and mail), on the fixed data set of fixture.ts.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLOCKS } from '../../src/modules/analytics/analytics.schema.ts';
import { scheduleReports, sendPeriodReports } from '../../src/modules/analytics/report.service.ts';
import { sendDueMail } from '../../src/modules/mail/outbound/sender.ts';
import { oneRow } from '../../src/db/rows.ts';
import type { TestEnv } from '../support/harness.ts';
import { PERIOD, startAnalyticsFixture } from './fixture.ts';

let env: TestEnv;
beforeAll(async () => {
  ({ env } = await startAnalyticsFixture());
}, 60_000);
afterAll(() => env?.close());

/** A workbook from an answer's bytes. */
async function workbookOf(payload: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(payload as unknown as ArrayBuffer);
  return workbook;
}

describe('exports', () => {
  it('exports a block as CSV with a header and one row per month', async () => {
    const res = await env.request('GET', `/api/v1/analytics/blocks/thanksShare/export?${PERIOD}&format=csv&locale=en`, {
      as: 'analyst',
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = String(res.body)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toEqual([
      'Period,Thanks,Appeals,"Share, %"',
      '2025-01-01,1,2,50',
      '2025-02-01,0,1,0',
      '2025-03-01,0,2,0',
      '2025-04-01,0,0,',
      '2025-05-01,0,0,',
    ]);
  });

  it('exports the whole dashboard as an XLSX workbook, a sheet per block', async () => {
    const res = await env.app.inject({
      method: 'GET',
      url: `/api/v1/analytics/export?${PERIOD}`,
      headers: { authorization: `Bearer ${env.users.analyst.token}` },
    });
    expect(res.statusCode).toBe(200);
    const workbook = await workbookOf(res.rawPayload);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([...BLOCKS]);
    expect(workbook.getWorksheet('channelMix')?.getRow(2).values).toEqual([undefined, 'phone', 3, 60, 2, 0, 1, 0, 0]);
  });
});

describe('the report for a day', () => {
  it('renders the HTML report of 31 January with its figures and inline charts', async () => {
    const res = await env.request('GET', '/api/v1/analytics/reports/daily?date=2025-01-31&locale=en', {
      as: 'analyst',
    });
    expect(res.status).toBe(200);
    expect(res.body).toContain('Daily report: 2025-01-31');
    expect(res.body).toMatch(/Appeals<\/td><td[^>]*>1<\/td>/);
    expect(res.body.match(/data:image\/png;base64,/g)).toHaveLength(3);
  });

  it("confines a unit responsible's report to their units", async () => {
    const figure = async (as: 'analyst' | 'unit_responsible') =>
      /Appeals<\/td><td[^>]*>(\d+)<\/td>/.exec(
        (await env.request('GET', '/api/v1/analytics/reports/daily?date=2025-03-10&locale=en', { as })).body,
      )?.[1];
    expect(await figure('analyst')).toBe('1'); // a4, at the other store
    expect(await figure('unit_responsible')).toBe('0');
  });

  it('downloads the weekly report holding a day as XLSX', async () => {
    const res = await env.app.inject({
      method: 'GET',
      url: '/api/v1/analytics/reports/weekly?date=2025-03-12&format=xlsx',
      headers: { authorization: `Bearer ${env.users.analyst.token}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('otklik-weekly-2025-W11.xlsx');
    const times = (await workbookOf(res.rawPayload)).getWorksheet('times');
    // a4 (420) and a6 (120) in the week of 10 March.
    expect(times?.getRow(3).values).toEqual([undefined, 'Решение', 2, 120, 420]);
  });

  it('queues each period once and mails each subscriber once, with charts and the workbook attached', async () => {
    const put = await env.request('PUT', '/api/v1/analytics/report-subscriptions', {
      as: 'analyst',
      body: { items: [{ variant: 'daily', locale: 'en' }] },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const at = new Date('2026-03-03T05:00:00Z'); // 08:00 in Moscow, after the default 07:00
    const before = new Date('2026-03-03T03:00:00Z'); // 06:00: too early
    expect(await scheduleReports(env.ctx, before)).toEqual([]);
    await scheduleReports(env.ctx, at);
    await scheduleReports(env.ctx, at);
    const jobs = await env.ctx.db.query<{ payload: Record<string, unknown> }>(
      `SELECT payload FROM jobs WHERE kind = 'analytics.report' AND dedupe_key LIKE '%daily%'`,
    );
    expect(jobs.map((job) => job.payload.key)).toEqual(['2026-03-02']);
    const [job] = jobs;
    await sendPeriodReports(env.ctx, job?.payload ?? {}, at);
    await sendPeriodReports(env.ctx, job?.payload ?? {}, at);
    const mails = await env.ctx.db.query<{
      payload: { to: string; subject: string; attachments: { filename: string; cid: string | null }[] };
    }>(`SELECT payload FROM outbox WHERE dedupe_key LIKE 'analytics.report:daily:%'`);
    expect(mails).toHaveLength(1);
    const mail = oneRow(mails).payload;
    expect(mail.to).toBe(env.users.analyst.email);
    expect(mail.subject).toBe('Daily report: 2026-03-02');
    expect(mail.attachments.map((attachment) => attachment.filename)).toEqual([
      'trend.png',
      'channels.png',
      'categories.png',
      'otklik-daily-2026-03-02.xlsx',
    ]);
  });

  it('sends the queued report as HTML with its charts inline (cid) and the workbook attached', async () => {
    const sent: { html?: unknown; attachments?: { filename?: unknown; cid?: unknown; content?: unknown }[] }[] = [];
    await sendDueMail(env.ctx, {
      send: async (_mailbox, _id, mail) => (sent.push(mail as never), { via: 'file', response: 'ok' }),
      close: () => undefined,
    });
    const report = sent.find((mail) => String(mail.html).includes('Daily report'));
    expect(report?.attachments?.map((attachment) => [attachment.filename, attachment.cid ?? null])).toEqual([
      ['trend.png', 'trend@otklik'],
      ['channels.png', 'channels@otklik'],
      ['categories.png', 'categories@otklik'],
      ['otklik-daily-2026-03-02.xlsx', null],
    ]);
    expect(String(report?.html)).toContain('src="cid:trend@otklik"');
    expect((report?.attachments?.[0]?.content as Buffer).subarray(1, 4).toString()).toBe('PNG');
  });

  it('refuses to subscribe somebody else without settings:write', async () => {
    const res = await env.request('PUT', '/api/v1/analytics/report-subscriptions', {
      as: 'analyst',
      body: { items: [{ userId: env.users.agent.id, variant: 'weekly', locale: 'ru' }] },
    });
    expect(res.status).toBe(403);
  });
});
