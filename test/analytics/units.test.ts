// The pure parts of analytics: calendar buckets, report periods, sampling, series, PNG encoding, CSV, report timing.
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { blockTable, toCsv } from '../../src/modules/analytics/analytics.export.ts';
import { workingSpan } from '../../src/modules/analytics/analytics.facts.ts';
import { descendantsOf } from '../../src/modules/analytics/analytics.filter.ts';
import { groupingMask, type CountRow } from '../../src/modules/analytics/analytics.rollups.repo.ts';
import type { Dashboard } from '../../src/modules/analytics/analytics.schema.ts';
import { seriesByKey } from '../../src/modules/analytics/analytics.blocks.ts';
import {
  addDays,
  bucketsOf,
  bucketStart,
  dayNumber,
  dayStartInstant,
  isoWeekKey,
  lastPeriod,
  monthsBefore,
  nextBucket,
  orgDayOf,
  orgTimeOf,
  periodHolding,
  sampleSlices,
  share,
  shiftYears,
  edgeBuckets,
  bucketsToRead,
} from '../../src/modules/analytics/periods.ts';
import { crc32, drawBars, drawRankBars, encodePng, PALETTE } from '../../src/modules/analytics/png.ts';
import { projectionFor } from '../../src/modules/analytics/projections.ts';
import { dueToday } from '../../src/modules/analytics/report.service.ts';
import { compileCalendar } from '../../src/modules/sla/working-time.ts';
import { weeklyCalendar } from '../../src/modules/sla/calendar.ts';

describe('days and buckets', () => {
  it.each([
    ['2025-02-29', null],
    ['2024-02-29', 19782],
    ['2025-13-01', null],
    ['2025-1-01', null],
    ['1970-01-01', 0],
  ])('dayNumber(%s) = %s', (day, n) => {
    expect(dayNumber(day)).toBe(n);
  });

  it.each([
    ['2025-03-12', 'month', '2025-03-01'],
    ['2025-03-12', 'week', '2025-03-10'],
    ['2025-03-10', 'week', '2025-03-10'],
    ['2025-03-16', 'week', '2025-03-10'],
    ['2025-01-01', 'week', '2024-12-30'],
    ['2025-03-12', 'day', '2025-03-12'],
  ] as const)('bucketStart(%s, %s) = %s', (day, grain, start) => expect(bucketStart(day, grain)).toBe(start));

  it('steps to the next month across a year end', () => {
    expect(nextBucket('2024-12-01', 'month')).toBe('2025-01-01');
    expect(nextBucket('2024-12-30', 'week')).toBe('2025-01-06');
  });

  it('lists every bucket of a period, empty ones included', () => {
    expect(bucketsOf('2024-11-15', '2025-02-03', 'month')).toEqual([
      '2024-11-01',
      '2024-12-01',
      '2025-01-01',
      '2025-02-01',
    ]);
    expect(bucketsOf('2025-02-27', '2025-03-02', 'day')).toEqual([
      '2025-02-27',
      '2025-02-28',
      '2025-03-01',
      '2025-03-02',
    ]);
    expect(bucketsOf('2023-11-01', '2026-10-31', 'month')).toHaveLength(36);
  });

  it('shifts a year back, 29 February becoming 28 February', () => {
    expect(shiftYears('2024-02-29', -1)).toBe('2023-02-28');
    expect(shiftYears('2025-03-31', -1)).toBe('2024-03-31');
  });

  it('finds the days of the edge buckets outside a period', () => {
    expect(edgeBuckets('2025-01-15', '2025-03-10', 'month')).toEqual({
      first: '2025-01-01',
      last: '2025-03-01',
      outsideFirst: [['2025-01-01', '2025-01-14']],
      outsideLast: [['2025-03-11', '2025-03-31']],
    });
    expect(edgeBuckets('2025-01-01', '2025-03-31', 'month')).toMatchObject({ outsideFirst: [], outsideLast: [] });
    expect(edgeBuckets('2024-02-10', '2024-02-20', 'month').outsideFirst).toEqual([
      ['2024-02-01', '2024-02-09'],
      ['2024-02-21', '2024-02-29'],
    ]);
    expect(edgeBuckets('2025-03-12', '2025-03-30', 'week')).toEqual({
      first: '2025-03-10',
      last: '2025-03-24',
      outsideFirst: [['2025-03-10', '2025-03-11']],
      outsideLast: [],
    });
  });

  it('reads the edge buckets whole only when allowed, keeping them contiguous', () => {
    expect(bucketsToRead('2025-01-15', '2025-03-10', 'month', { firstWhole: false, lastWhole: false })).toEqual({
      from: '2025-02-01',
      to: '2025-03-01',
    });
    expect(bucketsToRead('2025-01-15', '2025-03-10', 'month', { firstWhole: true, lastWhole: true })).toEqual({
      from: '2025-01-01',
      to: '2025-04-01',
    });
    expect(bucketsToRead('2025-01-15', '2025-03-10', 'month', { firstWhole: false, lastWhole: true })).toEqual({
      from: '2025-02-01',
      to: '2025-04-01',
    });
    expect(bucketsToRead('2025-02-10', '2025-02-20', 'month', { firstWhole: false, lastWhole: false })).toBeNull();
    expect(bucketsToRead('2025-02-10', '2025-02-20', 'month', { firstWhole: true, lastWhole: true })).toEqual({
      from: '2025-02-01',
      to: '2025-03-01',
    });
    expect(bucketsToRead('2025-01-15', '2025-02-10', 'month', { firstWhole: false, lastWhole: false })).toBeNull();
    expect(bucketsToRead('2025-03-12', '2025-03-30', 'week', { firstWhole: false, lastWhole: true })).toEqual({
      from: '2025-03-17',
      to: '2025-03-31',
    });
  });

  it('goes back whole months', () => {
    expect(monthsBefore('2025-03-17', 11)).toBe('2024-04-01');
    expect(monthsBefore('2025-12-31', 0)).toBe('2025-12-01');
    expect(monthsBefore('2025-01-05', 1)).toBe('2024-12-01');
  });

  it('adds days across month ends', () => expect(addDays('2024-02-28', 2)).toBe('2024-03-01'));
});

