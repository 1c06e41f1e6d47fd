// The contract of the surveys API: definitions, triggers, imports, invitations, responses, qualification, indices.
import { z } from 'zod';
import { day, instant } from '../../server/dates.schema.ts';

const Wording = z.strictObject({ ru: z.string().trim().min(1).max(500), en: z.string().trim().min(1).max(500) });
const QuestionId = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'a lower-case id: letters, digits, _ (up to 40)');
const base = {
  id: QuestionId,
  wording: Wording,
  touchpoint: z.string().trim().min(1).max(80).nullable().default(null),
  required: z.boolean().default(false),
};

const Csat = z.strictObject({
  ...base,
  type: z.literal('csat'),
  scale: z.strictObject({
    kind: z.literal('csat').default('csat'),
    min: z.union([z.literal(0), z.literal(1)]),
    max: z.union([z.literal(10), z.literal(5)]),
    satisfiedFrom: z.number().int(),
  }),
});
const Nps = z.strictObject({ ...base, type: z.literal('nps') });
const Ces = z.strictObject({
  ...base,
  type: z.literal('ces'),
  scale: z.strictObject({
    kind: z.literal('ces').default('ces'),
    min: z.literal(1),
    max: z.union([z.literal(7), z.literal(5)]),
  }),
});
const KeyScale = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('key_yes_no'), positiveAnswer: z.enum(['yes', 'no']) }),
  z.strictObject({
    kind: z.literal('key_scale'),
    min: z.number().int(),
    max: z.number().int(),
    negativeTo: z.number().int(),
    positiveFrom: z.number().int(),
  }),
]);
const Key = z.strictObject({ ...base, type: z.literal('key'), subject: z.enum(['staff', 'office']), scale: KeyScale });
const Choice = z.strictObject({
  ...base,
  type: z.enum(['single_choice', 'multiple_choice']),
  options: z
    .array(z.strictObject({ id: QuestionId, label: Wording }))
    .min(2)
    .max(20),
});
const Text = z.strictObject({ ...base, type: z.literal('text') });

export const Question = z.union([Csat, Nps, Ces, Key, Choice, Text]).meta({ id: 'SurveyQuestion' });

export const CreateSurvey = z.strictObject({
  name: z.string().trim().min(1).max(200),
  questions: z.array(Question).min(1).max(30),
  answerWithinDays: z.number().int().min(1).max(90).default(7),
  active: z.boolean().default(true),
});
export type CreateSurveyInput = z.infer<typeof CreateSurvey>;

export const UpdateSurvey = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  questions: z.array(Question).min(1).max(30).optional(),
  answerWithinDays: z.number().int().min(1).max(90).optional(),
  active: z.boolean().optional(),
});
export type UpdateSurveyInput = z.infer<typeof UpdateSurvey>;

