// The appeals contract shared by the API, the web app and the CLI.
import { z } from 'zod';
import { AppealKind } from '../categories/categories.schema.ts';
import { CustomerRef } from '../customers/customers.schema.ts';
import { AppealSla, SlaState } from '../sla/appeal-sla.schema.ts';

export const CHANNELS = [
  'email',
  'phone',
  'web_form',
  'chat',
  'callback',
  'store_submission',
  'edms',
  'social',
  'review_site',
  'sms',
  'walk_in',
] as const;
export const STATUSES = ['new', 'open', 'pending_customer', 'pending_unit', 'resolved', 'closed'] as const;
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const DIRECTIONS = ['inbound', 'outbound', 'note'] as const;

export const Channel = z.enum(CHANNELS);
export const Status = z.enum(STATUSES);
export const Priority = z.enum(PRIORITIES);

export const Appeal = z
  .object({
    id: z.uuid(),
    number: z.number().int(),
    kind: AppealKind,
    channel: Channel,
    status: Status,
    priority: Priority,
    subject: z.string(),
    description: z.string(),
    unitId: z.uuid().nullable(),
    categoryId: z.uuid().nullable(),
    customerId: z.uuid().nullable(),
    ownerId: z.uuid().nullable(),
    queueId: z.uuid().nullable(),
    createdBy: z.uuid().nullable(),
    sequenceNumber: z.string().nullable(),
    receivedAt: z.string(),
    tags: z.array(z.string()),
    customFields: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
    updatedAt: z.string(),
    resolvedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    suggestion: z
      .object({
        categoryId: z.string().nullable(),
        categoryConfidence: z.number(),
        queueId: z.string().nullable(),
        queueConfidence: z.number(),
        applyCategory: z.boolean(),
        applyQueue: z.boolean(),
      })
      .nullable()
      .describe("The classifier's category and queue below its threshold, for the agent to accept or ignore"),
    sla: AppealSla.nullable().describe('Deadlines in working hours; null when no SLA policy applies'),
  })
  .meta({ id: 'Appeal' });
export type Appeal = z.infer<typeof Appeal>;

const Subject = z.string().trim().min(1).max(500);
const Description = z.string().max(50_000);
const Tag = z.string().trim().min(1).max(50);
const Instant = z.iso.datetime({ offset: true });
const CustomFields = z.record(z.string().max(50), z.union([z.string(), z.number(), z.boolean(), z.null()]));

export const CreateAppeal = z.strictObject({
  kind: AppealKind,
  channel: Channel,
  subject: Subject,
  description: Description.default(''),
  unitId: z.uuid().optional(),
  categoryId: z.uuid().optional(),
  priority: Priority.default('normal'),
  receivedAt: Instant.optional(),
  sequenceNumber: z.string().trim().min(1).max(100).optional(),
  customer: CustomerRef,
  ownerId: z.uuid().optional(),
  tags: z.array(Tag).max(50).default([]),
  customFields: CustomFields.default({}),
  attachmentIds: z.array(z.uuid()).max(50).default([]),
});
export type CreateAppealInput = z.infer<typeof CreateAppeal>;

export const UpdateAppeal = z
  .strictObject({
    kind: AppealKind.optional(),
    channel: Channel.optional(),
    status: Status.optional(),
    priority: Priority.optional(),
    subject: Subject.optional(),
    description: Description.optional(),
    unitId: z.uuid().nullable().optional(),
    categoryId: z.uuid().nullable().optional(),
    customerId: z.uuid().optional(),
    ownerId: z.uuid().nullable().optional(),
    queueId: z.uuid().nullable().optional(),
    sequenceNumber: z.string().trim().min(1).max(100).nullable().optional(),
    tags: z.array(Tag).max(50).optional(),
    customFields: CustomFields.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'Nothing to change' });
export type UpdateAppealInput = z.infer<typeof UpdateAppeal>;

const list = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .string()
    .max(2000)
    .transform((text) =>
      text
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).min(1).max(50));

export const SORTS = [
  'createdAt',
  '-createdAt',
  'updatedAt',
  '-updatedAt',
  'receivedAt',
  '-receivedAt',
  'number',
  '-number',
  'dueAt',
  '-dueAt',
] as const;
const Flag = z.enum(['true', 'false']);

