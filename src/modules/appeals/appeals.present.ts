// Presenter: an appeal row as the API shows it (ISO times, nothing internal).
import type { AppealRow } from './appeals.repo.ts';
import type { AppealSla } from '../sla/appeal-sla.schema.ts';
import type { Appeal } from './appeals.schema.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentAppeal(r: AppealRow, sla: AppealSla | null = null): Appeal {
  return {
    id: r.id,
    number: r.number,
    kind: r.kind as Appeal['kind'],
    channel: r.channel as Appeal['channel'],
    status: r.status as Appeal['status'],
    priority: r.priority as Appeal['priority'],
    subject: r.subject,
    description: r.description,
    unitId: r.unitId,
    categoryId: r.categoryId,
    customerId: r.customerId,
    ownerId: r.ownerId,
    queueId: r.queueId,
    createdBy: r.createdBy,
    sequenceNumber: r.sequenceNumber,
    receivedAt: r.receivedAt.toISOString(),
    tags: r.tags,
    customFields: r.customFields,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    resolvedAt: iso(r.resolvedAt),
    closedAt: iso(r.closedAt),
    suggestion: (r.suggestion ?? null) as Appeal['suggestion'],
    sla,
  };
}
