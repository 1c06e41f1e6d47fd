// A queue of appeals: filters above, the table, "load more" below. Keyboard: j/k or arrows move, Enter opens.
import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { getRouteApi, Link } from '@tanstack/react-router';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { abilities, useMe } from '../../auth/session.ts';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { useDirectory } from '../../lib/directory.ts';
import { QueueFilters } from './QueueFilters.tsx';
import { QueueTable } from './QueueTable.tsx';
import { searchToQuery } from './saved.ts';
import { queueParams, useQueue } from './useQueue.ts';

const route = getRouteApi('/app/queues/$view');
const SavedViewDialog = lazy(() => import('./SavedViewDialog.tsx').then((m) => ({ default: m.SavedViewDialog })));

export function QueuesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { view } = route.useParams();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const params = queueParams(view, me, search);
  const queue = useQueue(view, params);
  // The names the table shows (units, users) load beside the list, not after it: the table mounts only with the list.
  useDirectory();
  const appeals = queue.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Object.keys(search).some((k) => k !== 'sort');
  const [saving, setSaving] = useState(false);
  // What the screen shows, for the browser test and the first-page benchmark to wait on.
  const state =
    params === null
      ? 'no-unit'
      : queue.isPending
        ? 'loading'
        : queue.isError
          ? 'error'
          : appeals.length === 0
            ? 'empty'
            : 'ready';

  return (
    <Stack gap="sm" data-queue-state={state}>
      <Group justify="space-between" wrap="nowrap">
        <Title order={2} size="h3">
          {t(`queues.view.${view}`)}
        </Title>
        <Group gap="xs" wrap="nowrap">
          {Object.keys(search).length > 0 && (
            <Button variant="default" size="sm" onClick={() => setSaving(true)}>
              {t('queues.saved.save')}
            </Button>
          )}
          {abilities(me.role).workAppeals && (
            <Button component={Link} to="/appeals/new" size="sm">
              {t('nav.newAppeal')}
            </Button>
          )}
        </Group>
      </Group>
      {saving && (
        <Suspense fallback={null}>
          <SavedViewDialog query={searchToQuery(search)} onClose={() => setSaving(false)} />
        </Suspense>
      )}
      <QueueFilters search={search} onChange={(next) => void navigate({ search: next, replace: true })} />
      {params === null ? (
        <EmptyState title={t('queues.noUnit')} hint={t('queues.noUnitHint')} />
      ) : queue.isPending ? (
        <Paper withBorder p="sm">
          <TableSkeleton />
        </Paper>
      ) : queue.isError ? (
        <ErrorState error={queue.error} onRetry={() => void queue.refetch()} />
      ) : appeals.length === 0 ? (
        <EmptyState
          title={filtered ? t('queues.emptyFiltered') : t('queues.empty')}
          hint={filtered ? t('queues.emptyFilteredHint') : t(`queues.emptyHint.${view}`)}
          action={
            filtered ? (
              <Button variant="light" size="xs" onClick={() => void navigate({ search: {}, replace: true })}>
                {t('queues.clearFilters')}
              </Button>
            ) : undefined
          }
        />
      ) : (
        <>
          <QueueTable
            appeals={appeals}
            sort={search.sort ?? '-createdAt'}
            onSort={(sort) => void navigate({ search: { ...search, sort }, replace: true })}
            refreshing={queue.isFetching && !queue.isFetchingNextPage}
          />
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              {t('queues.shown', { count: appeals.length })} · {t('queues.keys')}
            </Text>
            {queue.hasNextPage && (
              <Button
                variant="default"
                size="sm"
                loading={queue.isFetchingNextPage}
                onClick={() => void queue.fetchNextPage()}
              >
                {t('queues.loadMore')}
              </Button>
            )}
          </Group>
        </>
      )}
    </Stack>
  );
}
