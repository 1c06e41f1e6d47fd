import { describe, expect, it } from 'vitest';
import { type KeyResponse, tallyKeyAnswers } from './key-answers.ts';
import { QUALIFICATIONS, excludeFromOfficeIndex, excludeFromStaffIndex } from './qualification.ts';
import { KEY_YES_NO } from './scales.ts';

describe('excludeFromStaffIndex', () => {
  it.each([
    ['force_majeure', true],
    ['office', true],
    ['product', true],
    ['staff', false],
  ] as const)('%s → %s', (qualification, excluded) => {
    expect(excludeFromStaffIndex(qualification)).toBe(excluded);
  });

  it('keeps an unqualified answer', () => {
    expect(excludeFromStaffIndex(null)).toBe(false);
    expect(excludeFromStaffIndex(undefined)).toBe(false);
  });
});

describe('excludeFromOfficeIndex', () => {
  it('excludes only force majeure', () => {
    expect(QUALIFICATIONS.filter(excludeFromOfficeIndex)).toEqual(['force_majeure']);
  });
});

describe('tallyKeyAnswers', () => {
  const responses: KeyResponse[] = [
    { answer: 'yes' },
    { answer: 'yes' },
    { answer: 'no', qualification: 'staff' },
    { answer: 'no', qualification: 'force_majeure' },
    { answer: 'no', qualification: 'office' },
    { answer: null },
    { answer: null, qualification: 'force_majeure' },
  ];

  it.each([
    [
      'counts silent customers and leaves force majeure and office causes out of the staff index',
      excludeFromStaffIndex,
      { positive: 2, neutral: 0, negative: 1, silent: 1, excluded: 3 },
    ],
    [
      'keeps office-caused negatives in the office index',
      excludeFromOfficeIndex,
      { positive: 2, neutral: 0, negative: 2, silent: 1, excluded: 2 },
    ],
  ])('%s', (_case, exclude, counts) => {
    expect(tallyKeyAnswers(responses, KEY_YES_NO, exclude)).toEqual(counts);
  });

  it('gives zeros for no responses', () => {
    expect(tallyKeyAnswers([], KEY_YES_NO, excludeFromStaffIndex)).toEqual({
      positive: 0,
      neutral: 0,
      negative: 0,
      silent: 0,
      excluded: 0,
    });
  });
});
