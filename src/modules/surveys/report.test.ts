import { describe, expect, it } from 'vitest';
import { npsInterval } from './indices/indices.ts';
import { csvCell, emptyTally, indexRow, toCsv } from './report.ts';

const settings = { correctionCoefficient: 0.5, emailCaptureTarget: 0.7 };

describe('indexRow', () => {
  it('gives nothing but nulls and zero n for an empty group, never NaN', () => {
    const row = indexRow('u1', 'Unit', emptyTally(), settings);
    expect(row.nps).toMatchObject({ value: null, n: 0, ci: null });
    expect(row.staffDissatisfaction).toMatchObject({ value: null, n: 0 });
    expect(row.visitorCoverage).toEqual({ value: null, n: 0, ci: null });
    expect(JSON.stringify(row)).not.toContain('NaN');
  });

  it('makes the seed NPS of 55 from counts', () => {
    const row = indexRow(null, null, { ...emptyTally(), npsN: 100, promoters: 75, detractors: 20 }, settings);
    expect(row.nps).toMatchObject({ value: 55, n: 100, passives: 5 });
    expect(row.nps.ci).toEqual(npsInterval(75, 20, 100));
  });

  it('computes CSAT means per scale from sums: 1–5 answers 5, 4, 3, 5, 2 → 3.8', () => {
    const row = indexRow(
      null,
      null,
      { ...emptyTally(), csatN: 5, csatSatisfied: 3, csat5N: 5, csat5Sum: 19, csat5Sq: 79 },
      settings,
    );
    expect(row.csat.mean1to5.value).toBeCloseTo(3.8, 12);
    expect(row.csat.mean1to5.ci?.low).toBeCloseTo(2.1811, 3);
    expect(row.csat.mean1to5.ci?.high).toBe(5);
    expect(row.csat.satisfied).toMatchObject({ value: 0.6, n: 5 });
    expect(row.csat.mean0to10).toMatchObject({ value: null, n: 0 });
  });

  it('weighs the silent with k in both dissatisfaction indices and in loyalty', () => {
    const tally = {
      ...emptyTally(),
      staffPositive: 5,
      staffNegative: 1,
      staffSilent: 2,
      staffExcluded: 2,
      officePositive: 5,
      officeNegative: 2,
      officeSilent: 2,
      officeExcluded: 1,
      loyaltyPositive: 5,
      loyaltyNegative: 3,
      loyaltySilent: 2,
    };
    const row = indexRow(null, null, tally, settings);
    expect(row.staffDissatisfaction).toMatchObject({ value: 0.25, n: 8, excluded: 2 });
    expect(row.officeDissatisfaction.value).toBeCloseTo(1 / 3, 12);
    expect(row.emotionalLoyalty.value).toBeCloseTo(10, 12);
    const ignoringSilence = indexRow(null, null, tally, { ...settings, correctionCoefficient: 0 });
    expect(ignoringSilence.staffDissatisfaction.value).toBeCloseTo(1 / 8, 12);
  });

  it('divides surveys by transactions and visitors, and force majeure by surveys', () => {
    const row = indexRow(
      null,
      null,
      {
        ...emptyTally(),
        closed: 10,
        answered: 8,
        silent: 2,
        forceMajeure: 1,
        transactions: 40,
        visitors: 400,
        intakes: 10,
        intakesWithEmail: 7,
      },
      settings,
    );
    expect(row.responseRate.value).toBe(0.8);
    expect(row.exactConversion.value).toBe(0.2);
    expect(row.visitorCoverage.value).toBe(0.02);
    expect(row.forceMajeureLevel.value).toBe(0.125);
    expect(row.emailCaptureRate).toMatchObject({ value: 0.7, meetsTarget: true });
  });
});

describe('CSV', () => {
  it('has a header, one line per row, and value, n and interval columns per index', () => {
    const csv = toCsv([
      indexRow('2025-01', '2025-01', { ...emptyTally(), npsN: 100, promoters: 75, detractors: 20 }, settings),
    ]);
    const [header = '', line = '', end] = csv.split('\r\n');
    expect(end).toBe('');
    const cols = header.split(',');
    const cells = line.split(',');
    expect(cells).toHaveLength(cols.length);
    expect(cells[cols.indexOf('nps')]).toBe('55');
    expect(cells[cols.indexOf('nps_n')]).toBe('100');
    expect(Number(cells[cols.indexOf('nps_ci_low')])).toBeCloseTo(39.23, 1);
    expect(cells[cols.indexOf('csat_satisfied')]).toBe('');
  });

  it('quotes commas and quotes, and defuses spreadsheet formulas in labels', () => {
    expect(csvCell('Магазин "Центр", 1')).toBe('"Магазин ""Центр"", 1"');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+7 912')).toBe("'+7 912");
    expect(csvCell('plain')).toBe('plain');
  });
});
