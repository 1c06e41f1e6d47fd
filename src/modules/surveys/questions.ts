// Owns: survey questions as the service and the answer page see them — their kinds and scales, checking one
// answer against its question, and turning a customer's answers into the index columns of an invitation. Pure.
import {
  type CesScale,
  type CsatScale,
  type KeyAnswer,
  type KeyScale,
  NPS_SCALE,
  classifyKeyAnswer,
  isSatisfied,
  validateScale,
} from './indices/indices.ts';

export type Locale = 'ru' | 'en';
export type Wording = Record<Locale, string>;

export interface ChoiceOption {
  id: string;
  label: Wording;
}

interface Base {
  id: string;
  wording: Wording;
  /** Which moment of the customer journey the question measures (for the journey map). */
  touchpoint: string | null;
  required: boolean;
}

export type Question =
  | (Base & { type: 'csat'; scale: CsatScale })
  | (Base & { type: 'nps' })
  | (Base & { type: 'ces'; scale: CesScale })
  | (Base & { type: 'key'; subject: 'staff' | 'office'; scale: KeyScale })
  | (Base & { type: 'single_choice' | 'multiple_choice'; options: ChoiceOption[] })
  | (Base & { type: 'text' });

export type QuestionType = Question['type'];

/** The longest free-text answer kept; longer is refused, not cut. */
export const TEXT_ANSWER_MAX = 4000;

export interface QuestionProblem {
  path: string;
  code: string;
  message: string;
}

/** Checks a survey's questions as a whole: ids unique, at most one question per index, scales valid. */
export function checkQuestions(questions: readonly Question[]): QuestionProblem[] {
  const problems: QuestionProblem[] = [];
  const seen = new Set<string>();
  const perIndex = new Map<string, number>();
  questions.forEach((question, position) => {
    const at = `questions.${position}`;
    if (seen.has(question.id)) {
      problems.push({ path: `${at}.id`, code: 'duplicate', message: `Question id "${question.id}" is used twice` });
    }
    seen.add(question.id);
    const index = question.type === 'key' ? `key_${question.subject}` : question.type;
    if (['csat', 'nps', 'ces', 'key_staff', 'key_office'].includes(index)) {
      if (perIndex.has(index)) {
        problems.push({
          path: `${at}.type`,
          code: 'one_per_index',
          message:
            `A survey has at most one ${index.replace('_', ' ')} question: ` +
            'the indices count one answer per customer',
        });
      }
      perIndex.set(index, position);
    }
    if (question.type === 'csat' || question.type === 'ces' || question.type === 'key') {
      const scale = validateScale(question.scale);
      if (!scale.ok) {
        for (const error of scale.errors) {
          problems.push({ path: `${at}.scale.${error.path}`, code: error.code, message: error.message });
        }
      }
    }
    if (question.type === 'single_choice' || question.type === 'multiple_choice') {
      const ids = question.options.map((option) => option.id);
      if (new Set(ids).size !== ids.length) {
        problems.push({ path: `${at}.options`, code: 'duplicate', message: 'Option ids must be unique' });
      }
    }
  });
  return problems;
}

/** The range of a numeric question, for the answer page and the checks. */
export function numericRange(question: Question): { min: number; max: number } | null {
  switch (question.type) {
    case 'csat':
    case 'ces':
      return { min: question.scale.min, max: question.scale.max };
    case 'nps':
      return { min: NPS_SCALE.min, max: NPS_SCALE.max };
    case 'key':
      return question.scale.kind === 'key_scale' ? { min: question.scale.min, max: question.scale.max } : null;
    default:
      return null;
  }
}

export type AnswerValue = number | string | string[];
export type AnswerCheck = { ok: true; value: AnswerValue } | { ok: false; code: string; message: string };

const toNumber = (raw: unknown): number | null => {
  if (typeof raw === 'number') {
    return raw;
  }
  if (typeof raw === 'string' && /^-?\d+$/.test(raw.trim())) {
    return Number(raw.trim());
  }
  return null;
};

/**
 * Checks one raw answer (from JSON or a form, so numbers may come as strings) against its question, returning
 * the value to store. An empty answer is not an answer: the caller skips it.
 */
