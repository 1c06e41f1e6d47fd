// Owns: turning the answers to one key question (about a staff member or the office) into the counts the
// dissatisfaction and emotional loyalty indices are computed from. Pure.
import type { Qualification } from './qualification.ts';
import { type KeyAnswer, type KeyScale, classifyKeyAnswer } from './scales.ts';

/** One sent key question: `answer` is null when the customer stayed silent past the survey deadline. */
export interface KeyResponse {
  answer: KeyAnswer | null;
  qualification?: Qualification | null;
}

export interface KeyAnswerCounts {
  positive: number;
  neutral: number;
  negative: number;
  silent: number;
  /** Left out of the base by qualification (force majeure, causes outside the judged party's control). */
  excluded: number;
}

/**
 * Tallies responses for one index. A response whose qualification the index excludes leaves the base
 * whatever its answer: the qualification says the situation was not the judged party's doing.
 */
export function tallyKeyAnswers(
  responses: readonly KeyResponse[],
  scale: KeyScale,
  excludes: (qualification: Qualification | null | undefined) => boolean,
): KeyAnswerCounts {
  const counts: KeyAnswerCounts = { positive: 0, neutral: 0, negative: 0, silent: 0, excluded: 0 };
  for (const response of responses) {
    if (excludes(response.qualification)) {
      counts.excluded += 1;
    } else if (response.answer === null) {
      counts.silent += 1;
    } else {
      counts[classifyKeyAnswer(response.answer, scale)] += 1;
    }
  }
  return counts;
}
