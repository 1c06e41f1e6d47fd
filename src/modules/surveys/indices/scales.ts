// Owns: the answer scales of survey questions (CSAT, NPS, CES, key questions about staff and office),
// their validation, and the mapping of one answer to satisfied / promoter / positive. Pure.

export interface CsatScale {
  kind: 'csat';
  min: 0 | 1;
  max: 10 | 5;
  /** Answers at or above this count as satisfied; the company sets it (e.g. 4 on 1–5, 9 on 0–10). */
  satisfiedFrom: number;
}

export interface CesScale {
  kind: 'ces';
  min: 1;
  max: 7 | 5;
}

/** A key question answered yes or no; `positiveAnswer` says which of them is good news. */
export interface YesNoKeyScale {
  kind: 'key_yes_no';
  positiveAnswer: 'yes' | 'no';
}

/** A key question on a scale: up to `negativeTo` is negative, from `positiveFrom` positive, between neutral. */
export interface BandedKeyScale {
  kind: 'key_scale';
  min: number;
  max: number;
  negativeTo: number;
  positiveFrom: number;
}

export type KeyScale = YesNoKeyScale | BandedKeyScale;
export type Scale = CsatScale | CesScale | KeyScale;

export const CSAT_1_5: CsatScale = { kind: 'csat', min: 1, max: 5, satisfiedFrom: 4 };
export const CSAT_0_10: CsatScale = { kind: 'csat', min: 0, max: 10, satisfiedFrom: 9 };
export const CES_1_7: CesScale = { kind: 'ces', min: 1, max: 7 };
export const CES_1_5: CesScale = { kind: 'ces', min: 1, max: 5 };
export const KEY_YES_NO: YesNoKeyScale = { kind: 'key_yes_no', positiveAnswer: 'yes' };

/** NPS is fixed by definition: 0–10, promoters 9–10, passives 7–8, detractors 0–6. */
export const NPS_SCALE = { min: 0, max: 10, promotersFrom: 9, detractorsTo: 6 } as const;

export type NpsGroup = 'promoter' | 'passive' | 'detractor';
export type KeyAnswerClass = 'positive' | 'neutral' | 'negative';
export type KeyAnswer = number | 'yes' | 'no';

export interface ScaleError {
  path: string;
  code: 'invalid_range' | 'out_of_scale' | 'bands_overlap' | 'not_integer' | 'unknown_kind';
  message: string;
}

export type ScaleValidation = { ok: true; scale: Scale } | { ok: false; errors: ScaleError[] };

/** Checks a scale configuration as an admin would type it; names every problem, not only the first. */
export function validateScale(scale: Scale): ScaleValidation {
  const errors: ScaleError[] = [];
  const integer = (path: string, value: number) => {
    if (!Number.isInteger(value)) {
      errors.push({ path, code: 'not_integer', message: `${path} must be a whole number` });
    }
  };
  const within = (path: string, value: number, min: number, max: number) => {
    integer(path, value);
    if (value < min || value > max) {
      errors.push({ path, code: 'out_of_scale', message: `${path} must lie in ${min}–${max}` });
    }
  };
  switch (scale.kind) {
    case 'csat':
      if (!((scale.min === 0 && scale.max === 10) || (scale.min === 1 && scale.max === 5))) {
        errors.push({ path: 'min', code: 'invalid_range', message: 'a CSAT scale is 0–10 or 1–5' });
      }
      within('satisfiedFrom', scale.satisfiedFrom, scale.min, scale.max);
      break;
    case 'ces':
      if (scale.min !== 1 || (scale.max !== 7 && scale.max !== 5)) {
        errors.push({ path: 'max', code: 'invalid_range', message: 'a CES scale is 1–7 or 1–5' });
      }
      break;
    case 'key_yes_no':
      if (scale.positiveAnswer !== 'yes' && scale.positiveAnswer !== 'no') {
        errors.push({ path: 'positiveAnswer', code: 'out_of_scale', message: 'positiveAnswer is yes or no' });
      }
      break;
    case 'key_scale':
      integer('min', scale.min);
      integer('max', scale.max);
      if (!(scale.min < scale.max)) {
        errors.push({ path: 'max', code: 'invalid_range', message: 'max must exceed min' });
      }
      within('negativeTo', scale.negativeTo, scale.min, scale.max);
      within('positiveFrom', scale.positiveFrom, scale.min, scale.max);
      if (!(scale.negativeTo < scale.positiveFrom)) {
        errors.push({ path: 'positiveFrom', code: 'bands_overlap', message: 'positiveFrom must exceed negativeTo' });
      }
      break;
    default:
      errors.push({ path: 'kind', code: 'unknown_kind', message: 'unknown scale kind' });
  }
  return errors.length === 0 ? { ok: true, scale } : { ok: false, errors };
}

/** An answer off its scale is a bug in the intake, never a silent skip: it throws. */
export function assertOnScale(answer: number, min: number, max: number): void {
  if (!Number.isInteger(answer) || answer < min || answer > max) {
    throw new RangeError(`answer ${answer} is not on the ${min}–${max} scale`);
  }
}

export function isSatisfied(answer: number, scale: CsatScale): boolean {
  assertOnScale(answer, scale.min, scale.max);
  return answer >= scale.satisfiedFrom;
}

export function npsGroup(answer: number): NpsGroup {
  assertOnScale(answer, NPS_SCALE.min, NPS_SCALE.max);
  if (answer >= NPS_SCALE.promotersFrom) {
    return 'promoter';
  }
  return answer <= NPS_SCALE.detractorsTo ? 'detractor' : 'passive';
}

export function classifyKeyAnswer(answer: KeyAnswer, scale: KeyScale): KeyAnswerClass {
  if (scale.kind === 'key_yes_no') {
    if (answer !== 'yes' && answer !== 'no') {
      throw new RangeError(`answer ${answer} is not yes or no`);
    }
    return answer === scale.positiveAnswer ? 'positive' : 'negative';
  }
  if (typeof answer !== 'number') {
    throw new RangeError(`answer ${answer} is not a number on the scale`);
  }
  assertOnScale(answer, scale.min, scale.max);
  if (answer <= scale.negativeTo) {
    return 'negative';
  }
  return answer >= scale.positiveFrom ? 'positive' : 'neutral';
}
