// Mail templates: the built-in ru/en defaults, the variables each key may use, and rendering. Pure: no db, no http.

export type Locale = 'ru' | 'en';
export const LOCALES: readonly Locale[] = ['ru', 'en'];

export interface TemplateText {
  subject: string;
  body: string;
}

/** The notification kinds other modules put in the outbox (payload.template), one template each. */
export const NOTIFICATION_KEYS = [
  'sla_warning',
  'sla_breach',
  'escalation_requested',
  'escalation_decided',
  'subtask_assigned',
  'subtask_done',
  'subtask_late',
  'rule_notification',
] as const;
export const TEMPLATE_KEYS = ['reply', 'auto_ack', 'survey_invitation', ...NOTIFICATION_KEYS] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

const CUSTOMER_VARS = ['customer.firstName', 'appeal.number', 'appeal.subject', 'appeal.dueAt'];
const NOTIFICATION_VARS = ['agent.name', 'appeal.number', 'appeal.subject', 'appeal.dueAt', 'details'];

/** The variables a template of each key may use; anything else is refused when a template is saved. */
export const VARIABLES: Record<TemplateKey, readonly string[]> = {
  reply: [...CUSTOMER_VARS, 'agent.name', 'body', 'signature'],
  auto_ack: CUSTOMER_VARS,
  survey_invitation: ['customer.firstName', 'survey.link', 'survey.deadline', 'unit.name'],
  ...(Object.fromEntries(NOTIFICATION_KEYS.map((k) => [k, NOTIFICATION_VARS])) as unknown as Record<
    (typeof NOTIFICATION_KEYS)[number],
    readonly string[]
  >),
};

const notification = (ru: [string, string], en: [string, string]): Record<Locale, TemplateText> => ({
  ru: { subject: `${ru[0]} [#{{appeal.number}}]`, body: `{{agent.name}}, ${ru[1]}\n\n{{details}}\n\n-- \nОтклик` },
  en: { subject: `${en[0]} [#{{appeal.number}}]`, body: `{{agent.name}}, ${en[1]}\n\n{{details}}\n\n-- \nOtklik` },
});

