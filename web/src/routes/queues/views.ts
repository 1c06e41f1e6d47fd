// The queues a user picks from, as filters of GET /api/v1/appeals.
import type { Me, Status } from '../../api/contract.ts';

export const QUEUE_VIEWS = ['mine', 'unassigned', 'unit', 'all', 'overdue'] as const;
export type QueueView = (typeof QUEUE_VIEWS)[number];

export const isQueueView = (view: string): view is QueueView => (QUEUE_VIEWS as readonly string[]).includes(view);

export const OPEN_STATUSES: Status[] = ['new', 'open', 'pending_customer', 'pending_unit'];

/** The query of a view before the user's own filters; null when the view cannot apply (no unit). */
export function viewQuery(view: QueueView, me: Me): Record<string, string> | null {
  switch (view) {
    case 'mine':
      return { ownerId: 'me', status: OPEN_STATUSES.join(',') };
    case 'unassigned':
      return { unassigned: 'true', status: OPEN_STATUSES.join(',') };
    case 'unit':
      return me.unitIds.length ? { unitId: me.unitIds.join(','), includeSubunits: 'true' } : null;
    case 'all':
      return {};
    case 'overdue':
      return { overdue: 'true' };
  }
}

/** Unit staff see their unit's appeals; the CS queues are for those who work appeals. */
export const viewsFor = (me: Me): QueueView[] => (me.role === 'unit_responsible' ? ['unit', 'all'] : [...QUEUE_VIEWS]);
