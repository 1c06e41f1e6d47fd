// Presenter: an appeal row as the API shows it (ISO times, nothing internal).
import type { AppealRow } from './appeals.repo.ts';
import type { AppealSla } from '../sla/appeal-sla.schema.ts';
import type { Appeal } from './appeals.schema.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentAppeal(row: AppealRow, sla: AppealSla | null = null): Appeal {
  return {
    id: row.id,
    number: row.number,
    kind: row.kind as Appeal['kind'],
    channel: row.channel as Appeal['channel'],
    status: row.status as Appeal['status'],
    priority: row.priority as Appeal['priority'],
    subject: row.subject,
    description: row.description,
    unitId: row.unitId,
    categoryId: row.categoryId,
    customerId: row.customerId,
    ownerId: row.ownerId,
    queueId: row.queueId,
    createdBy: row.createdBy,
    sequenceNumber: row.sequenceNumber,
    receivedAt: row.receivedAt.toISOString(),
    tags: row.tags,
    customFields: row.customFields,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    resolvedAt: iso(row.resolvedAt),
    closedAt: iso(row.closedAt),
    suggestion: (row.suggestion ?? null) as Appeal['suggestion'],
    sla,
  };
}
