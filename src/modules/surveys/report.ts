// Owns: one row of the indices table from the tallies the database counted — every index through the pure
// formulas in indices/, each with its n and 95 % interval — and the row's CSV form. Pure.
import {
  type DissatisfactionResult,
  type EmailCaptureResult,
  type IndexResult,
  type NpsResult,
  emailCaptureRate,
  emotionalLoyaltyIndex,
  exactConversion,
  forceMajeureLevel,
  meanIntervalFromSums,
  npsFromCounts,
  officeDissatisfactionIndex,
  responseRate,
  staffDissatisfactionIndex,
  visitorCoverage,
  wilson,
} from './indices/indices.ts';

/** What a group's closed invitations add up to (counts and sums, never individual answers). */
export interface ResponseCounts {
  closed: number;
  answered: number;
  silent: number;
  csatSatisfied: number;
  csatN: number;
  csat10N: number;
  csat10Sum: number;
  csat10Sq: number;
  csat5N: number;
  csat5Sum: number;
  csat5Sq: number;
  npsN: number;
  promoters: number;
  detractors: number;
  ces7N: number;
  ces7Sum: number;
  ces7Sq: number;
  ces5N: number;
  ces5Sum: number;
  ces5Sq: number;
  staffPositive: number;
  staffNeutral: number;
  staffNegative: number;
  staffSilent: number;
  staffExcluded: number;
  officePositive: number;
  officeNeutral: number;
  officeNegative: number;
  officeSilent: number;
  officeExcluded: number;
  loyaltyPositive: number;
  loyaltyNeutral: number;
  loyaltyNegative: number;
  loyaltySilent: number;
  forceMajeure: number;
}

/** Everything one group's indices are computed from: its responses' counters and the denominators. */
export interface GroupTally extends ResponseCounts {
  transactions: number;
  /** Null when the grouping has no visitor counts (staff, category, channel). */
  visitors: number | null;
  intakes: number;
  intakesWithEmail: number;
}

export const emptyTally = (): GroupTally => ({
  closed: 0,
  answered: 0,
  silent: 0,
  csatSatisfied: 0,
  csatN: 0,
  csat10N: 0,
  csat10Sum: 0,
  csat10Sq: 0,
  csat5N: 0,
  csat5Sum: 0,
  csat5Sq: 0,
  npsN: 0,
  promoters: 0,
  detractors: 0,
  ces7N: 0,
  ces7Sum: 0,
  ces7Sq: 0,
  ces5N: 0,
  ces5Sum: 0,
  ces5Sq: 0,
  staffPositive: 0,
  staffNeutral: 0,
  staffNegative: 0,
  staffSilent: 0,
  staffExcluded: 0,
  officePositive: 0,
  officeNeutral: 0,
  officeNegative: 0,
  officeSilent: 0,
  officeExcluded: 0,
  loyaltyPositive: 0,
  loyaltyNeutral: 0,
  loyaltyNegative: 0,
  loyaltySilent: 0,
  forceMajeure: 0,
  transactions: 0,
  visitors: null,
  intakes: 0,
  intakesWithEmail: 0,
});

export interface IndexRow {
  key: string | null;
  label: string | null;
  csat: { satisfied: IndexResult; mean0to10: IndexResult; mean1to5: IndexResult };
  nps: NpsResult;
  ces: { mean1to7: IndexResult; mean1to5: IndexResult };
  staffDissatisfaction: DissatisfactionResult;
  officeDissatisfaction: DissatisfactionResult;
  emotionalLoyalty: IndexResult;
  responseRate: IndexResult;
  exactConversion: IndexResult;
  visitorCoverage: IndexResult;
  forceMajeureLevel: IndexResult;
  emailCaptureRate: EmailCaptureResult;
  counts: {
    sent: number;
    answered: number;
    silent: number;
    transactions: number;
    visitors: number | null;
    intakes: number;
  };
}

export interface ReportSettings {
  correctionCoefficient: number;
  emailCaptureTarget: number;
}

