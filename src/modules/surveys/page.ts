// Owns: the HTML of the public answer pages — the survey form (works without JavaScript; a small inline script
// saves each answer as it is given), the thank-you page and the pages for links that cannot be used. Pure.
import type { FieldError } from '../../server/errors.ts';
import { AUTOSAVE, STYLE } from './page-assets.ts';
import { PAGE_TEXT, type PageText } from './page-text.ts';
import type { AnswerValue, Locale, Question } from './questions.ts';
import { numericRange } from './questions.ts';

export const escapeHtml = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

function layout(locale: Locale, title: string, body: string, nonce: string): string {
  const head =
    `<meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title>` +
    `<style nonce="${nonce}">${STYLE}</style>`;
  return `<!doctype html><html lang="${locale}"><head>${head}</head><body><main>${body}</main></body></html>`;
}

export function messagePage(
  kind: 'used' | 'expired' | 'tampered' | 'closed' | 'link_expired' | 'link_revoked' | 'thanks',
  locale: Locale,
  nonce: string,
  kioskNext?: string,
): string {
  const text = PAGE_TEXT[locale];
  const message = kind === 'thanks' ? `<h1>${text.thanks}</h1><p>${text.thanksMore}</p>` : `<h1>${text[kind]}</h1>`;
  const next = kioskNext ? `<p><a href="${escapeHtml(kioskNext)}">${text.next}</a></p>` : '';
  return layout(locale, text.title, `<div class="msg" role="status">${message}${next}</div>`, nonce);
}

/** The words under a scale's two ends. */
function ends(question: Question, text: PageText): [string, string] {
  if (question.type === 'nps') {
    return [text.npsLow, text.npsHigh];
  }
  if (question.type === 'ces') {
    return [text.cesLow, text.cesHigh];
  }
  return [text.low, text.high];
}

/** One question's input as HTML, its given answer checked or filled in. */
interface InputOf {
  question: Question;
  locale: Locale;
  name: string;
  value: AnswerValue | undefined;
}

const checked = (value: AnswerValue | undefined, option: string) =>
  (Array.isArray(value) ? value.includes(option) : String(value ?? '') === option) ? ' checked' : '';

/** A box to tick: one of several (radio) or any of several (checkbox), shown as a button. */
const optionHtml = (type: 'radio' | 'checkbox', input: InputOf, option: string, label: string) =>
  `<label class="opt"><input type="${type}" name="${input.name}" value="${escapeHtml(option)}"` +
  `${checked(input.value, option)}><span>${label}</span></label>`;

function scaleInput(input: InputOf, range: { min: number; max: number }): string {
  const cells = [];
  for (let point = range.min; point <= range.max; point++) {
    cells.push(
      `<label><input type="radio" name="${input.name}" value="${point}"${checked(input.value, String(point))}>` +
        `<span>${point}</span></label>`,
    );
  }
  const [low, high] = ends(input.question, PAGE_TEXT[input.locale]);
  return `<div class="scale">${cells.join('')}</div><div class="ends"><span>${low}</span><span>${high}</span></div>`;
}

function inputHtml(input: InputOf): string {
  const { question, locale } = input;
  const range = numericRange(question);
  if (range) {
    return scaleInput(input, range);
  }
  if (question.type === 'key') {
    const text = PAGE_TEXT[locale];
    return (['yes', 'no'] as const).map((answer) => optionHtml('radio', input, answer, text[answer])).join('');
  }
  if (question.type === 'single_choice' || question.type === 'multiple_choice') {
    const type = question.type === 'single_choice' ? 'radio' : 'checkbox';
    return question.options
      .map((option) => optionHtml(type, input, option.id, escapeHtml(option.label[locale])))
      .join('');
  }
  const wording = escapeHtml(question.wording[locale]);
  const given = escapeHtml(typeof input.value === 'string' ? input.value : '');
  return `<textarea name="${input.name}" maxlength="4000" aria-label="${wording}">${given}</textarea>`;
}

function questionHtml(question: Question, locale: Locale, value: AnswerValue | undefined, error?: string): string {
  const required = question.required ? ` <span class="note">(${PAGE_TEXT[locale].required})</span>` : '';
  const legend = `<legend>${escapeHtml(question.wording[locale])}${required}</legend>`;
  const input = inputHtml({ question, locale, name: `q.${question.id}`, value });
  const problem = error ? `<p class="err" role="alert">${escapeHtml(error)}</p>` : '';
  return `<fieldset${error ? ' class="bad"' : ''}>${legend}${input}${problem}</fieldset>`;
}

export interface FormPage {
  questions: readonly Question[];
  locale: Locale;
  answers: ReadonlyMap<string, AnswerValue>;
  errors: readonly FieldError[];
  action: string;
  /** Where the inline script saves answers one by one; none at a kiosk (a shared tablet saves only when sent). */
  saveUrl: string | null;
  hidden?: Record<string, string>;
  nonce: string;
}

export function surveyPage(page: FormPage): string {
  const text = PAGE_TEXT[page.locale];
  const errorOf = new Map(page.errors.map((error) => [error.path.replace(/^answers\./, ''), error.message]));
  const hidden = Object.entries(page.hidden ?? {})
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('');
  const questions = page.questions
    .map((question) => questionHtml(question, page.locale, page.answers.get(question.id), errorOf.get(question.id)))
    .join('');
  const summary = page.errors.length ? `<p class="err" role="alert">${text.errors}</p>` : '';
  const saveTo = page.saveUrl ? ` data-save="${escapeHtml(page.saveUrl)}"` : '';
  const script = page.saveUrl ? `<script nonce="${page.nonce}">${AUTOSAVE}</script>` : '';
  const body =
    `<h1>${text.title}</h1>${summary}` +
    `<form id="survey" method="post" action="${escapeHtml(page.action)}"${saveTo}>${hidden}${questions}` +
    `<p id="status" class="status" aria-live="polite" data-ok="${text.saved}"></p>` +
    `<button type="submit">${text.send}</button></form>${script}`;
  return layout(page.locale, text.title, body, page.nonce);
}

/** A urlencoded form body as answers keyed by question id (fields `q.<id>`; repeated fields become lists). */
export function formAnswers(body: Readonly<Record<string, string | string[]>>): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key.startsWith('q.')) {
      answers[key.slice(2)] = value;
    }
  }
  return answers;
}

export function parseForm(text: string): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(text)) {
    const earlier = fields[name];
    fields[name] = earlier === undefined ? value : Array.isArray(earlier) ? [...earlier, value] : [earlier, value];
  }
  return fields;
}
