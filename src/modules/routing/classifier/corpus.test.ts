// Trains on the labelled fixture corpus (issue 8): macro-F1 on its held-out quarter must reach 0.85.
import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CORPUS_SEED,
  CORPUS_SIZE,
  generateAppeals,
  parseCorpus,
} from '../../../../test/fixtures/classifier/generate-corpus.ts';
import { CATEGORIES } from '../../../../test/fixtures/classifier/templates.ts';
import { evaluate, stratifiedSplit } from './evaluate.ts';
import { predict, train } from './model.ts';

const CORPUS_URL = new URL('../../../../test/fixtures/classifier/corpus.jsonl', import.meta.url);
const corpus = parseCorpus(readFileSync(CORPUS_URL, 'utf8'));

describe('appeal corpus fixture', () => {
  it('holds at least 2,000 appeals over the whole taxonomy, some in English, in under 2 MB', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(2_000);
    expect(new Set(corpus.map((a) => a.category))).toEqual(new Set(CATEGORIES));
    const english = corpus.filter((a) => !/\p{Script=Cyrillic}/u.test(a.text)).length;
    expect(english / corpus.length).toBeGreaterThan(0.01);
    expect(english / corpus.length).toBeLessThan(0.1);
    expect(statSync(CORPUS_URL).size).toBeLessThan(2 * 1024 * 1024);
  });

  it('is exactly what the generator produces, so it can be regenerated', () => {
    expect(generateAppeals(CORPUS_SIZE, CORPUS_SEED)).toEqual(corpus);
  });
});

describe('classifier on the appeal corpus', () => {
  it('reaches a category macro-F1 of at least 0.85 on the held-out quarter', () => {
    const { train: known, test: unseen } = stratifiedSplit(corpus, (a) => a.category, 0.25, 7);
    const model = train(known.map((a) => ({ text: a.text, label: a.category })));
    const result = evaluate(unseen.map((a) => ({ actual: a.category, predicted: predict(model, a.text).label })));
    expect(result.macroF1).toBeGreaterThanOrEqual(0.85);
  });
});