export function indexRow(
  key: string | null,
  label: string | null,
  tally: GroupTally,
  settings: ReportSettings,
): IndexRow {
  const correction = settings.correctionCoefficient;
  return {
    key,
    label,
    csat: {
      satisfied: {
        value: tally.csatN === 0 ? null : tally.csatSatisfied / tally.csatN,
        n: tally.csatN,
        ci: wilson(tally.csatSatisfied, tally.csatN),
      },
      mean0to10: meanIntervalFromSums(tally.csat10N, tally.csat10Sum, tally.csat10Sq, { low: 0, high: 10 }),
      mean1to5: meanIntervalFromSums(tally.csat5N, tally.csat5Sum, tally.csat5Sq, { low: 1, high: 5 }),
    },
    nps: npsFromCounts({
      promoters: tally.promoters,
      passives: tally.npsN - tally.promoters - tally.detractors,
      detractors: tally.detractors,
    }),
    ces: {
      mean1to7: meanIntervalFromSums(tally.ces7N, tally.ces7Sum, tally.ces7Sq, { low: 1, high: 7 }),
      mean1to5: meanIntervalFromSums(tally.ces5N, tally.ces5Sum, tally.ces5Sq, { low: 1, high: 5 }),
    },
    staffDissatisfaction: staffDissatisfactionIndex(
      {
        positive: tally.staffPositive,
        neutral: tally.staffNeutral,
        negative: tally.staffNegative,
        silent: tally.staffSilent,
        excluded: tally.staffExcluded,
      },
      correction,
    ),
    officeDissatisfaction: officeDissatisfactionIndex(
      {
        positive: tally.officePositive,
        neutral: tally.officeNeutral,
        negative: tally.officeNegative,
        silent: tally.officeSilent,
        excluded: tally.officeExcluded,
      },
      correction,
    ),
    emotionalLoyalty: emotionalLoyaltyIndex(
      {
        positive: tally.loyaltyPositive,
        neutral: tally.loyaltyNeutral,
        negative: tally.loyaltyNegative,
        silent: tally.loyaltySilent,
      },
      correction,
    ),
    responseRate: responseRate(tally.answered, tally.closed),
    exactConversion: exactConversion(tally.answered, tally.transactions),
    visitorCoverage:
      tally.visitors === null ? { value: null, n: 0, ci: null } : visitorCoverage(tally.answered, tally.visitors),
    forceMajeureLevel: forceMajeureLevel(tally.forceMajeure, tally.answered),
    emailCaptureRate: emailCaptureRate(tally.intakesWithEmail, tally.intakes, settings.emailCaptureTarget),
    counts: {
      sent: tally.closed,
      answered: tally.answered,
      silent: tally.silent,
      transactions: tally.transactions,
      visitors: tally.visitors,
      intakes: tally.intakes,
    },
  };
}

/** The CSV columns: for each index its value, n and interval bounds. */
const INDEX_COLUMNS: [string, (r: IndexRow) => IndexResult][] = [
  ['csat_satisfied', (r) => r.csat.satisfied],
  ['csat_mean_0_10', (r) => r.csat.mean0to10],
  ['csat_mean_1_5', (r) => r.csat.mean1to5],
  ['nps', (r) => r.nps],
  ['ces_mean_1_7', (r) => r.ces.mean1to7],
  ['ces_mean_1_5', (r) => r.ces.mean1to5],
  ['staff_dissatisfaction', (r) => r.staffDissatisfaction],
  ['office_dissatisfaction', (r) => r.officeDissatisfaction],
  ['emotional_loyalty', (r) => r.emotionalLoyalty],
  ['response_rate', (r) => r.responseRate],
  ['exact_conversion', (r) => r.exactConversion],
  ['visitor_coverage', (r) => r.visitorCoverage],
  ['force_majeure_level', (r) => r.forceMajeureLevel],
  ['email_capture_rate', (r) => r.emailCaptureRate],
];

const num = (value: number | null | undefined): string =>
  value === null || value === undefined ? '' : String(Math.round(value * 1e6) / 1e6);

/** RFC 4180 quoting; a leading = + - @ is prefixed with ' so that a spreadsheet never runs a label as a formula. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(rows: readonly IndexRow[]): string {
  const header = [
    'key',
    'label',
    ...INDEX_COLUMNS.flatMap(([name]) => [name, `${name}_n`, `${name}_ci_low`, `${name}_ci_high`]),
    'sent',
    'answered',
    'silent',
    'transactions',
    'visitors',
    'intakes',
  ];
  const lines = rows.map((row) =>
    [
      csvCell(row.key ?? ''),
      csvCell(row.label ?? ''),
      ...INDEX_COLUMNS.flatMap(([, pick]) => {
        const result = pick(row);
        return [num(result.value), String(result.n), num(result.ci?.low), num(result.ci?.high)];
      }),
      String(row.counts.sent),
      String(row.counts.answered),
      String(row.counts.silent),
      String(row.counts.transactions),
      num(row.counts.visitors),
      String(row.counts.intakes),
    ].join(','),
  );
  return `${[header.join(','), ...lines].join('\r\n')}\r\n`;
}
