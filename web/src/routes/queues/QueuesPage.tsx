// A queue of appeals: filters above, the table, "load more" below. Keyboard: j/k or arrows move, Enter opens.
import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { getRouteApi, Link } from '@tanstack/react-router';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppealListItem, AppealSort } from '../../api/contract.ts';
import { abilities, useMe } from '../../auth/session.ts';
import { EmptyState, ErrorState, TableSkeleton } from '../../components/states.tsx';
import { useDirectory } from '../../lib/directory.ts';
import { QueueFilters } from './QueueFilters.tsx';
import { QueueTable } from './QueueTable.tsx';
import { searchToQuery } from './saved.ts';
import { queueParams, useQueue } from './useQueue.ts';
import type { QueueView } from './views.ts';

const route = getRouteApi('/app/queues/$view');
const SavedViewDialog = lazy(() =>
  import('./SavedViewDialog.tsx').then((module) => ({ default: module.SavedViewDialog })),
);

/** The queue's list in its states: loading, failed, empty (with or without filters), or the table and "more". */
function QueueResults({
  view,
  queue,
  appeals,
  filtered,
  sort,
  onSort,
  onClearFilters,
}: {
  view: QueueView;
  queue: ReturnType<typeof useQueue>;
  appeals: AppealListItem[];
  filtered: boolean;
  sort: AppealSort;
  onSort: (sort: AppealSort) => void;
  onClearFilters: () => void;
}) {
  const { t } = useTranslation();
  if (queue.isPending) {
    return (
      <Paper withBorder p="sm">
        <TableSkeleton />
      </Paper>
    );
  }
  if (queue.isError) {
    return <ErrorState error={queue.error} onRetry={() => void queue.refetch()} />;
  }
  if (appeals.length === 0) {
    return (
      <EmptyState
        title={filtered ? t('queues.emptyFiltered') : t('queues.empty')}
        hint={filtered ? t('queues.emptyFilteredHint') : t(`queues.emptyHint.${view}`)}
        action={
          filtered ? (
            <Button variant="light" size="xs" onClick={onClearFilters}>
              {t('queues.clearFilters')}
            </Button>
          ) : undefined
        }
      />
    );
  }
  return (
    <>
      <QueueTable
        appeals={appeals}
        sort={sort}
        onSort={onSort}
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
  );
}

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
  const appeals = queue.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = Object.keys(search).some((key) => key !== 'sort');
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
      ) : (
        <QueueResults
          view={view}
          queue={queue}
          appeals={appeals}
          filtered={filtered}
          sort={search.sort ?? '-createdAt'}
          onSort={(sort) => void navigate({ search: { ...search, sort }, replace: true })}
          onClearFilters={() => void navigate({ search: {}, replace: true })}
        />
      )}
    </Stack>
  );
}
