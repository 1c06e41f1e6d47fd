// What the demo chain sells, with the grammatical forms the texts need, and the formatting of the amounts,
// dates and numbers that appear in customers' letters.

export type ProductGender = 0 | 1 | 2 | 3; // masculine, feminine, neuter, plural

export interface Product {
  nom: string;
  acc: string;
  gen: string;
  /** Prepositional, after «о»: «о холодильнике». */
  prep: string;
  gender: ProductGender;
  en: string;
  price: readonly [number, number];
  brands: readonly string[];
  symptoms: readonly string[];
  features: readonly string[];
  /** Sold with delivery and installation rather than carried home. */
  large: boolean;
}

export const PRODUCTS: readonly Product[] = [
  {
    nom: 'холодильник',
    en: 'refrigerator',
    acc: 'холодильник',
    gen: 'холодильника',
    prep: 'холодильнике',
    gender: 0,
    price: [24_990, 189_990],
    brands: ['Bosch', 'LG', 'Haier', 'Samsung', 'Атлант', 'Beko'],
    large: true,
    symptoms: [
      'перестал морозить',
      'сильно гудит компрессор',
      'под ним постоянно собирается вода',
      'не держит температуру в морозильной камере',
    ],
    features: ['систему No Frost', 'зону свежести', 'инверторный компрессор'],
  },
  {
    nom: 'стиральная машина',
    en: 'washing machine',
    acc: 'стиральную машину',
    gen: 'стиральной машины',
    prep: 'стиральной машине',
    gender: 1,
    price: [21_990, 99_990],
    brands: ['LG', 'Bosch', 'Haier', 'Candy', 'Indesit', 'Weissgauff'],
    large: true,
    symptoms: [
      'не сливает воду',
      'не отжимает бельё',
      'протекает снизу',
      'при отжиме сильно стучит',
      'выдаёт ошибку и останавливается',
    ],
    features: ['функцию сушки', 'паровую обработку', 'загрузку до 9 кг'],
  },
  {
    nom: 'смартфон',
    en: 'smartphone',
    acc: 'смартфон',
    gen: 'смартфона',
    prep: 'смартфоне',
    gender: 0,
    price: [12_990, 149_990],
    brands: ['Samsung', 'Xiaomi', 'Apple', 'Honor', 'realme', 'Tecno'],
    large: false,
    symptoms: [
      'не заряжается',
      'самопроизвольно перезагружается',
      'перестал работать сенсор',
      'не ловит сеть',
      'быстро садится батарея',
    ],
    features: ['две SIM-карты', 'беспроводную зарядку', 'NFC для оплаты', 'защиту от воды'],
  },
  {
    nom: 'ноутбук',
    en: 'laptop',
    acc: 'ноутбук',
    gen: 'ноутбука',
    prep: 'ноутбуке',
    gender: 0,
    price: [39_990, 219_990],
    brands: ['Lenovo', 'ASUS', 'HP', 'Acer', 'HUAWEI', 'MSI'],
    large: false,
    symptoms: [
      'не включается',
      'перегревается и выключается',
      'не работает часть клавиатуры',
      'на экране появились битые пиксели',
    ],
    features: ['подключение двух мониторов', 'замену оперативной памяти', 'зарядку через USB-C'],
  },
  {
    nom: 'телевизор',
    en: 'TV',
    acc: 'телевизор',
    gen: 'телевизора',
    prep: 'телевизоре',
    gender: 0,
    price: [19_990, 259_990],
    brands: ['Samsung', 'LG', 'Sony', 'Hisense', 'TCL', 'Haier'],
    large: true,
    symptoms: [
      'не включается',
      'на экране появились полосы',
      'пропадает звук',
      'сам выключается через несколько минут',
    ],
    features: ['Smart TV с российскими сервисами', 'частоту 120 Гц', 'голосовое управление'],
  },
  {
    nom: 'посудомоечная машина',
    en: 'dishwasher',
    acc: 'посудомоечную машину',
    gen: 'посудомоечной машины',
    prep: 'посудомоечной машине',
    gender: 1,
    price: [24_990, 89_990],
    brands: ['Bosch', 'Electrolux', 'Weissgauff', 'Midea'],
    large: true,
    symptoms: ['плохо отмывает посуду', 'не набирает воду', 'выдаёт ошибку E15', 'не греет воду'],
    features: ['половинную загрузку', 'встраивание под столешницу', 'автоматическое открывание дверцы'],
  },
  {
    nom: 'робот-пылесос',
    en: 'robot vacuum cleaner',
    acc: 'робот-пылесос',
    gen: 'робота-пылесоса',
    prep: 'роботе-пылесосе',
    gender: 0,
    price: [14_990, 79_990],
    brands: ['Xiaomi', 'Dreame', 'Roborock', 'Polaris'],
    large: false,
    symptoms: ['не возвращается на базу', 'не строит карту', 'перестал всасывать мусор', 'не заряжается'],
    features: ['влажную уборку', 'построение карты помещения', 'управление из приложения'],
  },
  {
    nom: 'микроволновая печь',
    en: 'microwave oven',
    acc: 'микроволновую печь',
    gen: 'микроволновой печи',
    prep: 'микроволновой печи',
    gender: 1,
    price: [6_990, 29_990],
    brands: ['Samsung', 'LG', 'Midea', 'BBK'],
    large: false,
    symptoms: ['не греет', 'искрит внутри', 'не крутится поддон', 'не открывается дверца'],
    features: ['гриль', 'конвекцию', 'инверторное управление'],
  },
  {
    nom: 'кофемашина',
    en: 'coffee machine',
    acc: 'кофемашину',
    gen: 'кофемашины',
    prep: 'кофемашине',
    gender: 1,
    price: [19_990, 129_990],
    brands: ['DeLonghi', 'Philips', 'Saeco', 'Krups'],
    large: false,
    symptoms: ['не подаёт воду', 'протекает', 'не взбивает молоко', 'показывает ошибку заварочного блока'],
    features: ['автоматический капучинатор', 'две порции сразу', 'регулировку помола'],
  },
  {
    nom: 'планшет',
    en: 'tablet',
    acc: 'планшет',
    gen: 'планшета',
    prep: 'планшете',
    gender: 0,
    price: [14_990, 119_990],
    brands: ['Apple', 'Samsung', 'Xiaomi', 'HUAWEI'],
    large: false,
    symptoms: ['не заряжается', 'зависает', 'перестал реагировать на касания', 'не включается'],
    features: ['поддержку стилуса', 'LTE-модуль', 'подключение клавиатуры'],
  },
  {
    nom: 'наушники',
    en: 'headphones',
    acc: 'наушники',
    gen: 'наушников',
    prep: 'наушниках',
    gender: 3,
    price: [2_990, 39_990],
    brands: ['Sony', 'JBL', 'Apple', 'Samsung', 'Marshall'],
    large: false,
    symptoms: ['не заряжается правый наушник', 'пропадает звук', 'не подключаются к телефону', 'шипят'],
    features: ['активное шумоподавление', 'подключение к двум устройствам', 'защиту от влаги'],
  },
  {
    nom: 'кондиционер',
    en: 'air conditioner',
    acc: 'кондиционер',
    gen: 'кондиционера',
    prep: 'кондиционере',
    gender: 0,
    price: [24_990, 119_990],
    brands: ['Haier', 'Ballu', 'Daikin', 'Electrolux', 'Royal Clima'],
    large: true,
    symptoms: ['не охлаждает', 'из внутреннего блока капает вода', 'сильно шумит', 'выдаёт ошибку и отключается'],
    features: ['инверторный компрессор', 'работу на обогрев зимой', 'управление по Wi-Fi'],
  },
  {
    nom: 'варочная панель',
    en: 'hob',
    acc: 'варочную панель',
    gen: 'варочной панели',
    prep: 'варочной панели',
    gender: 1,
    price: [14_990, 79_990],
    brands: ['Bosch', 'Gorenje', 'Hansa', 'Electrolux'],
    large: true,
    symptoms: [
      'не включается одна конфорка',
      'самопроизвольно отключается',
      'треснуло стекло',
      'не реагирует на сенсор',
    ],
    features: ['индукционный нагрев', 'расширяемую зону', 'защиту от детей'],
  },
  {
    nom: 'водонагреватель',
    en: 'water heater',
    acc: 'водонагреватель',
    gen: 'водонагревателя',
    prep: 'водонагревателе',
    gender: 0,
    price: [9_990, 49_990],
    brands: ['Ariston', 'Thermex', 'Electrolux', 'Zanussi'],
    large: true,
    symptoms: ['не греет воду', 'течёт из-под фланца', 'выбивает автомат', 'не держит температуру'],
    features: ['сухой ТЭН', 'ускоренный нагрев', 'защиту от накипи'],
  },
];

