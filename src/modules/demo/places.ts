// Geography of the demo retail chain: regions with their time zones, cities, streets and shopping centres.

export interface Region {
  code: string;
  name: string;
  timeZone: string;
  /** The first city is the hub, where the regional office and the first store are. */
  cities: readonly [hub: string, ...others: string[]];
  /** Share of the chain's stores in the region. */
  weight: number;
}

export const CHAIN_NAMES = ['ТехноДом', 'ЭлектроМир', 'Цифроград', 'Домашний Эксперт', 'ТехноПарк Плюс'] as const;

// None of these zones has changed its UTC offset or observed daylight saving since 2016.
export const REGIONS: readonly Region[] = [
  {
    code: 'C',
    name: 'Центр',
    timeZone: 'Europe/Moscow',
    weight: 40,
    cities: [
      'Москва',
      'Санкт-Петербург',
      'Нижний Новгород',
      'Казань',
      'Воронеж',
      'Ростов-на-Дону',
      'Краснодар',
      'Ярославль',
    ],
  },
  {
    code: 'V',
    name: 'Поволжье',
    timeZone: 'Europe/Samara',
    weight: 12,
    cities: ['Самара', 'Тольятти', 'Ижевск', 'Ульяновск'],
  },
  {
    code: 'U',
    name: 'Урал',
    timeZone: 'Asia/Yekaterinburg',
    weight: 20,
    cities: ['Екатеринбург', 'Челябинск', 'Пермь', 'Тюмень', 'Уфа'],
  },
  {
    code: 'S',
    name: 'Сибирь',
    timeZone: 'Asia/Novosibirsk',
    weight: 16,
    cities: ['Новосибирск', 'Томск', 'Барнаул', 'Новокузнецк'],
  },
  {
    code: 'E',
    name: 'Дальний Восток',
    timeZone: 'Asia/Vladivostok',
    weight: 12,
    cities: ['Владивосток', 'Хабаровск', 'Находка'],
  },
];

export const STREETS = [
  'ул. Ленина',
  'пр. Мира',
  'ул. Советская',
  'ул. Гагарина',
  'ул. Московская',
  'ул. Победы',
  'пр. Ленина',
  'ул. Кирова',
  'ул. Садовая',
  'ул. Пушкина',
  'ул. Лесная',
  'ул. Молодёжная',
  'пр. Строителей',
  'ул. Маяковского',
  'ул. Карла Маркса',
  'ул. Свердлова',
  'пр. Октября',
  'ул. Куйбышева',
  'ул. Чкалова',
  'ул. Труда',
  'Комсомольский пр.',
  'ул. Первомайская',
  'ул. Заводская',
  'ул. Новая',
  'Октябрьская ул.',
] as const;

export const MALLS = [
  'ТЦ «Мега»',
  'ТРЦ «Галерея»',
  'ТЦ «Европа»',
  'ТРК «Планета»',
  'ТЦ «Радуга»',
  'ТРЦ «Аура»',
  'ТЦ «Гранд»',
  'ТРЦ «Семья»',
  'ТЦ «Июнь»',
  'ТРК «Континент»',
] as const;

/** Departments of a store, named the way customers and staff name them. */
export const DEPARTMENTS = [
  'крупной бытовой техники',
  'мелкой бытовой техники',
  'смартфонов и гаджетов',
  'компьютерной техники',
  'телевизоров и аудио',
  'встраиваемой техники',
  'климатической техники',
  'выдачи заказов',
] as const;
