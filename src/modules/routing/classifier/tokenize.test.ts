import { describe, expect, it } from 'vitest';
import { BIGRAM_JOINER, createTokenizer, tokenize } from './tokenize.ts';

const unigrams = createTokenizer({ bigrams: false });

describe('tokenize', () => {
  it('gives the inflected forms of a Russian noun one stem', () => {
    const stems = ['холодильник', 'холодильника', 'холодильником', 'холодильнику'].map((w) => unigrams(w));
    expect(new Set(stems.flat()).size).toBe(1);
  });

  it('gives the forms of a Russian verb and adjective one stem each', () => {
    expect(unigrams('доставка доставки доставку')).toEqual(Array(3).fill(unigrams('доставка')[0]));
    expect(new Set(unigrams('гарантийный гарантийного гарантийном')).size).toBe(1);
  });

  it('lower-cases and folds ё into е', () => {
    expect(unigrams('ЁЛКА Ёлка елка')).toEqual(Array(3).fill(unigrams('елка')[0]));
  });

  it('stems English words with the English stemmer', () => {
    expect(unigrams('deliveries')).toEqual(unigrams('delivery'));
    expect(unigrams('refunded refunds')).toEqual(['refund', 'refund']);
  });

  it('chooses the stemmer per token by script in mixed text', () => {
    expect(unigrams('iPhone сломался')).toEqual(['iphon', 'слома']);
  });

  it('drops Russian and English stop-words but keeps negations', () => {
    expect(unigrams('и в the of')).toEqual([]);
    expect(unigrams('не работает')).toEqual(['не', 'работа']);
  });

  it('replaces numbers with a bucket by their length', () => {
    expect(unigrams('7 дней, заказ 1234, № 5551234')).toEqual(['#n1', 'дне', 'заказ', '#n2', '#n3']);
  });

  it('splits on anything that is not a letter or digit', () => {
    expect(unigrams('цена—ужас!!!(доставка)')).toEqual(unigrams('цена ужас доставка'));
  });

  it('adds bigrams of adjacent stems after the unigrams', () => {
    expect(tokenize('Телевизор не работает')).toEqual([
      'телевизор',
      'не',
      'работа',
      `телевизор${BIGRAM_JOINER}не`,
      `не${BIGRAM_JOINER}работа`,
    ]);
  });

  it('returns nothing for empty or punctuation-only text', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize(' ?! … ')).toEqual([]);
  });
});
