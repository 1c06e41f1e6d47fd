import { z } from 'zod';

export const ClassScores = z.object({
  label: z.string(),
  precision: z.number(),
  recall: z.number(),
  f1: z.number(),
  support: z.number().int(),
});

export const TrainingFigures = z
  .object({
    target: z.enum(['category', 'queue']),
    samples: z.number().int(),
    accuracy: z.number(),
    macroF1: z.number(),
    perClass: z.array(ClassScores),
  })
  .meta({ id: 'ClassifierTrainingFigures' });
export type TrainingFigures = z.infer<typeof TrainingFigures>;

export const ClassifierStatus = z
  .object({
    applyThreshold: z.number(),
    enabled: z.boolean(),
    minSamples: z.number().int(),
    models: z.array(
      z.object({
        target: z.enum(['category', 'queue']),
        trainedAt: z.string(),
        samples: z.number().int(),
        accuracy: z.number(),
        macroF1: z.number(),
        perClass: z.array(
          z.object({
            /** Category or queue id. */
            id: z.string(),
            code: z.string().nullable(),
            name: z.string().nullable(),
            precision: z.number(),
            recall: z.number(),
            f1: z.number(),
            support: z.number().int(),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'ClassifierStatus' });
export type ClassifierStatus = z.infer<typeof ClassifierStatus>;

export const ClassifierSettingsPatch = z.strictObject({
  applyThreshold: z.number().min(0).max(1).optional(),
  enabled: z.boolean().optional(),
  minSamples: z.number().int().min(1).max(10_000_000).optional(),
});
export type ClassifierSettingsPatch = z.infer<typeof ClassifierSettingsPatch>;

export const SuggestRequest = z.strictObject({
  subject: z.string().max(500),
  description: z.string().max(20_000).default(''),
});

export const Suggestion = z
  .object({
    categoryId: z.string().nullable(),
    categoryConfidence: z.number(),
    queueId: z.string().nullable(),
    queueConfidence: z.number(),
    applyCategory: z.boolean(),
    applyQueue: z.boolean(),
  })
  .meta({ id: 'ClassifierSuggestion' });

export const SuggestAnswer = z.object({ suggestion: Suggestion.nullable() });
