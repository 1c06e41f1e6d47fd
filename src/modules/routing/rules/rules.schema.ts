// The routing rules contract: what an admin may write as a rule's conditions and actions, and what an
// evaluation answers (the dry run shows it without writing anything).
import { z } from 'zod';
import { instant } from '../../../server/dates.schema.ts';
import { AppealKind } from '../../categories/categories.schema.ts';
import { Channel, Priority } from '../../appeals/appeals.schema.ts';
import { ROLES } from '../../auth/actor.ts';

export const RULE_EVENTS = ['create', 'update'] as const;
export const MAX_REGEX_LENGTH = 200;

const Tag = z.string().trim().min(1).max(50);
const Ids = z.array(z.uuid()).min(1).max(100);

/** A regular expression an admin typed: compiled once here so that a broken one is refused at the edge. */
const Regex = z
  .string()
  .min(1)
  .max(MAX_REGEX_LENGTH)
  .refine(
    (source) => {
      try {
        new RegExp(source, 'i');
        return true;
      } catch {
        return false;
      }
    },
    { message: 'Not a valid regular expression' },
  );

export const RuleConditions = z.strictObject({
  kinds: z.array(AppealKind).min(1).optional(),
  channels: z.array(Channel).min(1).optional(),
  unitIds: Ids.optional(),
  unitTypes: z.array(z.string().min(1).max(50)).min(1).max(20).optional(),
  categoryIds: Ids.optional(),
  priorities: z.array(Priority).min(1).optional(),
  tags: z.array(Tag).min(1).max(50).optional().describe("Any of the appeal's own tags"),
  customerTags: z.array(Tag).min(1).max(50).optional().describe("Any of the customer's tags"),
  textContains: z
    .array(z.string().trim().min(1).max(200))
    .min(1)
    .max(50)
    .optional()
    .describe('Any of these in the subject or description, ignoring case (ё counts as е)'),
  textMatches: Regex.optional().describe(
    'A regular expression (case-insensitive) matched against the subject and description',
  ),
  businessHours: z
    .enum(['inside', 'outside'])
    .optional()
    .describe("When the appeal arrived, on Customer Service's calendar"),
});
export type RuleConditions = z.infer<typeof RuleConditions>;

export const RuleAction = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('set_category'), categoryId: z.uuid() }),
  z.strictObject({ type: z.literal('set_priority'), priority: Priority }),
  z.strictObject({ type: z.literal('set_queue'), queueId: z.uuid() }),
  z.strictObject({ type: z.literal('add_tags'), tags: z.array(Tag).min(1).max(50) }),
  z.strictObject({ type: z.literal('assign'), userId: z.uuid() }),
  z
    .strictObject({
      type: z.literal('notify'),
      userIds: z.array(z.uuid()).max(50).optional(),
      roles: z.array(z.enum(ROLES)).max(ROLES.length).optional(),
    })
    .refine((a) => (a.userIds?.length ?? 0) + (a.roles?.length ?? 0) > 0, { message: 'Name users or roles to notify' }),
  z.strictObject({
    type: z.literal('reply'),
    body: z.string().trim().min(1).max(20_000).describe('A template: {{customerName}}, {{number}}'),
  }),
  z
    .strictObject({
      type: z.literal('add_subtask'),
      title: z.string().trim().min(1).max(300),
      queueId: z.uuid().optional(),
      assigneeId: z.uuid().optional(),
      dueInWorkingMinutes: z.number().int().min(0).max(525_600).optional(),
    })
    .refine((a) => a.queueId !== undefined || a.assigneeId !== undefined, {
      message: 'Give the sub-task a queue or a person',
      params: { code: 'queue_or_assignee_required' },
    }),
  z.strictObject({ type: z.literal('stop') }),
]);
export type RuleAction = z.infer<typeof RuleAction>;

const RuleEvents = z.array(z.enum(RULE_EVENTS)).min(1).max(2);

export const Rule = z
  .object({
    id: z.uuid(),
    name: z.string(),
    position: z.number().int(),
    active: z.boolean(),
    events: z.array(z.enum(RULE_EVENTS)),
    conditions: RuleConditions,
    actions: z.array(RuleAction),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'RoutingRule' });
export type Rule = z.infer<typeof Rule>;

export const CreateRule = z.strictObject({
  name: z.string().trim().min(1).max(200),
  position: z.number().int().min(0).max(1_000_000).default(0),
  active: z.boolean().default(true),
  events: RuleEvents.default(['create']),
  conditions: RuleConditions.default({}),
  actions: z.array(RuleAction).min(1).max(20),
});
export type CreateRuleInput = z.infer<typeof CreateRule>;

export const UpdateRule = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    position: z.number().int().min(0).max(1_000_000).optional(),
    active: z.boolean().optional(),
    events: RuleEvents.optional(),
    conditions: RuleConditions.optional(),
    actions: z.array(RuleAction).min(1).max(20).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'Nothing to change' });
export type UpdateRuleInput = z.infer<typeof UpdateRule>;

export const DryRun = z.strictObject({
  event: z.enum(RULE_EVENTS).default('create'),
  kind: AppealKind,
  channel: Channel,
  status: z.string().max(50).default('new'),
  priority: Priority.default('normal'),
  subject: z.string().max(500).default(''),
  description: z.string().max(50_000).default(''),
  unitId: z.uuid().nullable().default(null),
  categoryId: z.uuid().nullable().default(null),
  queueId: z.uuid().nullable().default(null),
  ownerId: z.uuid().nullable().default(null),
  tags: z.array(Tag).max(50).default([]),
  customerTags: z.array(Tag).max(50).default([]),
  at: instant().optional().describe('When the appeal arrived (for business hours); now by default'),
});
export type DryRunInput = z.infer<typeof DryRun>;

const TraceEntry = z.object({
  ruleId: z.uuid().nullable(),
  ruleName: z.string(),
  action: z.string(),
  detail: z.unknown(),
});

export const Evaluation = z
  .object({
    changes: z.object({
      categoryId: z.uuid().optional(),
      priority: z.string().optional(),
      queueId: z.uuid().optional(),
      tags: z.array(z.string()).optional(),
      ownerId: z.uuid().optional(),
    }),
    effects: z.array(z.record(z.string(), z.unknown())),
    trace: z.array(TraceEntry),
    loopStopped: z.boolean(),
  })
  .meta({ id: 'RoutingEvaluation' });
