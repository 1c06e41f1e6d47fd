// Escalations: an agent asks a supervisor to decide about an appeal; the contract of the API and web app.
import { z } from 'zod';
import { Priority } from '../appeals/appeals.schema.ts';

export const ESCALATION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export const EscalationStatus = z.enum(ESCALATION_STATUSES);

export const Escalation = z
  .object({
    id: z.uuid(),
    appealId: z.uuid(),
    appealNumber: z.number(),
    appealSubject: z.string(),
    requestedBy: z.uuid(),
    reason: z.string(),
    status: EscalationStatus,
    decidedBy: z.uuid().nullable(),
    decisionNote: z.string().nullable(),
    decidedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Escalation' });
export type Escalation = z.infer<typeof Escalation>;

export const CreateEscalation = z.strictObject({
  reason: z.string().trim().min(1).max(5000),
});
export type CreateEscalationInput = z.infer<typeof CreateEscalation>;

export const EscalationDecision = z
  .strictObject({
    decision: z.enum(['approved', 'rejected']),
    note: z.string().trim().min(1).max(5000).optional(),
    ownerId: z.uuid().optional().describe("Approving only: the appeal's new owner"),
    priority: Priority.optional().describe("Approving only: the appeal's new priority"),
  })
  .superRefine((body, ctx) => {
    if (body.decision !== 'rejected') {
      return;
    }
    for (const path of ['ownerId', 'priority'] as const) {
      if (body[path] !== undefined) {
        ctx.addIssue({ code: 'custom', path: [path], message: 'Only an approval may change the appeal' });
      }
    }
  });
export type EscalationDecisionInput = z.infer<typeof EscalationDecision>;

export const EscalationQuery = z.strictObject({
  status: EscalationStatus.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type EscalationQuery = z.infer<typeof EscalationQuery>;