export const AppealQuery = z.strictObject({
  kind: list(AppealKind).optional(),
  status: list(Status).optional(),
  channel: list(Channel).optional(),
  unitId: list(z.uuid()).optional(),
  includeSubunits: Flag.optional().describe('With unitId: the units and every unit below them'),
  unitTree: Flag.optional().describe('The same as includeSubunits'),
  categoryId: list(z.uuid()).optional(),
  customerId: z.uuid().optional(),
  ownerId: z
    .union([z.uuid(), z.literal('none'), z.literal('me')])
    .optional()
    .describe("A user's id, 'me', or 'none' (unassigned)"),
  unassigned: Flag.optional().describe('true: appeals without an owner; false: with one'),
  queueId: list(z.uuid()).optional(),
  priority: list(Priority).optional(),
  tag: z.string().max(50).optional(),
  createdFrom: Instant.optional(),
  createdTo: Instant.optional(),
  receivedFrom: Instant.optional().describe(
    'When the customer spoke, from (inclusive); the analytics count appeals by this time',
  ),
  receivedTo: Instant.optional().describe('When the customer spoke, before (exclusive)'),
  updatedFrom: Instant.optional(),
  updatedTo: Instant.optional(),
  q: z.string().trim().min(1).max(200).optional(),
  slaState: list(SlaState).optional().describe('The SLA state of the appeal: ok, warning, breached, met, paused'),
  dueBefore: Instant.optional().describe('Appeals with a running SLA target due before this instant'),
  overdue: Flag.optional().describe('true: an unmet SLA target is past due (or marked breached); false: none is'),
  sort: z
    .enum(SORTS)
    .default('-createdAt')
    .describe(
      'A minus sign sorts descending. dueAt is the earliest unmet SLA due time; ' +
        'appeals without one come last either way',
    ),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(500).optional(),
});
export type AppealQuery = z.infer<typeof AppealQuery>;

/** A row of the appeals list: the appeal with its customer's name, so a queue needs no request per row. */
export const AppealListItem = Appeal.extend({
  customerName: z.string().nullable().describe("The customer's name (or company name); null when unknown"),
}).meta({ id: 'AppealListItem' });
export type AppealListItem = z.infer<typeof AppealListItem>;

export const AppealPage = z.object({ items: z.array(AppealListItem), nextCursor: z.string().nullable() });

export const Message = z
  .object({
    id: z.uuid(),
    appealId: z.uuid(),
    direction: z.enum(DIRECTIONS),
    channel: z.string(),
    body: z.string(),
    authorId: z.uuid().nullable(),
    createdAt: z.string(),
    delivery: z
      .object({
        status: z.enum(['queued', 'sent', 'failed']),
        attempts: z.number().int(),
        error: z.string().nullable().describe("The receiving server's last answer, e.g. 550 5.1.1 User unknown"),
        sentAt: z.string().nullable(),
      })
      .nullable()
      .describe('Outbound e-mail only: the state of its delivery'),
    mail: z
      .object({
        from: z.string().nullable(),
        fromName: z.string().nullable(),
        subject: z.string().nullable(),
        quoted: z.string().nullable().describe('The earlier text the mail quoted, shown collapsed'),
        signature: z.string().nullable(),
        html: z.string().nullable().describe('The sanitised HTML body'),
        parseError: z.string().nullable(),
      })
      .nullable()
      .describe('Inbound e-mail only: what the mail said beside its new text'),
  })
  .meta({ id: 'Message' });
export type Message = z.infer<typeof Message>;

export const CreateMessage = z.strictObject({
  direction: z.enum(DIRECTIONS),
  body: z.string().trim().min(1).max(100_000),
  channel: Channel.optional(),
});
export type CreateMessageInput = z.infer<typeof CreateMessage>;

export const HistoryEvent = z
  .object({
    id: z.number().int(),
    appealId: z.uuid(),
    actorId: z.uuid().nullable(),
    at: z.string(),
    action: z.string(),
    field: z.string().nullable(),
    oldValue: z.unknown(),
    newValue: z.unknown(),
  })
  .meta({ id: 'HistoryEvent' });
export type HistoryEvent = z.infer<typeof HistoryEvent>;

export const Assign = z.strictObject({ ownerId: z.uuid().nullable() });
