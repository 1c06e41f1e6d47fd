// Owns: the public face of the survey index formulas; every formula lives in the file named for it.
export type { IndexResult, Interval } from './index-result.ts';
export {
  Z_95,
  meanInterval,
  meanIntervalFromSums,
  netScoreInterval,
  npsInterval,
  studentT95,
  wilson,
} from './intervals.ts';
export { type KeyAnswerCounts, type KeyResponse, tallyKeyAnswers } from './key-answers.ts';
export { type Qualification, QUALIFICATIONS, excludeFromOfficeIndex, excludeFromStaffIndex } from './qualification.ts';
export {
  type EmailCaptureResult,
  EMAIL_CAPTURE_TARGET,
  emailCaptureRate,
  exactConversion,
  forceMajeureLevel,
  responseRate,
  visitorCoverage,
} from './ratios.ts';
export { type CsatResult, type NpsCounts, type NpsResult, ces, csat, nps, npsFromCounts } from './satisfaction.ts';
export * from './scales.ts';
export {
  type DissatisfactionResult,
  dissatisfactionIndex,
  emotionalLoyaltyIndex,
  officeDissatisfactionIndex,
  staffDissatisfactionIndex,
} from './silent-weighted.ts';
