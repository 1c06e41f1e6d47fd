// Every change of the appeal, newest last: who, when, what changed from what to what.
import { Skeleton, Stack, Text, Timeline } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { historyQuery } from '../../api/queries.ts';
import { EmptyState, ErrorState } from '../../components/states.tsx';
import { useDirectory } from '../../lib/directory.ts';
import { formatDateTime } from '../../lib/format.ts';

function show(value: unknown, field: string | null, t: (k: string, o?: Record<string, unknown>) => string): string {
  if (value === null || value === undefined || value === '') {
    return '—';
  }
  if (
    typeof value === 'string' &&
    (field === 'status' || field === 'priority' || field === 'kind' || field === 'channel')
  ) {
    return t(`${field}.${value}`, { defaultValue: value });
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function HistoryList({ appealId }: { appealId: string }) {
  const { t } = useTranslation();
  const dir = useDirectory();
  const events = useQuery(historyQuery(appealId));
  if (events.isPending) {
    return (
      <Stack gap="xs">
        <Skeleton height={40} />
        <Skeleton height={40} />
      </Stack>
    );
  }
  if (events.isError) {
    return <ErrorState error={events.error} onRetry={() => void events.refetch()} />;
  }
  if (events.data.length === 0) {
    return <EmptyState title={t('history.empty')} />;
  }
  const nameOf = (field: string | null, v: unknown) =>
    field === 'ownerId' && typeof v === 'string'
      ? dir.userName(v)
      : field === 'unitId' && typeof v === 'string'
        ? dir.unitName(v)
        : field === 'categoryId' && typeof v === 'string'
          ? dir.categoryLabel(v)
          : show(v, field, t);

  return (
    <Timeline bulletSize={14} lineWidth={2} data-testid="history">
      {events.data.map((e) => (
        <Timeline.Item
          key={e.id}
          title={
            <Text size="sm" fw={600}>
              {t(`history.action.${e.action}`, { defaultValue: e.action })}
            </Text>
          }
        >
          {e.field && (
            <Text size="sm">
              {t(`history.field.${e.field}`, { defaultValue: e.field })}: {nameOf(e.field, e.oldValue)} →{' '}
              {nameOf(e.field, e.newValue)}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {e.actorId ? dir.userName(e.actorId) : t('history.system')} · {formatDateTime(e.at)}
          </Text>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
