// Owns: the HTML of the public answer pages — the survey form (works without JavaScript; a small inline script
// saves each answer as it is given), the thank-you page and the pages for links that cannot be used. Pure.
import type { FieldError } from '../../server/errors.ts';
import type { AnswerValue, Locale, Question } from './questions.ts';
import { numericRange } from './questions.ts';

const T = {
  ru: {
    title: 'Оцените наше обслуживание',
    send: 'Отправить',
    required: 'обязательный вопрос',
    yes: 'Да',
    no: 'Нет',
    saved: 'Ответ сохранён',
    thanks: 'Спасибо! Ваши ответы получены.',
    thanksMore: 'Они помогают нам становиться лучше.',
    next: 'Следующий посетитель',
    used: 'Вы уже ответили на этот опрос. Спасибо!',
    expired: 'Срок ответа на этот опрос истёк.',
    tampered: 'Ссылка на опрос повреждена или недействительна.',
    closed: 'Этот опрос больше не проводится.',
    errors: 'Проверьте ответы, отмеченные ниже.',
    low: 'совсем нет',
    high: 'полностью',
    cesLow: 'очень легко',
    cesHigh: 'очень трудно',
    npsLow: 'точно не порекомендую',
    npsHigh: 'обязательно порекомендую',
  },
  en: {
    title: 'Rate our service',
    send: 'Send',
    required: 'required',
    yes: 'Yes',
    no: 'No',
    saved: 'Answer saved',
    thanks: 'Thank you! We have your answers.',
    thanksMore: 'They help us get better.',
    next: 'Next visitor',
    used: 'You have already answered this survey. Thank you!',
    expired: 'The time to answer this survey has passed.',
    tampered: 'This survey link is damaged or not valid.',
    closed: 'This survey has ended.',
    errors: 'Please check the answers marked below.',
    low: 'not at all',
    high: 'completely',
    cesLow: 'very easy',
    cesHigh: 'very hard',
    npsLow: 'not likely',
    npsHigh: 'extremely likely',
  },
} as const;

export const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const STYLE = `*{box-sizing:border-box}body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1b1e;background:#f4f5f7}
main{max-width:40rem;margin:0 auto;padding:1rem}h1{font-size:1.4rem;margin:.5rem 0 1rem}
fieldset{border:0;background:#fff;border-radius:12px;padding:1rem;margin:0 0 1rem;box-shadow:0 1px 2px #0001}
legend{font-weight:600;padding:0;margin-bottom:.6rem;float:left;width:100%}legend+*{clear:both}
.scale{display:flex;flex-wrap:wrap;gap:.35rem}.scale label{flex:1 0 2.6rem}
.scale input,.opt input{position:absolute;opacity:0}.scale span{display:block;text-align:center;padding:.65rem 0;border:1px solid #ced4da;border-radius:8px;background:#fff;cursor:pointer}
.scale input:checked+span{background:#228be6;border-color:#228be6;color:#fff}.scale input:focus-visible+span{outline:3px solid #74c0fc}
.ends{display:flex;justify-content:space-between;font-size:.8rem;color:#868e96;margin-top:.3rem}
.opt{display:block;position:relative;margin:.3rem 0}.opt span{display:block;padding:.6rem .8rem;border:1px solid #ced4da;border-radius:8px;cursor:pointer}
.opt input:checked+span{background:#e7f5ff;border-color:#228be6}.opt input:focus-visible+span{outline:3px solid #74c0fc}
textarea{width:100%;min-height:6rem;font:inherit;padding:.6rem;border:1px solid #ced4da;border-radius:8px}
button{width:100%;font:inherit;font-weight:600;padding:.9rem;border:0;border-radius:10px;background:#228be6;color:#fff;cursor:pointer}
.err{color:#c92a2a;font-size:.9rem;margin:.4rem 0 0}.bad{box-shadow:0 0 0 2px #fa5252}.note{color:#868e96;font-size:.8rem;font-weight:400}
.msg{background:#fff;border-radius:12px;padding:2rem 1rem;text-align:center;margin-top:2rem}.status{min-height:1.2rem;color:#2b8a3e;font-size:.85rem;text-align:center}`;

