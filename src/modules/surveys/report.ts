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

export function indexRow(key: string | null, label: string | null, t: GroupTally, s: ReportSettings): IndexRow {
  const k = s.correctionCoefficient;
  return {
    key,
    label,
    csat: {
      satisfied: {
        value: t.csatN === 0 ? null : t.csatSatisfied / t.csatN,
        n: t.csatN,
        ci: wilson(t.csatSatisfied, t.csatN),
      },
      mean0to10: meanIntervalFromSums(t.csat10N, t.csat10Sum, t.csat10Sq, { low: 0, high: 10 }),
      mean1to5: meanIntervalFromSums(t.csat5N, t.csat5Sum, t.csat5Sq, { low: 1, high: 5 }),
    },
    nps: npsFromCounts({
      promoters: t.promoters,
      passives: t.npsN - t.promoters - t.detractors,
      detractors: t.detractors,
    }),
    ces: {
      mean1to7: meanIntervalFromSums(t.ces7N, t.ces7Sum, t.ces7Sq, { low: 1, high: 7 }),
      mean1to5: meanIntervalFromSums(t.ces5N, t.ces5Sum, t.ces5Sq, { low: 1, high: 5 }),
    },
    staffDissatisfaction: staffDissatisfactionIndex(
      {
        positive: t.staffPositive,
        neutral: t.staffNeutral,
        negative: t.staffNegative,
        silent: t.staffSilent,
        excluded: t.staffExcluded,
      },
      k,
    ),
    officeDissatisfaction: officeDissatisfactionIndex(
      {
        positive: t.officePositive,
        neutral: t.officeNeutral,
        negative: t.officeNegative,
        silent: t.officeSilent,
        excluded: t.officeExcluded,
      },
      k,
    ),
    emotionalLoyalty: emotionalLoyaltyIndex(
      { positive: t.loyaltyPositive, neutral: t.loyaltyNeutral, negative: t.loyaltyNegative, silent: t.loyaltySilent },
      k,
    ),
    responseRate: responseRate(t.answered, t.closed),
    exactConversion: exactConversion(t.answered, t.transactions),
    visitorCoverage: t.visitors === null ? { value: null, n: 0, ci: null } : visitorCoverage(t.answered, t.visitors),
    forceMajeureLevel: forceMajeureLevel(t.forceMajeure, t.answered),
    emailCaptureRate: emailCaptureRate(t.intakesWithEmail, t.intakes, s.emailCaptureTarget),
    counts: {
      sent: t.closed,
      answered: t.answered,
      silent: t.silent,
      transactions: t.transactions,
      visitors: t.visitors,
      intakes: t.intakes,
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

const num = (x: number | null | undefined): string =>
  x === null || x === undefined ? '' : String(Math.round(x * 1e6) / 1e6);

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
  const lines = rows.map((r) =>
    [
      csvCell(r.key ?? ''),
      csvCell(r.label ?? ''),
      ...INDEX_COLUMNS.flatMap(([, pick]) => {
        const x = pick(r);
        return [num(x.value), String(x.n), num(x.ci?.low), num(x.ci?.high)];
      }),
      String(r.counts.sent),
      String(r.counts.answered),
      String(r.counts.silent),
      String(r.counts.transactions),
      num(r.counts.visitors),
      String(r.counts.intakes),
    ].join(','),
  );
  return `${[header.join(','), ...lines].join('\r\n')}\r\n`;
}
