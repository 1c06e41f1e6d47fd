import { describe, expect, it } from 'vitest';
import { subjectNumber } from './subject.ts';

describe('subjectNumber', () => {
  it.each([
    ['Re: Ваш заказ [#1234]', 1234],
    ['[#7] Hello', 7],
    ['RE: Fwd: Возврат [# 42 ]', 42],
    ['Re: a [#12] b [#34]', 12],
  ])('reads %j', (subject, n) => expect(subjectNumber(subject)).toBe(n));

  it.each(['Re: Заказ 1234', 'Re: [1234]', 'Re: #1234', '[#]', '[#0]', '[#12a]', '', '[#99999999999999999]'])(
    'finds no number in %j',
    (subject) => expect(subjectNumber(subject)).toBeNull(),
  );
});
