// Owns: the answer-based indices — CSAT (share satisfied and mean), NPS and CES — over the answers
// actually given. Silent customers do not enter them; they show in the response rate. Pure.
import { type IndexResult, assertCount } from './index-result.ts';
import { meanInterval, npsInterval, wilson } from './intervals.ts';
import {
  type CesScale,
  type CsatScale,
  type Scale,
  assertOnScale,
  isSatisfied,
  npsGroup,
  validateScale,
} from './scales.ts';

export interface CsatResult {
  /** Share of satisfied answers, 0..1, with a Wilson interval. */
  satisfied: IndexResult;
  /** Mean answer in scale points, with a t interval clipped to the scale. */
  mean: IndexResult;
}

export interface NpsCounts {
  promoters: number;
  passives: number;
  detractors: number;
}

export type NpsResult = IndexResult & NpsCounts;

function assertValidScale(scale: Scale): void {
  const validation = validateScale(scale);
  if (!validation.ok) {
    throw new RangeError(`invalid scale: ${validation.errors.map((e) => e.message).join('; ')}`);
  }
}

export function csat(answers: readonly number[], scale: CsatScale): CsatResult {
  assertValidScale(scale);
  const satisfied = answers.filter((answer) => isSatisfied(answer, scale)).length;
  const count = answers.length;
  return {
    satisfied: { value: count === 0 ? null : satisfied / count, n: count, ci: wilson(satisfied, count) },
    mean: meanInterval(answers, { low: scale.min, high: scale.max }),
  };
}

/** NPS on −100..100 from counts: 100 × (promoters − detractors) / all who answered. */
export function npsFromCounts({ promoters, passives, detractors }: NpsCounts): NpsResult {
  assertCount('promoters', promoters);
  assertCount('passives', passives);
  assertCount('detractors', detractors);
  const count = promoters + passives + detractors;
  const value = count === 0 ? null : (100 * (promoters - detractors)) / count;
  return { value, n: count, ci: npsInterval(promoters, detractors, count), promoters, passives, detractors };
}

/** NPS from 0–10 answers to "how likely are you to recommend us". */
export function nps(answers: readonly number[]): NpsResult {
  const counts: NpsCounts = { promoters: 0, passives: 0, detractors: 0 };
  for (const answer of answers) {
    const group = npsGroup(answer);
    if (group === 'promoter') {
      counts.promoters += 1;
    } else if (group === 'passive') {
      counts.passives += 1;
    } else {
      counts.detractors += 1;
    }
  }
  return npsFromCounts(counts);
}

/** CES: the mean effort score in scale points, with a t interval clipped to the scale. */
export function ces(answers: readonly number[], scale: CesScale): IndexResult {
  assertValidScale(scale);
  for (const answer of answers) {
    assertOnScale(answer, scale.min, scale.max);
  }
  return meanInterval(answers, { low: scale.min, high: scale.max });
}