export function checkAnswer(question: Question, raw: unknown): AnswerCheck {
  const range = numericRange(question);
  if (range) {
    const number = toNumber(raw);
    if (number === null || !Number.isInteger(number) || number < range.min || number > range.max) {
      return { ok: false, code: 'out_of_scale', message: `Choose a whole number from ${range.min} to ${range.max}` };
    }
    return { ok: true, value: number };
  }
  switch (question.type) {
    case 'key':
      return raw === 'yes' || raw === 'no'
        ? { ok: true, value: raw }
        : { ok: false, code: 'not_yes_no', message: 'Answer yes or no' };
    case 'single_choice':
      return typeof raw === 'string' && question.options.some((option) => option.id === raw)
        ? { ok: true, value: raw }
        : { ok: false, code: 'unknown_option', message: 'Choose one of the options' };
    case 'multiple_choice': {
      const list = Array.isArray(raw) ? raw : [raw];
      if (
        list.length === 0 ||
        !list.every((item) => typeof item === 'string' && question.options.some((option) => option.id === item))
      ) {
        return { ok: false, code: 'unknown_option', message: 'Choose among the options' };
      }
      return { ok: true, value: [...new Set(list as string[])] };
    }
    case 'text': {
      if (typeof raw !== 'string') {
        return { ok: false, code: 'not_text', message: 'Write text' };
      }
      const text = raw.trim();
      if (text.length > TEXT_ANSWER_MAX) {
        return { ok: false, code: 'too_long', message: `At most ${TEXT_ANSWER_MAX} characters` };
      }
      return { ok: true, value: text };
    }
    default:
      return { ok: false, code: 'unknown_question', message: 'Unknown question type' };
  }
}

/** True when a raw answer is blank (an untouched form field): nothing to save. */
export const isBlank = (raw: unknown): boolean =>
  raw === undefined ||
  raw === null ||
  (typeof raw === 'string' && raw.trim() === '') ||
  (Array.isArray(raw) && raw.length === 0);

/** The answers of one invitation as the indices count them. Null: not asked or not answered. */
export interface IndexColumns {
  csatScore: number | null;
  csatMax: number | null;
  csatSatisfied: boolean | null;
  nps: number | null;
  cesScore: number | null;
  cesMax: number | null;
  staffAsked: boolean;
  staffKey: -1 | 0 | 1 | null;
  officeAsked: boolean;
  officeKey: -1 | 0 | 1 | null;
  /** Any answer a supervisor should qualify: a negative key answer, a CSAT below satisfied, an NPS detractor. */
  negative: boolean;
}

const KEY_CODE = { positive: 1, neutral: 0, negative: -1 } as const;

export function indexColumns(questions: readonly Question[], answers: ReadonlyMap<string, AnswerValue>): IndexColumns {
  const columns: IndexColumns = {
    csatScore: null,
    csatMax: null,
    csatSatisfied: null,
    nps: null,
    cesScore: null,
    cesMax: null,
    staffAsked: false,
    staffKey: null,
    officeAsked: false,
    officeKey: null,
    negative: false,
  };
  for (const question of questions) {
    const value = answers.get(question.id);
    if (question.type === 'key') {
      if (question.subject === 'staff') {
        columns.staffAsked = true;
      } else {
        columns.officeAsked = true;
      }
    }
    if (value === undefined) {
      continue;
    }
    if (question.type === 'csat' && typeof value === 'number') {
      columns.csatScore = value;
      columns.csatMax = question.scale.max;
      columns.csatSatisfied = isSatisfied(value, question.scale);
    } else if (question.type === 'nps' && typeof value === 'number') {
      columns.nps = value;
    } else if (question.type === 'ces' && typeof value === 'number') {
      columns.cesScore = value;
      columns.cesMax = question.scale.max;
    } else if (question.type === 'key' && (typeof value === 'number' || value === 'yes' || value === 'no')) {
      const code = KEY_CODE[classifyKeyAnswer(value as KeyAnswer, question.scale)];
      if (question.subject === 'staff') {
        columns.staffKey = code;
      } else {
        columns.officeKey = code;
      }
    }
  }
  columns.negative =
    columns.staffKey === -1 ||
    columns.officeKey === -1 ||
    columns.csatSatisfied === false ||
    (columns.nps !== null && columns.nps <= NPS_SCALE.detractorsTo);
  return columns;
}

/** The required questions still unanswered; completing a survey needs none. */
export const missingRequired = (questions: readonly Question[], answers: ReadonlyMap<string, AnswerValue>): string[] =>
  questions.filter((question) => question.required && !answers.has(question.id)).map((question) => question.id);