function layout(locale: Locale, title: string, body: string, nonce: string): string {
  return (
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style nonce="${nonce}">${STYLE}</style></head>` +
    `<body><main>${body}</main></body></html>`
  );
}

export function messagePage(
  kind: 'used' | 'expired' | 'tampered' | 'closed' | 'thanks',
  locale: Locale,
  nonce: string,
  kioskNext?: string,
): string {
  const t = T[locale];
  const text = kind === 'thanks' ? `<h1>${t.thanks}</h1><p>${t.thanksMore}</p>` : `<h1>${t[kind]}</h1>`;
  const next = kioskNext ? `<p><a href="${escapeHtml(kioskNext)}">${t.next}</a></p>` : '';
  return layout(locale, t.title, `<div class="msg" role="status">${text}${next}</div>`, nonce);
}

function ends(q: Question, t: (typeof T)[Locale]): [string, string] {
  if (q.type === 'nps') {
    return [t.npsLow, t.npsHigh];
  }
  if (q.type === 'ces') {
    return [t.cesLow, t.cesHigh];
  }
  return [t.low, t.high];
}

function questionHtml(q: Question, locale: Locale, value: AnswerValue | undefined, error: string | undefined): string {
  const t = T[locale];
  const name = `q.${q.id}`;
  const checked = (v: string) =>
    (Array.isArray(value) ? value.includes(v) : String(value ?? '') === v) ? ' checked' : '';
  const legend = `<legend>${escapeHtml(q.wording[locale])}${q.required ? ` <span class="note">(${t.required})</span>` : ''}</legend>`;
  let input: string;
  const range = numericRange(q);
  if (range) {
    const cells = [];
    for (let v = range.min; v <= range.max; v++) {
      cells.push(
        `<label><input type="radio" name="${name}" value="${v}"${checked(String(v))}><span>${v}</span></label>`,
      );
    }
    const [low, high] = ends(q, t);
    input = `<div class="scale">${cells.join('')}</div><div class="ends"><span>${low}</span><span>${high}</span></div>`;
  } else if (q.type === 'key') {
    input = ['yes', 'no']
      .map(
        (v) =>
          `<label class="opt"><input type="radio" name="${name}" value="${v}"${checked(v)}><span>${t[v as 'yes' | 'no']}</span></label>`,
      )
      .join('');
  } else if (q.type === 'single_choice' || q.type === 'multiple_choice') {
    const type = q.type === 'single_choice' ? 'radio' : 'checkbox';
    input = q.options
      .map(
        (o) =>
          `<label class="opt"><input type="${type}" name="${name}" value="${escapeHtml(o.id)}"${checked(o.id)}><span>${escapeHtml(o.label[locale])}</span></label>`,
      )
      .join('');
  } else {
    input = `<textarea name="${name}" maxlength="4000" aria-label="${escapeHtml(q.wording[locale])}">${escapeHtml(typeof value === 'string' ? value : '')}</textarea>`;
  }
  const err = error ? `<p class="err" role="alert">${escapeHtml(error)}</p>` : '';
  return `<fieldset${error ? ' class="bad"' : ''}>${legend}${input}${err}</fieldset>`;
}

// Saves each answer as it is given, so that a customer who stops halfway still counts what they said.
const AUTOSAVE = `(function(){var f=document.getElementById('survey'),s=document.getElementById('status');if(!f||!window.fetch)return;
function send(el){var n=el.name.slice(2),v;if(el.type==='checkbox'){v=[].slice.call(f.querySelectorAll('input[name="'+el.name+'"]:checked')).map(function(i){return i.value})}else{v=el.value}
var a={};a[n]=v;fetch(f.getAttribute('data-save'),{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify({answers:a})}).then(function(r){if(r.ok&&s)s.textContent=s.getAttribute('data-ok')})}
var t;f.addEventListener('change',function(e){if(e.target.name&&e.target.tagName!=='TEXTAREA')send(e.target)});
f.addEventListener('input',function(e){if(e.target.tagName==='TEXTAREA'){clearTimeout(t);t=setTimeout(function(){send(e.target)},800)}})})();`;

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

export function surveyPage(p: FormPage): string {
  const t = T[p.locale];
  const errorOf = new Map(p.errors.map((e) => [e.path.replace(/^answers\./, ''), e.message]));
  const hidden = Object.entries(p.hidden ?? {})
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('');
  const summary = p.errors.length ? `<p class="err" role="alert">${t.errors}</p>` : '';
  const script = p.saveUrl ? `<script nonce="${p.nonce}">${AUTOSAVE}</script>` : '';
  const body =
    `<h1>${t.title}</h1>${summary}<form id="survey" method="post" action="${escapeHtml(p.action)}"${p.saveUrl ? ` data-save="${escapeHtml(p.saveUrl)}"` : ''}>` +
    `${hidden}${p.questions.map((q) => questionHtml(q, p.locale, p.answers.get(q.id), errorOf.get(q.id))).join('')}` +
    `<p id="status" class="status" aria-live="polite" data-ok="${t.saved}"></p><button type="submit">${t.send}</button></form>${script}`;
  return layout(p.locale, t.title, body, p.nonce);
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
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(text)) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}