export const DEFAULTS: Record<TemplateKey, Record<Locale, TemplateText>> = {
  reply: {
    ru: { subject: 'Re: {{appeal.subject}} [#{{appeal.number}}]', body: '{{body}}\n\n-- \n{{signature}}' },
    en: { subject: 'Re: {{appeal.subject}} [#{{appeal.number}}]', body: '{{body}}\n\n-- \n{{signature}}' },
  },
  auto_ack: {
    ru: {
      subject: 'Ваше обращение №{{appeal.number}} принято [#{{appeal.number}}]',
      body:
        'Здравствуйте, {{customer.firstName}}!\n\n' +
        'Мы получили ваше обращение «{{appeal.subject}}» и зарегистрировали его под номером {{appeal.number}}. ' +
        'Мы ответим до {{appeal.dueAt}}.\n\n' +
        'Чтобы дополнить обращение, просто ответьте на это письмо.\n\n' +
        '-- \nСлужба заботы о клиентах',
    },
    en: {
      subject: 'We have received your request #{{appeal.number}} [#{{appeal.number}}]',
      body:
        'Hello {{customer.firstName}},\n\n' +
        'We have received your request "{{appeal.subject}}" and registered it as number {{appeal.number}}. ' +
        'We will answer by {{appeal.dueAt}}.\n\n' +
        'To add anything, simply reply to this e-mail.\n\n' +
        '-- \nCustomer Service',
    },
  },
  survey_invitation: {
    ru: {
      subject: 'Как мы справились? Ответьте на несколько вопросов',
      body:
        'Здравствуйте, {{customer.firstName}}!\n\n' +
        'Спасибо, что обратились к нам. Расскажите, пожалуйста, как всё прошло: это займёт пару минут.\n\n' +
        '{{survey.link}}\n\n' +
        'Ссылка действует до {{survey.deadline}}.\n\n' +
        '-- \nСлужба заботы о клиентах',
    },
    en: {
      subject: 'How did we do? A few quick questions',
      body:
        'Hello {{customer.firstName}},\n\n' +
        'Thank you for coming to us. Please tell us how it went: it takes a couple of minutes.\n\n' +
        '{{survey.link}}\n\n' +
        'The link works until {{survey.deadline}}.\n\n' +
        '-- \nCustomer Service',
    },
  },
  sla_warning: notification(
    [
      'Скоро срок по обращению №{{appeal.number}}',
      'срок по обращению №{{appeal.number}} «{{appeal.subject}}» истекает {{appeal.dueAt}}.',
    ],
    [
      'Deadline approaching on appeal #{{appeal.number}}',
      'the deadline on appeal #{{appeal.number}} "{{appeal.subject}}" ends {{appeal.dueAt}}.',
    ],
  ),
  sla_breach: notification(
    [
      'Срок по обращению №{{appeal.number}} нарушен',
      'срок по обращению №{{appeal.number}} «{{appeal.subject}}» истёк {{appeal.dueAt}}.',
    ],
    [
      'Deadline breached on appeal #{{appeal.number}}',
      'the deadline on appeal #{{appeal.number}} "{{appeal.subject}}" passed {{appeal.dueAt}}.',
    ],
  ),
  escalation_requested: notification(
    [
      'Запрошена эскалация по обращению №{{appeal.number}}',
      'по обращению №{{appeal.number}} «{{appeal.subject}}» ждут вашего решения.',
    ],
    [
      'Escalation requested on appeal #{{appeal.number}}',
      'appeal #{{appeal.number}} "{{appeal.subject}}" awaits your decision.',
    ],
  ),
  escalation_decided: notification(
    [
      'Решение по эскалации обращения №{{appeal.number}}',
      'по вашей эскалации обращения №{{appeal.number}} «{{appeal.subject}}» принято решение.',
    ],
    [
      'Escalation decided on appeal #{{appeal.number}}',
      'your escalation of appeal #{{appeal.number}} "{{appeal.subject}}" has been decided.',
    ],
  ),
  subtask_assigned: notification(
    [
      'Вам назначена подзадача по обращению №{{appeal.number}}',
      'вам назначена подзадача по обращению №{{appeal.number}} «{{appeal.subject}}».',
    ],
    [
      'Sub-task assigned on appeal #{{appeal.number}}',
      'you have a sub-task on appeal #{{appeal.number}} "{{appeal.subject}}".',
    ],
  ),
  subtask_done: notification(
    [
      'Подзадача по обращению №{{appeal.number}} выполнена',
      'подзадача по обращению №{{appeal.number}} «{{appeal.subject}}» выполнена.',
    ],
    [
      'Sub-task done on appeal #{{appeal.number}}',
      'a sub-task on appeal #{{appeal.number}} "{{appeal.subject}}" is done.',
    ],
  ),
  subtask_late: notification(
    [
      'Подзадача по обращению №{{appeal.number}} просрочена',
      'подзадача по обращению №{{appeal.number}} «{{appeal.subject}}» просрочена (срок {{appeal.dueAt}}).',
    ],
    [
      'Sub-task late on appeal #{{appeal.number}}',
      'a sub-task on appeal #{{appeal.number}} "{{appeal.subject}}" is late (due {{appeal.dueAt}}).',
    ],
  ),
  rule_notification: notification(
    [
      'Правило сработало на обращении №{{appeal.number}}',
      'правило сработало на обращении №{{appeal.number}} «{{appeal.subject}}».',
    ],
    ['A rule fired on appeal #{{appeal.number}}', 'a rule fired on appeal #{{appeal.number}} "{{appeal.subject}}".'],
  ),
};