const MONTHS_GENITIVE = [
  'января',
  'февраля',
  'марта',
  'апреля',
  'мая',
  'июня',
  'июля',
  'августа',
  'сентября',
  'октября',
  'ноября',
  'декабря',
];
const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const NBSP = '\u00a0';

/** «12 990 ₽» with non-breaking spaces, as Russian shops print prices. */
export function rubles(amount: number): string {
  return `${String(Math.round(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, NBSP)}${NBSP}₽`;
}

/** A retail price: rounded to end in 990 or 90, like the shelf labels. */
export function retailPrice(raw: number): number {
  return raw >= 5_000
    ? Math.max(990, Math.round(raw / 1000) * 1000 - 10)
    : Math.max(90, Math.round(raw / 100) * 100 - 10);
}

/** «12 марта» for a local timestamp (already shifted by the unit's offset). */
export function dayMonthRu(localMs: number): string {
  const date = new Date(localMs);
  return `${date.getUTCDate()} ${MONTHS_GENITIVE[date.getUTCMonth()]}`;
}

export function dayMonthEn(localMs: number): string {
  const date = new Date(localMs);
  return `${MONTHS_EN[date.getUTCMonth()]} ${date.getUTCDate()}`;
}

/** «14:35» for a local timestamp. */
export function clockTime(localMs: number): string {
  const date = new Date(localMs);
  return `${String(date.getUTCHours()).padStart(2, '0')}:${String(date.getUTCMinutes()).padStart(2, '0')}`;
}
