// Small labels with meaning in their colour: status, priority, kind, SLA.
import { Badge, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AppealKind, AppealSla, Priority, Status } from '../api/contract.ts';
import { formatDateTime, formatRelative } from '../lib/format.ts';

const STATUS_COLOR: Record<Status, string> = {
  new: 'blue',
  open: 'cyan',
  pending_customer: 'yellow',
  pending_unit: 'orange',
  resolved: 'green',
  closed: 'gray',
};
/** Badges keep their whole label: in a narrow table cell Mantine would cut it to "НО…". */
export const WHOLE = { minWidth: 'max-content' } as const;

const PRIORITY_COLOR: Record<Priority, string> = { low: 'gray', normal: 'blue', high: 'orange', urgent: 'red' };

const KIND_COLOR: Record<AppealKind, string> = {
  incident: 'red',
  thanks: 'green',
  question: 'blue',
  wish: 'violet',
  review: 'gray',
};

export function KindBadge({ kind }: { kind: AppealKind }) {
  const { t } = useTranslation();
  return (
    <Badge variant="dot" tt="none" fw={500} style={WHOLE} color={KIND_COLOR[kind]}>
      {t(`kind.${kind}`)}
    </Badge>
  );
}

export function StatusBadge({ status }: { status: Status }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" tt="none" fw={600} style={WHOLE} data-testid="status-badge">
      {t(`status.${status}`)}
    </Badge>
  );
}

export function PriorityBadge({ priority }: { priority: Priority }) {
  const { t } = useTranslation();
  return (
    <Badge color={PRIORITY_COLOR[priority]} variant="outline" style={WHOLE}>
      {t(`priority.${priority}`)}
    </Badge>
  );
}

/** Overdue: a running deadline is past, or the SLA says breached. */
export const isOverdue = (sla: AppealSla | null, now = Date.now()) =>
  !!sla && (sla.state === 'breached' || (sla.nextDueAt !== null && new Date(sla.nextDueAt).getTime() < now));

/** The next deadline of an appeal, red and marked when it has passed. */
export function DueBadge({ sla }: { sla: AppealSla | null }) {
  const { t } = useTranslation();
  if (!sla || (!sla.nextDueAt && sla.state !== 'breached')) {
    return <span aria-label={t('sla.none')}>—</span>;
  }
  const overdue = isOverdue(sla);
  const label = sla.nextDueAt ? formatRelative(sla.nextDueAt) : t('sla.state.breached');
  const color = overdue ? 'red' : sla.state === 'warning' ? 'orange' : sla.state === 'paused' ? 'gray' : 'teal';
  return (
    <Tooltip label={sla.nextDueAt ? formatDateTime(sla.nextDueAt) : t('sla.state.breached')}>
      <Badge
        color={color}
        variant={overdue ? 'filled' : 'light'}
        tt="none"
        fw={600}
        style={WHOLE}
        data-overdue={overdue || undefined}
      >
        {overdue ? `${t('sla.overdue')} · ${label}` : label}
      </Badge>
    </Tooltip>
  );
}
