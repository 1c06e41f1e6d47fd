// The survey screens' words, added to the shared dictionary when a survey screen first loads.
import i18n from '../../i18n/index.ts';

const ru = {
  surveys: {
    title: 'Опросы и индексы', tabResults: 'Индексы', tabNegative: 'Негативные ответы', tabSurveys: 'Анкеты',
    groupBy: 'Группировать', by: { unit: 'по подразделениям', staff: 'по сотрудникам', month: 'по месяцам', category: 'по категориям', channel: 'по каналам', all: 'всего' },
    from: 'С', to: 'По', csv: 'Скачать CSV', group: 'Группа', none: '—', empty: 'Нет ответов за этот период',
    col: { csat: 'CSAT, % довольных', nps: 'NPS', ces: 'CES', staff: 'ИНК@Персонал', office: 'ИНК@Офис', loyalty: 'ИЭЛ', response: 'Отклик', conversion: 'Точная конверсия', coverage: 'Охват посетителей', fm: 'Форс-мажор', email: 'Доля e-mail' },
    k: 'Поправочный коэффициент k = {{k}}', ciHint: 'В скобках — 95 % доверительный интервал, n — размер выборки',
    qualify: 'Квалификация', q: { staff: 'Персонал', office: 'Офис / процесс', product: 'Товар', force_majeure: 'Форс-мажор' },
    answers: 'Ответы', unit: 'Подразделение', sent: 'Отправлен', noNegative: 'Все негативные ответы квалифицированы',
    name: 'Название', questions: 'Вопросы', active: 'Активна', create: 'Создать анкету', addQuestion: 'Добавить вопрос', save: 'Сохранить',
    type: 'Тип', wordingRu: 'Формулировка (рус.)', wordingEn: 'Формулировка (англ.)', subject: 'О ком', touchpoint: 'Точка контакта',
    types: { csat: 'CSAT 0–10', csat5: 'CSAT 1–5', nps: 'NPS 0–10', ces: 'CES 1–7', ces5: 'CES 1–5', key_staff: 'Ключевой: сотрудник (да/нет)', key_office: 'Ключевой: офис (да/нет)', text: 'Свободный ответ' },
    triggers: 'Триггеры', addTrigger: 'Добавить триггер', event: 'Событие', delivery: 'Канал', delay: 'Задержка, мин', throttle: 'Не чаще, дней',
    events: { appeal_resolved: 'Обращение решено', purchase: 'Покупка', repair_picked_up: 'Выдача из ремонта', manual: 'Вручную' },
    saved: 'Сохранено', remove: 'Убрать',
  },
};

const en: typeof ru = {
  surveys: {
    title: 'Surveys and indices', tabResults: 'Indices', tabNegative: 'Negative answers', tabSurveys: 'Surveys',
    groupBy: 'Group by', by: { unit: 'unit', staff: 'staff member', month: 'month', category: 'category', channel: 'channel', all: 'total' },
    from: 'From', to: 'To', csv: 'Download CSV', group: 'Group', none: '—', empty: 'No answers in this period',
    col: { csat: 'CSAT, % satisfied', nps: 'NPS', ces: 'CES', staff: 'Staff dissatisfaction', office: 'Office dissatisfaction', loyalty: 'Emotional loyalty', response: 'Response rate', conversion: 'Exact conversion', coverage: 'Visitor coverage', fm: 'Force majeure', email: 'Email capture' },
    k: 'Correction coefficient k = {{k}}', ciHint: 'In brackets: the 95 % confidence interval; n is the sample size',
    qualify: 'Qualification', q: { staff: 'Staff', office: 'Office / process', product: 'Product', force_majeure: 'Force majeure' },
    answers: 'Answers', unit: 'Unit', sent: 'Sent', noNegative: 'Every negative answer is qualified',
    name: 'Name', questions: 'Questions', active: 'Active', create: 'Create survey', addQuestion: 'Add question', save: 'Save',
    type: 'Type', wordingRu: 'Wording (Russian)', wordingEn: 'Wording (English)', subject: 'About', touchpoint: 'Touchpoint',
    types: { csat: 'CSAT 0–10', csat5: 'CSAT 1–5', nps: 'NPS 0–10', ces: 'CES 1–7', ces5: 'CES 1–5', key_staff: 'Key: staff member (yes/no)', key_office: 'Key: office (yes/no)', text: 'Free text' },
    triggers: 'Triggers', addTrigger: 'Add trigger', event: 'Event', delivery: 'Channel', delay: 'Delay, min', throttle: 'At most every, days',
    events: { appeal_resolved: 'Appeal resolved', purchase: 'Purchase', repair_picked_up: 'Repair picked up', manual: 'Manual' },
    saved: 'Saved', remove: 'Remove',
  },
};

i18n.addResourceBundle('ru', 'translation', ru, true, false);
i18n.addResourceBundle('en', 'translation', en, true, false);