describe("the organisation's day", () => {
  it("is Moscow's day, not UTC's", () => {
    expect(orgDayOf(new Date('2025-01-31T20:30:00Z'), 'Europe/Moscow')).toBe('2025-01-31');
    expect(orgDayOf(new Date('2025-01-31T21:30:00Z'), 'Europe/Moscow')).toBe('2025-02-01');
    expect(orgDayOf(new Date('2025-01-31T21:30:00Z'), 'UTC')).toBe('2025-01-31');
    expect(orgTimeOf(new Date('2025-01-31T21:30:00Z'), 'Europe/Moscow')).toBe('00:30');
  });

  it('begins at local midnight', () => {
    expect(dayStartInstant('2025-02-01', 'Europe/Moscow').toISOString()).toBe('2025-01-31T21:00:00.000Z');
    expect(dayStartInstant('2025-03-30', 'Europe/Berlin').toISOString()).toBe('2025-03-29T23:00:00.000Z');
    expect(dayStartInstant('2025-03-31', 'Europe/Berlin').toISOString()).toBe('2025-03-30T22:00:00.000Z');
  });
});

describe('report periods', () => {
  it('covers yesterday, last ISO week and last month', () => {
    expect(lastPeriod('daily', '2026-03-01')).toEqual({
      variant: 'daily',
      from: '2026-02-28',
      to: '2026-02-28',
      key: '2026-02-28',
    });
    expect(lastPeriod('weekly', '2026-03-04')).toEqual({
      variant: 'weekly',
      from: '2026-02-23',
      to: '2026-03-01',
      key: '2026-W09',
    });
    expect(lastPeriod('monthly', '2026-01-02')).toEqual({
      variant: 'monthly',
      from: '2025-12-01',
      to: '2025-12-31',
      key: '2025-12',
    });
  });

  it('finds the period holding any day', () => {
    expect(periodHolding('daily', '2025-01-31').from).toBe('2025-01-31');
    expect(periodHolding('weekly', '2025-01-01')).toMatchObject({
      from: '2024-12-30',
      to: '2025-01-05',
      key: '2025-W01',
    });
    expect(periodHolding('monthly', '2024-02-10')).toMatchObject({ from: '2024-02-01', to: '2024-02-29' });
  });

  it.each([
    ['2020-12-28', '2020-W53'],
    ['2021-01-04', '2021-W01'],
    ['2026-11-23', '2026-W48'],
  ])('labels the week of %s as %s', (monday, key) => expect(isoWeekKey(monday)).toBe(key));

  it('sends weekly reports early in the week and monthly ones early in the month', () => {
    expect(dueToday('daily', '2026-03-19')).toBe(true);
    expect(dueToday('weekly', '2026-03-16')).toBe(true); // Monday
    expect(dueToday('weekly', '2026-03-19')).toBe(false); // Thursday
    expect(dueToday('monthly', '2026-03-03')).toBe(true);
    expect(dueToday('monthly', '2026-03-04')).toBe(false);
  });
});

