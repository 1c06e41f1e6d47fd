// The dashboard's words in Russian and English, added when the screen loads.
import i18n from '../../i18n/index.ts';

const ru = {
  title: 'Аналитика', from: 'С', to: 'По', grain: 'Шаг', month: 'Месяц', week: 'Неделя', day: 'День', unit: 'Подразделение',
  channel: 'Канал', kind: 'Вид', category: 'Категория', any: 'Все', total: 'Обращений за период', exportAll: 'Всё в XLSX',
  png: 'PNG', csv: 'CSV', xlsx: 'XLSX', drillHint: 'Нажмите на столбец или сектор, чтобы открыть эти обращения',
  appealsOverTime: 'Обращения по видам', previousYear: 'Год назад (всего)', channelMix: 'Каналы обращений', topCategories: 'Основные категории',
  longServiceCauses: 'Причины долгого обслуживания', thanksShare: 'Доля благодарностей, %', sla: 'Соблюдение сроков (SLA)',
  met: 'В срок', breached: 'Нарушено', compliance: 'Соблюдение, %', times: 'Время ответа и решения (рабочее)',
  firstResponse: 'Первый ответ', resolution: 'Решение', median: 'Медиана', p90: '90-й процентиль', hours: 'раб. ч', count: 'обращений',
  sampled: 'по выборке 1/64 (большой объём)', pending: 'ещё не пересчитано: {{count}}', backlog: 'В работе сейчас', open: 'Открыто', overdue: 'Просрочено',
  units: 'Подразделения', agents: 'Сотрудники', categories: 'Категории', name: 'Название', appeals: 'Обращения', share: 'Доля', trend: 'Динамика',
  submissionErrors: 'Ошибки подачи по подразделениям', rejections: 'Ошибки', submissions: 'Принято', errorRate: 'Доля ошибок',
  satisfaction: 'Индексы удовлетворённости', noData: 'Нет данных за период',
  noSurveys: 'Ответов на опросы за период нет', satisfactionUnavailable: 'Индексы опросов недоступны вашей роли.',
  index: { csat: 'CSAT, доля довольных', nps: 'NPS', ces: 'CES, среднее', staffDissatisfaction: 'Недовольство персоналом', officeDissatisfaction: 'Недовольство офисом',
    emotionalLoyalty: 'Эмоциональная лояльность', responseRate: 'Доля ответивших' },
  status: { new: 'Новые', open: 'В работе', pending_customer: 'Ждут клиента', pending_unit: 'Ждут подразделение' },
};
const en: typeof ru = {
  title: 'Analytics', from: 'From', to: 'To', grain: 'Step', month: 'Month', week: 'Week', day: 'Day', unit: 'Unit',
  channel: 'Channel', kind: 'Kind', category: 'Category', any: 'All', total: 'Appeals in the period', exportAll: 'All as XLSX',
  png: 'PNG', csv: 'CSV', xlsx: 'XLSX', drillHint: 'Click a bar or slice to open those appeals',
  appealsOverTime: 'Appeals by kind', previousYear: 'A year before (total)', channelMix: 'Channels', topCategories: 'Top categories',
  longServiceCauses: 'Causes of long service', thanksShare: 'Share of thanks, %', sla: 'SLA compliance',
  met: 'Met', breached: 'Breached', compliance: 'Compliance, %', times: 'Response and resolution (working time)',
  firstResponse: 'First response', resolution: 'Resolution', median: 'Median', p90: '90th percentile', hours: 'working h', count: 'appeals',
  sampled: 'from a 1/64 sample (large set)', pending: 'not yet measured: {{count}}', backlog: 'Open now', open: 'Open', overdue: 'Overdue',
  units: 'Units', agents: 'Agents', categories: 'Categories', name: 'Name', appeals: 'Appeals', share: 'Share', trend: 'Trend',
  submissionErrors: 'Submission errors by unit', rejections: 'Errors', submissions: 'Accepted', errorRate: 'Error rate',
  satisfaction: 'Satisfaction indices', noData: 'No data for the period',
  noSurveys: 'No survey answers in the period', satisfactionUnavailable: 'Survey indices are not available to your role.',
  index: { csat: 'CSAT, share satisfied', nps: 'NPS', ces: 'CES, mean', staffDissatisfaction: 'Staff dissatisfaction', officeDissatisfaction: 'Office dissatisfaction',
    emotionalLoyalty: 'Emotional loyalty', responseRate: 'Response rate' },
  status: { new: 'New', open: 'Open', pending_customer: 'Waiting for customer', pending_unit: 'Waiting for unit' },
};

i18n.addResourceBundle('ru', 'dashboard', ru, true, false);
i18n.addResourceBundle('en', 'dashboard', en, true, false);
