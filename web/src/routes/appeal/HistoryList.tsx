// Every change of the appeal, newest last: who, when, what changed from what to what.
import { Skeleton, Stack, Text, Timeline } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { historyQuery } from '../../api/queries.ts';
import { EmptyState, ErrorState } from '../../components/states.tsx';
import { useDirectory } from '../../lib/directory.ts';
import { formatDateTime } from '../../lib/format.ts';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** Fields whose values are words of the domain, shown in the user's language. */
const TRANSLATED_FIELDS = new Set(['status', 'priority', 'kind', 'channel']);

function show(value: unknown, field: string | null, translate: Translate): string {
  if (value === null || value === undefined || value === '') {
    return '—';
  }
  if (typeof value === 'string' && field !== null && TRANSLATED_FIELDS.has(field)) {
    return translate(`${field}.${value}`, { defaultValue: value });
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** "Status: New → Open": a field's name and its values before and after, in words. */
function FieldChange({ field, from, to }: { field: string; from: string; to: string }) {
  const { t } = useTranslation();
  return (
    <Text size="sm">
      {t(`history.field.${field}`, { defaultValue: field })}: {from} → {to}
    </Text>
  );
}

export function HistoryList({ appealId }: { appealId: string }) {
  const { t } = useTranslation();
  const directory = useDirectory();
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
  // Ids of the directories read as names.
  const nameOf = (field: string | null, value: unknown) =>
    field === 'ownerId' && typeof value === 'string'
      ? directory.userName(value)
      : field === 'unitId' && typeof value === 'string'
        ? directory.unitName(value)
        : field === 'categoryId' && typeof value === 'string'
          ? directory.categoryLabel(value)
          : show(value, field, t);

  return (
    <Timeline bulletSize={14} lineWidth={2} data-testid="history">
      {events.data.map((event) => (
        <Timeline.Item
          key={event.id}
          title={
            <Text size="sm" fw={600}>
              {t(`history.action.${event.action}`, { defaultValue: event.action })}
            </Text>
          }
        >
          {event.field && (
            <FieldChange
              field={event.field}
              from={nameOf(event.field, event.oldValue)}
              to={nameOf(event.field, event.newValue)}
            />
          )}
          <Text size="xs" c="dimmed">
            {event.actorId ? directory.userName(event.actorId) : t('history.system')} · {formatDateTime(event.at)}
          </Text>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