describe('sampling and shares', () => {
  it('reads every slice up to the target and fewer beyond', () => {
    expect(sampleSlices(0)).toBe(64);
    expect(sampleSlices(20_000)).toBe(64);
    expect(sampleSlices(40_000)).toBe(32);
    expect(sampleSlices(1_000_000)).toBe(2);
    expect(sampleSlices(100_000_000)).toBe(1);
  });

  it('rounds shares to hundredths and has none of nothing', () => {
    expect(share(1, 3)).toBe(33.33);
    expect(share(2, 3)).toBe(66.67);
    expect(share(0, 0)).toBeNull();
  });
});

describe('count sets', () => {
  it('marks with a 1 bit every column a set does not group by, most significant first', () => {
    const cols = ['b', 'kind', 'channel', 'category_id', 'unit_id', 'owner_id'];
    expect(groupingMask(cols, ['b', 'kind'])).toBe(0b001111);
    expect(groupingMask(cols, ['unit_id', 'channel'])).toBe(0b110101);
    expect(groupingMask(['b', 'kind'], ['b', 'kind'])).toBe(0);
  });

  it('sums rows into zero-filled series per key, ignoring other sets and buckets outside', () => {
    const rows: CountRow[] = [
      { set: 'kind', bucket: '2025-01-01', key: 'thanks', channel: null, n: 2 },
      { set: 'kind', bucket: '2025-03-01', key: 'thanks', channel: null, n: 5 },
      { set: 'kind', bucket: '2024-12-01', key: 'thanks', channel: null, n: 9 },
      { set: 'channel', bucket: '2025-01-01', key: 'phone', channel: 'phone', n: 7 },
      { set: 'kind', bucket: '2025-02-01', key: null, channel: null, n: 1 },
    ];
    const series = seriesByKey(rows, 'kind', ['2025-01-01', '2025-02-01', '2025-03-01']);
    expect([...series]).toEqual([
      ['thanks', [2, 0, 5]],
      [null, [0, 1, 0]],
    ]);
  });

  it('reads the smallest projection of the grain that holds the dimensions, and days where none does', () => {
    expect(projectionFor([], 'month')?.id).toBe(1);
    expect(projectionFor(['unit'], 'week')?.id).toBe(3);
    expect(projectionFor(['owner', 'unit'], 'month')?.id).toBe(6);
    expect(projectionFor(['unit', 'category'], 'month')?.id).toBe(5);
    expect(projectionFor(['unit', 'category'], 'week')).toBeNull();
  });

  it('takes a category with all its descendants', () => {
    const all = [
      { id: 'a', parentId: null },
      { id: 'b', parentId: 'a' },
      { id: 'c', parentId: 'b' },
      { id: 'd', parentId: null },
    ];
    expect(descendantsOf(all, 'a').sort()).toEqual(['a', 'b', 'c']);
    expect(descendantsOf(all, 'd')).toEqual(['d']);
  });
});

