// The queues contract: queues (teams), their members with attestation, and routing an appeal into a queue.
import { z } from 'zod';
import { day } from '../../server/dates.schema.ts';
import { Appeal } from '../appeals/appeals.schema.ts';

export const ASSIGNMENTS = ['manual', 'round_robin', 'least_loaded'] as const;
export const UNATTESTED = ['forbid', 'supervisor_review'] as const;
export const ATTESTATIONS = ['certified', 'in_training', 'expired'] as const;

export const Assignment = z.enum(ASSIGNMENTS);
export const Unattested = z.enum(UNATTESTED);
export const AttestationStatus = z.enum(ATTESTATIONS);

export const Queue = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    unitId: z.uuid().nullable(),
    assignment: Assignment,
    requireAttestation: z.boolean(),
    unattested: Unattested.describe(
      'forbid: an unattested owner is refused; supervisor_review: only a supervisor may assign one',
    ),
    active: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Queue' });
export type Queue = z.infer<typeof Queue>;

const Code = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .regex(/^[a-z0-9_-]+$/, { message: 'Lowercase letters, digits, - and _ only' });
const Name = z.string().trim().min(1).max(200);

export const CreateQueue = z.strictObject({
  code: Code,
  name: Name,
  unitId: z.uuid().optional(),
  assignment: Assignment.default('manual'),
  requireAttestation: z.boolean().default(true),
  unattested: Unattested.default('forbid'),
});
export type CreateQueueInput = z.infer<typeof CreateQueue>;

export const UpdateQueue = z
  .strictObject({
    code: Code.optional(),
    name: Name.optional(),
    unitId: z.uuid().nullable().optional(),
    assignment: Assignment.optional(),
    requireAttestation: z.boolean().optional(),
    unattested: Unattested.optional(),
    active: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'Nothing to change' });
export type UpdateQueueInput = z.infer<typeof UpdateQueue>;

export const QueueQuery = z.strictObject({ active: z.enum(['true', 'false']).optional() });
export type QueueQuery = z.infer<typeof QueueQuery>;

const Day = day();

export const QueueMember = z
  .object({
    queueId: z.uuid(),
    userId: z.uuid(),
    name: z.string(),
    attestation: AttestationStatus.describe('As recorded'),
    effectiveAttestation: z
      .enum([...ATTESTATIONS, 'pending'])
      .describe('As it stands today: past attestedUntil it is expired'),
    attestedFrom: z.string().nullable(),
    attestedUntil: z.string().nullable(),
    available: z.boolean(),
    lastAssignedAt: z.string().nullable(),
    openCount: z.number().int().describe("The member's open appeals"),
  })
  .meta({ id: 'QueueMember' });
export type QueueMember = z.infer<typeof QueueMember>;

export const PutQueueMember = z
  .strictObject({
    attestation: AttestationStatus.default('certified'),
    attestedFrom: Day.nullable().default(null),
    attestedUntil: Day.nullable().default(null),
    available: z.boolean().default(true),
  })
  .refine((m) => !m.attestedFrom || !m.attestedUntil || m.attestedFrom <= m.attestedUntil, {
    message: 'attestedUntil is before attestedFrom',
    path: ['attestedUntil'],
    params: { code: 'before_start' },
  });
export type PutQueueMemberInput = z.infer<typeof PutQueueMember>;

export const MemberParams = z.strictObject({ id: z.uuid(), userId: z.uuid() });

export const RouteAppeal = z.strictObject({
  queueId: z.uuid(),
  assign: z
    .boolean()
    .optional()
    .describe("Pick an owner by the queue's strategy; by default unless the queue is manual"),
});
export type RouteAppealInput = z.infer<typeof RouteAppeal>;

export const NO_ASSIGNEE_REASONS = ['manual_queue', 'not_requested', 'no_available_attested_member'] as const;

export const RoutedAppeal = z
  .object({
    appeal: Appeal,
    assignedTo: z.uuid().nullable(),
    reason: z.enum(NO_ASSIGNEE_REASONS).nullable().describe('Why nobody was assigned; null when someone was'),
  })
  .meta({ id: 'RoutedAppeal' });
export type RoutedAppeal = z.infer<typeof RoutedAppeal>;
