import { describe, expect, it } from 'vitest';
import { escapeHtml, formAnswers, messagePage, parseForm, surveyPage } from './page.ts';
import type { Question } from './questions.ts';

const question = (over: Partial<Question> & Pick<Question, 'id' | 'type'>): Question =>
  ({ wording: { ru: 'Вопрос <b>', en: 'Question' }, touchpoint: null, required: false, ...over }) as Question;

describe('the answer page', () => {
  const questions = [
    question({ id: 'nps', type: 'nps' }),
    question({
      id: 'staff',
      type: 'key',
      subject: 'staff',
      scale: { kind: 'key_yes_no', positiveAnswer: 'yes' },
    } as never),
    question({ id: 'c', type: 'text' }),
  ];

  it('renders eleven NPS buttons, yes/no, a text box, and escapes the wording', () => {
    const html = surveyPage({
      questions,
      locale: 'ru',
      answers: new Map(),
      errors: [],
      action: '/s/t',
      saveUrl: '/s/t/answers',
      nonce: 'n1',
    });
    expect(html.match(/name="q.nps"/g)).toHaveLength(11);
    expect(html).toContain('value="yes"');
    expect(html).toContain('<textarea name="q.c"');
    expect(html).toContain('Вопрос &lt;b&gt;');
    expect(html).toContain('<script nonce="n1">');
    expect(html).toContain('lang="ru"');
  });

  it('shows saved answers checked and the error beside its question', () => {
    const html = surveyPage({
      questions,
      locale: 'en',
      answers: new Map<string, number | string>([
        ['nps', 7],
        ['c', '<hi>'],
      ]),
      errors: [{ path: 'answers.staff', code: 'required', message: 'Please answer' }],
      action: '/s/t',
      saveUrl: null,
      nonce: 'n',
    });
    expect(html).toMatch(/value="7" checked/);
    expect(html).toContain('&lt;hi&gt;</textarea>');
    expect(html).toContain('Please answer');
    expect(html).not.toContain('<script');
  });

  it('says clearly why a link cannot be used, in the customer language', () => {
    expect(messagePage('used', 'en', 'n')).toContain('already answered');
    expect(messagePage('expired', 'ru', 'n')).toContain('истёк');
    expect(messagePage('tampered', 'ru', 'n')).toContain('недействительна');
    expect(messagePage('thanks', 'ru', 'n', '/s/kiosk/x')).toContain('href="/s/kiosk/x"');
  });
});

describe('form bodies', () => {
  it('keep repeated fields as lists and take only question fields', () => {
    const body = parseForm('q.why=price&q.why=speed&q.nps=9&nonce=abc&q.c=%D0%B4%D0%B0');
    expect(formAnswers(body)).toEqual({ why: ['price', 'speed'], nps: '9', c: 'да' });
  });

  it('escapes every HTML special character', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
