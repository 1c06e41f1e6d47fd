// The preset question kinds of the survey editor, and the API's question each makes (the scales the seed practice
// uses). Pure.
import type { SurveyQuestion } from '../../api/contract.ts';

export const PRESETS = ['csat', 'csat5', 'nps', 'ces', 'ces5', 'key_staff', 'key_office', 'text'] as const;
export type Preset = (typeof PRESETS)[number];

/** A question as the editor holds it before it is sent. */
export interface QuestionDraft {
  preset: Preset;
  ru: string;
  en: string;
  touchpoint: string;
}

export const blankQuestion = (preset: Preset): QuestionDraft => ({ preset, ru: '', en: '', touchpoint: '' });

/** The API's question from a draft; its id is the preset and its place in the survey ("nps_2"). */
export function questionOf(draft: QuestionDraft, index: number): SurveyQuestion {
  const base = {
    id: `${draft.preset}_${index + 1}`,
    wording: { ru: draft.ru.trim(), en: draft.en.trim() || draft.ru.trim() },
    touchpoint: draft.touchpoint.trim() || null,
  };
  switch (draft.preset) {
    case 'csat':
      return { ...base, type: 'csat', scale: { min: 0, max: 10, satisfiedFrom: 9 } };
    case 'csat5':
      return { ...base, type: 'csat', scale: { min: 1, max: 5, satisfiedFrom: 4 } };
    case 'nps':
      return { ...base, type: 'nps' };
    case 'ces':
      return { ...base, type: 'ces', scale: { min: 1, max: 7 } };
    case 'ces5':
      return { ...base, type: 'ces', scale: { min: 1, max: 5 } };
    case 'key_staff':
    case 'key_office':
      return {
        ...base,
        type: 'key',
        subject: draft.preset === 'key_staff' ? 'staff' : 'office',
        scale: { kind: 'key_yes_no', positiveAnswer: 'yes' },
      };
    default:
      return { ...base, type: 'text' };
  }
}