describe('working spans', () => {
  const office = compileCalendar(weeklyCalendar('Europe/Moscow', [{ start: '09:00', end: '18:00' }]));
  it('counts working minutes only, none for an unfinished or reversed span', () => {
    // Monday 13:00 → Tuesday 11:00 Moscow: 5 h + 2 h; Friday 23:30 → Monday 10:00: the weekend does not count.
    expect(workingSpan(office, new Date('2025-03-10T10:00:00Z'), new Date('2025-03-11T08:00:00Z'))).toBe(420);
    expect(workingSpan(office, new Date('2025-01-31T20:30:00Z'), new Date('2025-02-03T07:00:00Z'))).toBe(60);
    expect(workingSpan(office, new Date('2025-03-10T10:00:00Z'), new Date('2025-03-10T10:00:30Z'))).toBe(0.5);
    expect(workingSpan(office, new Date('2025-03-10T10:00:00Z'), null)).toBeNull();
    expect(workingSpan(office, new Date('2025-03-10T10:00:00Z'), new Date('2025-03-10T09:00:00Z'))).toBe(0);
  });
});

describe('PNG charts', () => {
  it('computes the standard CRC-32', () => expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926));

  it('encodes an image whose pixels decode back', () => {
    const rgba = new Uint8Array([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 10, 20, 30, 40]);
    const png = encodePng(2, 2, rgba);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBe(2);
    const idatAt = png.indexOf('IDAT');
    const raw = inflateSync(png.subarray(idatAt + 4, idatAt + 4 + png.readUInt32BE(idatAt - 4)));
    expect([...raw]).toEqual([0, 255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 0, 255, 255, 10, 20, 30, 40]);
    const iend = png.subarray(-12);
    expect(iend.readUInt32BE(8)).toBe(crc32(Buffer.from('IEND')));
  });

  it('refuses a buffer of the wrong size', () => expect(() => encodePng(2, 2, new Uint8Array(12))).toThrow(RangeError));

  it('draws the largest bar full height and a zero as nothing', () => {
    const canvas = drawBars({ values: [0, 5, 10], width: 30, height: 21 });
    expect(canvas.pixel(5, 10)).toEqual([255, 255, 255]); // the empty slot
    expect(canvas.pixel(15, 12)).toEqual(PALETTE.blue); // half-height bar, lower half
    expect(canvas.pixel(15, 5)).toEqual([255, 255, 255]); // above it
    expect(canvas.pixel(25, 0)).toEqual(PALETTE.blue); // the tallest reaches the top
    expect(canvas.pixel(0, 20)).toEqual(PALETTE.axis);
  });

  it('highlights the bar asked for', () => {
    const canvas = drawBars({ values: [1, 1], width: 20, height: 10, highlight: { index: 1, color: PALETTE.orange } });
    expect(canvas.pixel(5, 5)).toEqual(PALETTE.blue);
    expect(canvas.pixel(15, 5)).toEqual(PALETTE.orange);
  });

  it('draws ranked bars proportional to their values', () => {
    const canvas = drawRankBars([4, 2], { width: 100, rowHeight: 10 });
    expect(canvas.pixel(99, 5)).toEqual(PALETTE.blue);
    expect(canvas.pixel(49, 15)).toEqual(PALETTE.blue);
    expect(canvas.pixel(51, 15)).toEqual([255, 255, 255]);
  });
});

describe('CSV', () => {
  it('quotes commas, quotes and line breaks and leaves nulls empty', () => {
    const csv = toCsv({
      title: 't',
      columns: ['a', 'b, c'],
      rows: [
        ['say "hi"', null],
        ['x\ny', 3],
      ],
    });
    expect(csv).toBe('\uFEFFa,"b, c"\r\n"say ""hi""",\r\n"x\ny",3\r\n');
  });

  it('defuses names that a spreadsheet would run as formulas, but not negative numbers', () => {
    expect(toCsv({ title: 't', columns: ['a', 'b'], rows: [['=HYPERLINK("x")', -3]] })).toBe(
      '\uFEFFa,b\r\n"\'=HYPERLINK(""x"")",-3\r\n',
    );
  });

  it("writes one row per bucket of the thanks share, in the reader's language", () => {
    const figures = { thanksShare: [{ bucket: '2025-01-01', thanks: 1, appeals: 4, share: 25 }] } as Dashboard;
    expect(blockTable(figures, 'thanksShare', 'ru')).toEqual({
      title: 'thanksShare',
      columns: ['Период', 'Благодарности', 'Обращения', 'Доля, %'],
      rows: [['2025-01-01', 1, 4, 25]],
    });
  });
});