export const Survey = z
  .object({
    id: z.uuid(),
    name: z.string(),
    questions: z.array(Question),
    answerWithinDays: z.number(),
    active: z.boolean(),
    sent: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Survey' });
export type Survey = z.infer<typeof Survey>;

const TRIGGER_EVENTS = ['appeal_resolved', 'repair_picked_up', 'purchase', 'manual'] as const;
export const CreateTrigger = z.strictObject({
  event: z.enum(TRIGGER_EVENTS),
  delivery: z.enum(['email', 'sms']).default('email'),
  delayMinutes: z.number().int().min(0).max(43_200).default(0),
  throttleDays: z.number().int().min(0).max(365).default(30),
  unitIds: z.array(z.uuid()).max(1000).default([]),
  active: z.boolean().default(true),
});
export type CreateTriggerInput = z.infer<typeof CreateTrigger>;
export const UpdateTrigger = z.strictObject({
  event: z.enum(TRIGGER_EVENTS).optional(),
  delivery: z.enum(['email', 'sms']).optional(),
  delayMinutes: z.number().int().min(0).max(43_200).optional(),
  throttleDays: z.number().int().min(0).max(365).optional(),
  unitIds: z.array(z.uuid()).max(1000).optional(),
  active: z.boolean().optional(),
});
export type UpdateTriggerInput = z.infer<typeof UpdateTrigger>;
export const Trigger = z
  .object({
    id: z.uuid(),
    surveyId: z.uuid(),
    event: z.enum(TRIGGER_EVENTS),
    delivery: z.enum(['email', 'sms']),
    delayMinutes: z.number(),
    throttleDays: z.number(),
    unitIds: z.array(z.uuid()),
    active: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: 'SurveyTrigger' });

export const Settings = z
  .object({ correctionCoefficient: z.number(), emailCaptureTarget: z.number(), updatedAt: z.string() })
  .meta({ id: 'SurveySettings' });
export const UpdateSettings = z.strictObject({
  correctionCoefficient: z.number().min(0).max(1).optional(),
  emailCaptureTarget: z.number().min(0).max(1).optional(),
});

const Contact = {
  email: z.string().trim().max(320).optional(),
  phone: z.string().trim().max(40).optional(),
};

export const ImportEvents = z.strictObject({
  events: z
    .array(
      z.strictObject({
        externalId: z.string().trim().min(1).max(200),
        occurredAt: instant(),
        unitId: z.uuid().optional(),
        staffId: z.uuid().optional(),
        customerId: z.uuid().optional(),
        channel: z.string().trim().min(1).max(40).default('store'),
        locale: z.enum(['ru', 'en']).default('ru'),
        ...Contact,
      }),
    )
    .min(1)
    .max(1000),
});
export type ImportEventsInput = z.infer<typeof ImportEvents>;
export const ImportEventsResult = z.object({
  received: z.number(),
  imported: z.number(),
  duplicates: z.number(),
  invitations: z.object({ scheduled: z.number(), throttled: z.number(), noContact: z.number() }),
});

export const ImportVisitors = z.strictObject({
  visitors: z
    .array(z.strictObject({ unitId: z.uuid(), day: day(), visitors: z.number().int().min(0).max(10_000_000) }))
    .min(1)
    .max(10_000),
});
export type ImportVisitorsInput = z.infer<typeof ImportVisitors>;

export const CreateInvitation = z.strictObject({
  delivery: z.enum(['email', 'sms']).default('email'),
  customerId: z.uuid().optional(),
  appealId: z.uuid().optional(),
  unitId: z.uuid().optional(),
  staffId: z.uuid().optional(),
  locale: z.enum(['ru', 'en']).default('ru'),
  /** Skip the one-survey-per-N-days rule (the default N is 30 days). */
  throttleDays: z.number().int().min(0).max(365).default(30),
  ...Contact,
});
export type CreateInvitationInput = z.infer<typeof CreateInvitation>;
export const Invitation = z
  .object({
    id: z.uuid(),
    surveyId: z.uuid(),
    status: z.string(),
    skipReason: z.string().nullable(),
    delivery: z.string(),
    contact: z.string().nullable(),
    sentAt: z.string().nullable(),
    deadlineAt: z.string().nullable(),
    link: z.string().nullable(),
    smsText: z.string().nullable(),
  })
  .meta({ id: 'SurveyInvitation' });

const Qualification = z.enum(['staff', 'office', 'product', 'force_majeure']);
export const Qualify = z.strictObject({
  qualification: Qualification.nullable(),
  note: z.string().trim().max(2000).nullable().default(null),
});
export type QualifyInput = z.infer<typeof Qualify>;

const boolString = z.enum(['true', 'false']).transform((text) => text === 'true');
/** A whole day (YYYY-MM-DD) or an exact instant with its offset. */
const DayOrInstant = day().or(instant());
export const ResponseQuery = z.strictObject({
  negative: boolString.optional(),
  qualified: boolString.optional(),
  unitId: z.uuid().optional(),
  surveyId: z.uuid().optional(),
  from: DayOrInstant.optional(),
  to: DayOrInstant.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ResponseQueryInput = z.infer<typeof ResponseQuery>;
export const SurveyResponse = z
  .object({
    id: z.uuid(),
    surveyId: z.uuid(),
    surveyName: z.string(),
    status: z.string(),
    source: z.string(),
    unitId: z.uuid().nullable(),
    unitName: z.string().nullable(),
    staffId: z.uuid().nullable(),
    staffName: z.string().nullable(),
    appealId: z.uuid().nullable(),
    appealNumber: z.number().nullable(),
    customerName: z.string().nullable(),
    sentAt: z.string().nullable(),
    completedAt: z.string().nullable(),
    csatScore: z.number().nullable(),
    csatMax: z.number().nullable(),
    nps: z.number().nullable(),
    cesScore: z.number().nullable(),
    staffKey: z.number().nullable(),
    officeKey: z.number().nullable(),
    negative: z.boolean(),
    qualification: Qualification.nullable(),
    qualificationNote: z.string().nullable(),
    qualifiedAt: z.string().nullable(),
    answers: z.array(z.object({ questionId: z.string(), value: z.unknown() })),
  })
  .meta({ id: 'SurveyResponse' });

export const IndicesQuery = z.strictObject({
  groupBy: z.enum(['unit', 'staff', 'category', 'channel', 'month', 'all']).default('all'),
  from: DayOrInstant.optional(),
  to: DayOrInstant.optional(),
  unitId: z.uuid().optional(),
  surveyId: z.uuid().optional(),
  tz: z
    .string()
    .max(64)
    .optional()
    .describe(
      "IANA time zone of the period's days and months; default: the zone the roll-ups are kept in (Customer Service's)",
    ),
  locale: z.enum(['ru', 'en']).optional(),
  format: z.enum(['json', 'csv']).optional(),
});
export type IndicesQueryInput = z.infer<typeof IndicesQuery>;

const Interval = z.object({ low: z.number(), high: z.number() }).nullable();
const Result = z.object({ value: z.number().nullable(), n: z.number(), ci: Interval });
export const IndexRow = z
  .object({
    key: z.string().nullable(),
    label: z.string().nullable(),
    csat: z.object({ satisfied: Result, mean0to10: Result, mean1to5: Result }),
    nps: Result.extend({ promoters: z.number(), passives: z.number(), detractors: z.number() }),
    ces: z.object({ mean1to7: Result, mean1to5: Result }),
    staffDissatisfaction: Result.extend({ excluded: z.number() }),
    officeDissatisfaction: Result.extend({ excluded: z.number() }),
    emotionalLoyalty: Result,
    responseRate: Result,
    exactConversion: Result,
    visitorCoverage: Result,
    forceMajeureLevel: Result,
    emailCaptureRate: Result.extend({ target: z.number(), meetsTarget: z.boolean().nullable() }),
    counts: z.object({
      sent: z.number(),
      answered: z.number(),
      silent: z.number(),
      transactions: z.number(),
      visitors: z.number().nullable(),
      intakes: z.number(),
    }),
  })
  .meta({ id: 'SurveyIndexRow' });
export const IndicesAnswer = z.object({
  groupBy: z.string(),
  from: z.string(),
  to: z.string(),
  correctionCoefficient: z.number(),
  items: z.array(IndexRow),
});
