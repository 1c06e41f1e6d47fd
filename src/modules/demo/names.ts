// People's names for the demo data: Russian first names, patronymics and surnames in their male and female
// forms, a few foreign names, and the Latin transliteration used to build e-mail addresses.
import type { Rng } from './random.ts';

export type Gender = 'm' | 'f';

export interface PersonName {
  gender: Gender;
  first: string;
  patronymic: string;
  last: string;
  /** Фамилия Имя Отчество, the order of official Russian documents. */
  full: string;
  /** How an agent addresses the person: Имя Отчество (or the first name of a foreigner). */
  polite: string;
  foreign: boolean;
}

const MALE_FIRST = [
  'Александр',
  'Алексей',
  'Андрей',
  'Антон',
  'Артём',
  'Борис',
  'Вадим',
  'Валерий',
  'Василий',
  'Виктор',
  'Владимир',
  'Владислав',
  'Вячеслав',
  'Геннадий',
  'Георгий',
  'Глеб',
  'Григорий',
  'Денис',
  'Дмитрий',
  'Евгений',
  'Егор',
  'Иван',
  'Игорь',
  'Илья',
  'Кирилл',
  'Константин',
  'Леонид',
  'Максим',
  'Марк',
  'Матвей',
  'Михаил',
  'Никита',
  'Николай',
  'Олег',
  'Павел',
  'Пётр',
  'Роман',
  'Руслан',
  'Сергей',
  'Станислав',
  'Степан',
  'Тимур',
  'Фёдор',
  'Юрий',
  'Ярослав',
] as const;

const FEMALE_FIRST = [
  'Александра',
  'Алина',
  'Алла',
  'Анастасия',
  'Анна',
  'Валентина',
  'Валерия',
  'Вера',
  'Вероника',
  'Виктория',
  'Галина',
  'Дарья',
  'Диана',
  'Екатерина',
  'Елена',
  'Елизавета',
  'Жанна',
  'Зоя',
  'Инна',
  'Ирина',
  'Карина',
  'Ксения',
  'Лариса',
  'Любовь',
  'Людмила',
  'Маргарита',
  'Марина',
  'Мария',
  'Надежда',
  'Наталья',
  'Нина',
  'Оксана',
  'Ольга',
  'Полина',
  'Светлана',
  'София',
  'Тамара',
  'Татьяна',
  'Ульяна',
  'Юлия',
] as const;

/** Fathers' names with the patronymics they give a son and a daughter. */
const PATRONYMICS: readonly (readonly [string, string])[] = [
  ['Александрович', 'Александровна'],
  ['Алексеевич', 'Алексеевна'],
  ['Анатольевич', 'Анатольевна'],
  ['Андреевич', 'Андреевна'],
  ['Борисович', 'Борисовна'],
  ['Валерьевич', 'Валерьевна'],
  ['Васильевич', 'Васильевна'],
  ['Викторович', 'Викторовна'],
  ['Владимирович', 'Владимировна'],
  ['Геннадьевич', 'Геннадьевна'],
  ['Григорьевич', 'Григорьевна'],
  ['Дмитриевич', 'Дмитриевна'],
  ['Евгеньевич', 'Евгеньевна'],
  ['Иванович', 'Ивановна'],
  ['Игоревич', 'Игоревна'],
  ['Ильич', 'Ильинична'],
  ['Константинович', 'Константиновна'],
  ['Леонидович', 'Леонидовна'],
  ['Михайлович', 'Михайловна'],
  ['Николаевич', 'Николаевна'],
  ['Олегович', 'Олеговна'],
  ['Павлович', 'Павловна'],
  ['Петрович', 'Петровна'],
  ['Романович', 'Романовна'],
  ['Сергеевич', 'Сергеевна'],
  ['Станиславович', 'Станиславовна'],
  ['Юрьевич', 'Юрьевна'],
  ['Фёдорович', 'Фёдоровна'],
  ['Максимович', 'Максимовна'],
  ['Денисович', 'Денисовна'],
];