export const isTemplateKey = (key: string): key is TemplateKey => (TEMPLATE_KEYS as readonly string[]).includes(key);

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The placeholders of a text that the key does not know, in order of appearance. */
export function unknownVariables(key: TemplateKey, text: string): string[] {
  const known = new Set(VARIABLES[key]);
  const names = [...text.matchAll(PLACEHOLDER)].map((match) => match[1] ?? '');
  return [...new Set(names.filter((name) => !known.has(name)))];
}

/** Fills the placeholders; a variable without a value renders empty. */
export const render = (text: string, vars: Readonly<Record<string, string | number | null | undefined>>): string =>
  text.replace(PLACEHOLDER, (_, name: string) => String(vars[name] ?? ''));

/** The subject always carries the appeal's [#number] token: the customer's reply finds its appeal by it. */
export function withNumberToken(subject: string, appealNumber: number): string {
  const token = `[#${appealNumber}]`;
  const line = subject.replace(/[\r\n]+/g, ' ').trim();
  return line.includes(token) ? line : `${line} ${token}`.trim();
}

/** Cyrillic in the text decides Russian; the customer's own language is not known otherwise. */
export const localeOfText = (text: string): Locale => (/[а-яё]/i.test(text) ? 'ru' : 'en');

/**
 * The customer's first name from the name we have: "Фамилия Имя Отчество" (a patronymic in -вич/-вна, -ична…) gives
 * the middle word, anything else its first word.
 */
export function firstNameOf(name: string | null | undefined, locale: Locale): string {
  const words = (name ?? '').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) {
    return locale === 'ru' ? 'уважаемый клиент' : 'valued customer';
  }
  const [first = '', middle = '', last = ''] = words;
  if (words.length === 3 && /(вич|вна|ична|оглы|кызы)$/i.test(last)) {
    return middle;
  }
  return first;
}

/** An instant as people of the locale write it, in the given time zone; '' for none. */
export function formatInstant(at: Date | string | null | undefined, locale: Locale, timeZone: string): string {
  if (!at) {
    return '';
  }
  const date = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(date.getTime())) {
    return '';
  }
  return new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone,
  }).format(date);
}

const METRICS: Record<string, Record<Locale, string>> = {
  transfer: { ru: 'передача в Службу заботы', en: 'transfer to Customer Service' },
  first_response: { ru: 'первый ответ', en: 'first response' },
  next_response: { ru: 'следующий ответ', en: 'next response' },
  resolution: { ru: 'решение', en: 'resolution' },
  completion_report: { ru: 'отчёт подразделения', en: "unit's completion report" },
};
const DECISIONS: Record<string, Record<Locale, string>> = {
  approved: { ru: 'одобрена', en: 'approved' },
  rejected: { ru: 'отклонена', en: 'rejected' },
};

/** The one line of a notification that depends on its kind (the sub-task's title, the escalation's reason…). */
export function notificationDetails(kind: string, data: Readonly<Record<string, unknown>>, locale: Locale): string {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const ru = locale === 'ru';
  switch (kind) {
    case 'sla_warning':
    case 'sla_breach': {
      const metric = METRICS[text(data.metric)]?.[locale] ?? text(data.metric);
      return metric ? (ru ? `Срок: ${metric}.` : `Target: ${metric}.`) : '';
    }
    case 'escalation_requested':
      return data.reason ? (ru ? `Причина: ${text(data.reason)}` : `Reason: ${text(data.reason)}`) : '';
    case 'escalation_decided': {
      const decision = DECISIONS[text(data.decision)]?.[locale] ?? text(data.decision);
      const note = data.note ? ` — ${text(data.note)}` : '';
      return ru ? `Эскалация ${decision}${note}` : `Escalation ${decision}${note}`;
    }
    case 'subtask_assigned':
    case 'subtask_done':
    case 'subtask_late':
      return data.title ? (ru ? `Подзадача: ${text(data.title)}` : `Sub-task: ${text(data.title)}`) : '';
    case 'rule_notification':
      return data.ruleName ? (ru ? `Правило: ${text(data.ruleName)}` : `Rule: ${text(data.ruleName)}`) : '';
    default:
      return '';
  }
}
