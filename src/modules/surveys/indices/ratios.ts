// Owns: the rate indices of the survey programme — response rate, exact conversion, visitor coverage,
// force-majeure level and email capture rate — each a share with a Wilson interval. Pure.
import { type IndexResult, assertCount } from './index-result.ts';
import { wilson } from './intervals.ts';

/** A share of `part` in `whole` (0..1); both are our own counts, so part > whole is a bug and throws. */
function share(partName: string, part: number, wholeName: string, whole: number): IndexResult {
  assertCount(partName, part);
  assertCount(wholeName, whole);
  if (part > whole) {
    throw new RangeError(`${partName} (${part}) cannot exceed ${wholeName} (${whole})`);
  }
  return { value: whole === 0 ? null : part / whole, n: whole, ci: wilson(part, whole) };
}

/**
 * A ratio against a count imported from elsewhere (the till, the door counter). Such a denominator can fall
 * short of the surveys (a counter outage, a survey without a purchase): the ratio is then reported as it is,
 * above 1, with no interval, since it is no longer a proportion; a dashboard should not break over it.
 */
function importedRatio(partName: string, part: number, wholeName: string, whole: number): IndexResult {
  assertCount(partName, part);
  assertCount(wholeName, whole);
  if (whole === 0) {
    return { value: null, n: 0, ci: null };
  }
  return { value: part / whole, n: whole, ci: part <= whole ? wilson(part, whole) : null };
}

/** Share of sent surveys answered by their deadline; the rest are the silent customers. */
export const responseRate = (answered: number, sent: number): IndexResult => share('answered', answered, 'sent', sent);

/** Точная конверсия: surveys ÷ transactions. */
export const exactConversion = (surveys: number, transactions: number): IndexResult =>
  importedRatio('surveys', surveys, 'transactions', transactions);

/** Коэффициент охвата посетителей: surveys ÷ visitors. */
export const visitorCoverage = (surveys: number, visitors: number): IndexResult =>
  importedRatio('surveys', surveys, 'visitors', visitors);

/** Уровень форс-мажора: force-majeure situations ÷ surveys. */
export const forceMajeureLevel = (forceMajeure: number, surveys: number): IndexResult =>
  share('forceMajeure', forceMajeure, 'surveys', surveys);

export type EmailCaptureResult = IndexResult & { target: number; meetsTarget: boolean | null };

/** The service-centre target for the email capture rate; a default, configurable per centre. */
export const EMAIL_CAPTURE_TARGET = 0.7;

/**
 * Email capture rate: intakes with a real customer email ÷ all intakes. `meetsTarget` compares the observed
 * rate (not the interval) with the target, and is null when there were no intakes.
 */
export function emailCaptureRate(
  withRealEmail: number,
  intakes: number,
  target = EMAIL_CAPTURE_TARGET,
): EmailCaptureResult {
  if (!Number.isFinite(target) || target < 0 || target > 1) {
    throw new RangeError(`target must lie in [0, 1], got ${target}`);
  }
  const result = share('withRealEmail', withRealEmail, 'intakes', intakes);
  // Compared in counts so that 7 of 10 meets 70 % despite binary fractions.
  const meetsTarget = intakes === 0 ? null : withRealEmail >= target * intakes - 1e-9;
  return { ...result, target, meetsTarget };
}
