// People's names for the demo data: a Russian or foreign name drawn from names.lists.ts with its female forms,
// a gender guessed from a stored name, and the Latin transliteration used to build e-mail addresses.
import {
  FEMALE_FIRST,
  FOREIGN_FEMALE,
  FOREIGN_LAST,
  FOREIGN_MALE,
  MALE_FIRST,
  PATRONYMICS,
  SURNAMES,
} from './names.lists.ts';
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

/** «oleg petrov-vodkin» → «Oleg Petrov-Vodkin»: a capital at the start and after a space or a hyphen. */
export function capitalised(latin: string): string {
  return latin.replace(/(^|[\s-])([a-z])/g, (_, sep: string, ch: string) => sep + ch.toUpperCase());
}

/** A name in Latin letters, word by word: «Олег Петров» → «Oleg Petrov». */
export function latinName(name: string): string {
  return name
    .split(' ')
    .map((word) => capitalised(transliterate(word)))
    .join(' ');
}

/** Passport-style transliteration (ГОСТ 52535.1 without diacritics), lower case, for e-mail local parts. */
export function transliterate(text: string): string {
  let out = '';
  for (const ch of text.toLowerCase()) {
    out += LATIN[ch] ?? (/[a-z0-9]/.test(ch) ? ch : '');
  }
  return out;
}
