// Owns: turning an appeal's free text into classifier features — lower-cased, ё folded to е,
// stop-words removed, Russian or English Snowball stems chosen per token by script, numbers
// bucketed by length, plus bigrams of adjacent stems.
import type * as Snowball from 'snowball-stemmers';
import { lazyRequire } from '../../../server/lazy-require.ts';

// Loaded on first use: the package is 0.9 MB of source with every language's tables, and a server whose classifier
// has never been trained never stems a word.
const snowball = lazyRequire<typeof Snowball>('snowball-stemmers');

// Negations (не, нет, ни, no, not) are kept on purpose: «не работает» is the whole complaint.
const RU_STOP_WORDS = `а без бы был была были было быть в вам вас весь во вот все всего всех вы где да даже для до
его ее ей ему если есть еще же за здесь и из или им их к как ко когда кто ли либо мне мной мы на над
него нее ней них но ну о об однако он она они оно от очень по под при с со так также такой там
те тем то того тоже той только том ты у уже хотя чего чей чем что чтобы чье чья эта эти это этого этой
этом я мой моя мое мои свой свою своего который которая которые которое будет буду уж вами нам нас`;

const EN_STOP_WORDS = `a an and are as at be been but by for from had has have he her his i if in into is it its
me my of on or our she so than that the their them then there these they this to was we were what when
which who will with you your am do does did`;

const STOP_WORDS: ReadonlySet<string> = new Set(`${RU_STOP_WORDS} ${EN_STOP_WORDS}`.split(/\s+/).filter(Boolean));

const WORD = /[\p{L}\p{N}]+/gu;
const DIGITS = /^\p{N}+$/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;

/** Marks a bigram feature so that it never collides with a unigram stem of the same spelling. */
export const BIGRAM_JOINER = '\u0001';

export interface TokenizerOptions {
  /** Adjacent-stem pairs as extra features; on by default. */
  bigrams?: boolean;
  /** Stems memoised per tokenizer; Snowball costs a few microseconds a word, a lookup far less. */
  stemCacheSize?: number;
}

export type Tokenizer = (text: string) => string[];

// Order numbers, prices and quantities say something by their size, little by their value.
function numberBucket(token: string): string {
  if (token.length <= 2) {
    return '#n1';
  }
  if (token.length <= 4) {
    return '#n2';
  }
  return '#n3';
}

export function createTokenizer(options: TokenizerOptions = {}): Tokenizer {
  const withBigrams = options.bigrams ?? true;
  const cacheSize = options.stemCacheSize ?? 200_000;
  const russian = snowball().newStemmer('russian');
  const english = snowball().newStemmer('english');
  const cache = new Map<string, string>();

  function stem(word: string): string {
    const known = cache.get(word);
    if (known !== undefined) {
      return known;
    }
    let stemmed = word;
    if (CYRILLIC.test(word)) {
      if (!LATIN.test(word)) {
        stemmed = russian.stem(word);
      }
    } else if (LATIN.test(word)) {
      stemmed = english.stem(word);
    }
    if (cache.size >= cacheSize) {
      cache.clear();
    }
    cache.set(word, stemmed);
    return stemmed;
  }

  return (text) => {
    const normalized = text.toLowerCase().replaceAll('ё', 'е');
    const stems: string[] = [];
    for (const match of normalized.matchAll(WORD)) {
      const token = match[0];
      if (DIGITS.test(token)) {
        stems.push(numberBucket(token));
        continue;
      }
      if (token.length < 2 || STOP_WORDS.has(token)) {
        continue;
      }
      stems.push(stem(token));
    }
    if (!withBigrams) {
      return stems;
    }
    const features = stems.slice();
    for (let i = 1; i < stems.length; i++) {
      features.push(`${stems[i - 1]}${BIGRAM_JOINER}${stems[i]}`);
    }
    return features;
  };
}

let defaultTokenizer: Tokenizer | undefined;

/** Features of one text with the default options (bigrams on, shared stem cache). */
export function tokenize(text: string): string[] {
  return (defaultTokenizer ??= createTokenizer())(text);
}