/** Surnames in the male form; `feminine` derives the female one. */
const SURNAMES = [
  'Иванов',
  'Смирнов',
  'Кузнецов',
  'Попов',
  'Васильев',
  'Петров',
  'Соколов',
  'Михайлов',
  'Новиков',
  'Фёдоров',
  'Морозов',
  'Волков',
  'Алексеев',
  'Лебедев',
  'Семёнов',
  'Егоров',
  'Павлов',
  'Козлов',
  'Степанов',
  'Николаев',
  'Орлов',
  'Андреев',
  'Макаров',
  'Никитин',
  'Захаров',
  'Зайцев',
  'Соловьёв',
  'Борисов',
  'Яковлев',
  'Григорьев',
  'Романов',
  'Воробьёв',
  'Сергеев',
  'Кузьмин',
  'Фролов',
  'Александров',
  'Дмитриев',
  'Королёв',
  'Гусев',
  'Киселёв',
  'Ильин',
  'Максимов',
  'Поляков',
  'Сорокин',
  'Виноградов',
  'Ковалёв',
  'Белов',
  'Медведев',
  'Антонов',
  'Тарасов',
  'Жуков',
  'Баранов',
  'Филиппов',
  'Комаров',
  'Давыдов',
  'Беляев',
  'Герасимов',
  'Богданов',
  'Осипов',
  'Сидоров',
  'Матвеев',
  'Титов',
  'Марков',
  'Миронов',
  'Крылов',
  'Куликов',
  'Карпов',
  'Власов',
  'Мельников',
  'Денисов',
  'Гаврилов',
  'Тихонов',
  'Казаков',
  'Афанасьев',
  'Данилов',
  'Савельев',
  'Тимофеев',
  'Фомин',
  'Чернов',
  'Абрамов',
  'Калинин',
  'Шубин',
  'Островский',
  'Вишневский',
  'Полянский',
  'Трубецкой',
  'Лановой',
  'Шевченко',
  'Бондаренко',
  'Коваленко',
  'Ким',
  'Цой',
  'Гарипов',
  'Хабибуллин',
  'Сафин',
  'Ахметов',
  'Алиев',
  'Мамедов',
  'Гайдук',
  'Черных',
] as const;

const FOREIGN_MALE = [
  'John',
  'David',
  'Michael',
  'James',
  'Thomas',
  'Daniel',
  'Mark',
  'Peter',
  'Lukas',
  'Omar',
] as const;
const FOREIGN_FEMALE = [
  'Emma',
  'Sarah',
  'Laura',
  'Anna',
  'Julia',
  'Sophie',
  'Emily',
  'Maria',
  'Hannah',
  'Olivia',
] as const;
const FOREIGN_LAST = [
  'Smith',
  'Brown',
  'Wilson',
  'Taylor',
  'Miller',
  'Clarke',
  'Schmidt',
  'Fischer',
  'Novak',
  'Rossi',
] as const;

/** Russian female surnames follow the male ones by ending; foreign-looking ones do not change. */
export function feminine(surname: string): string {
  if (/(ов|ев|ёв|ин|ын)$/.test(surname)) {
    return `${surname}а`;
  }
  if (/ский$/.test(surname)) {
    return surname.replace(/ский$/, 'ская');
  }
  if (/цкий$/.test(surname)) {
    return surname.replace(/цкий$/, 'цкая');
  }
  if (/ой$/.test(surname)) {
    return surname.replace(/ой$/, 'ая');
  }
  return surname;
}

export function personName(rng: Rng, gender: Gender = rng.chance(0.5) ? 'm' : 'f'): PersonName {
  const first = gender === 'm' ? rng.pick(MALE_FIRST) : rng.pick(FEMALE_FIRST);
  const [pm, pf] = rng.pick(PATRONYMICS);
  const male = rng.pick(SURNAMES);
  const patronymic = gender === 'm' ? pm : pf;
  const last = gender === 'm' ? male : feminine(male);
  return {
    gender,
    first,
    patronymic,
    last,
    full: `${last} ${first} ${patronymic}`,
    polite: `${first} ${patronymic}`,
    foreign: false,
  };
}

export function foreignName(rng: Rng, gender: Gender = rng.chance(0.5) ? 'm' : 'f'): PersonName {
  const first = gender === 'm' ? rng.pick(FOREIGN_MALE) : rng.pick(FOREIGN_FEMALE);
  const last = rng.pick(FOREIGN_LAST);
  return { gender, first, patronymic: '', last, full: `${first} ${last}`, polite: first, foreign: true };
}

/** A guess from a stored name, for units and users read back from a database (append mode). */
export function guessGender(name: string): Gender {
  const words = name.trim().split(/\s+/);
  if (words.some((w) => /(вна|чна)$/.test(w))) {
    return 'f';
  }
  if (words.some((w) => /(вич|ич)$/.test(w))) {
    return 'm';
  }
  const first = words[0] ?? '';
  return /(ова|ева|ёва|ина|ына|ская|цкая|ая)$/.test(first) || (FEMALE_FIRST as readonly string[]).includes(first)
    ? 'f'
    : 'm';
}

const LATIN: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};

/** Passport-style transliteration (ГОСТ 52535.1 without diacritics), lower case, for e-mail local parts. */
export function transliterate(text: string): string {
  let out = '';
  for (const ch of text.toLowerCase()) {
    out += LATIN[ch] ?? (/[a-z0-9]/.test(ch) ? ch : '');
  }
  return out;
}
