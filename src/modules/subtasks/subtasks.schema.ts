// Sub-tasks: the contract of the API and the web app. Work another team or person does for an appeal whose
// owner stays its owner.
import { z } from 'zod';

export const SUBTASK_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export const SubtaskStatus = z.enum(SUBTASK_STATUSES);
export type SubtaskStatus = z.infer<typeof SubtaskStatus>;

export const Subtask = z
  .object({
    id: z.uuid(),
    appealId: z.uuid(),
    appealNumber: z.number(),
    appealSubject: z.string(),
    title: z.string(),
    description: z.string(),
    queueId: z.uuid().nullable(),
    assigneeId: z.uuid().nullable(),
    status: SubtaskStatus,
    dueMinutes: z
      .number()
      .nullable()
      .describe('Working minutes asked for at creation, on the Customer Service calendar'),
    dueAt: z.string().nullable(),
    late: z.boolean().describe('Still open past its due time'),
    createdBy: z.uuid().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    doneAt: z.string().nullable(),
  })
  .meta({ id: 'Subtask' });
export type Subtask = z.infer<typeof Subtask>;

const Title = z.string().trim().min(1).max(300);
const Description = z.string().trim().max(10_000);
const Instant = z.iso.datetime({ offset: true });

export const CreateSubtask = z
  .strictObject({
    title: Title,
    description: Description.optional(),
    queueId: z.uuid().optional(),
    assigneeId: z.uuid().optional(),
    dueInWorkingMinutes: z.number().int().min(0).max(525_600).optional(),
    dueAt: Instant.optional(),
  })
  .superRefine((body, ctx) => {
    if (body.queueId === undefined && body.assigneeId === undefined) {
      for (const path of ['queueId', 'assigneeId']) {
        ctx.addIssue({
          code: 'custom',
          path: [path],
          message: 'Give the sub-task a queue or a person',
          params: { code: 'queue_or_assignee_required' },
        });
      }
    }
    if (body.dueInWorkingMinutes !== undefined && body.dueAt !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['dueAt'],
        message: 'Give either dueInWorkingMinutes or dueAt, not both',
        params: { code: 'one_due_time' },
      });
    }
  });
export type CreateSubtaskInput = z.infer<typeof CreateSubtask>;

export const UpdateSubtask = z
  .strictObject({
    status: SubtaskStatus.optional(),
    assigneeId: z.uuid().nullable().optional(),
    title: Title.optional(),
    description: Description.optional(),
    dueAt: Instant.nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'Nothing to change' });
export type UpdateSubtaskInput = z.infer<typeof UpdateSubtask>;

export const SubtaskQuery = z.strictObject({
  assigneeId: z.union([z.uuid(), z.literal('me')]).optional(),
  queueId: z.uuid().optional(),
  status: SubtaskStatus.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type SubtaskQuery = z.infer<typeof SubtaskQuery>;
