// The user's saved queue views in the navigation, under the built-in queues: each opens "all appeals" with its filters.
import { ActionIcon, Group, NavLink } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useRouterState } from '@tanstack/react-router';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SavedView } from '../../api/contract.ts';
import { savedViewsQuery } from './saved.ts';
import { parseQueueSearch } from './search.ts';

const SavedViewDialog = lazy(() =>
  import('./SavedViewDialog.tsx').then((module) => ({ default: module.SavedViewDialog })),
);

export function SavedViewsNav({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation();
  const views = useQuery(savedViewsQuery);
  const [editing, setEditing] = useState<SavedView | null>(null);
  const here = useRouterState({
    select: (state) => (state.location.pathname === '/queues/all' ? JSON.stringify(state.location.search) : null),
  });
  if (!views.data?.length) {
    return null;
  }

  return (
    <>
      {views.data.map((view) => {
        const search = parseQueueSearch(view.query);
        return (
          <Group key={view.id} gap={0} wrap="nowrap" data-testid="saved-view">
            <NavLink
              renderRoot={(props) => <Link {...props} to="/queues/$view" params={{ view: 'all' }} search={search} />}
              label={view.name}
              active={here === JSON.stringify(search)}
              onClick={onNavigate}
              pl="lg"
              style={{ flex: 1, minWidth: 0 }}
            />
            <ActionIcon
              variant="subtle"
              color="gray"
              size="sm"
              aria-label={t('queues.saved.menu', { name: view.name })}
              onClick={() => setEditing(view)}
            >
              ⋯
            </ActionIcon>
          </Group>
        );
      })}
      {editing && (
        <Suspense fallback={null}>
          <SavedViewDialog view={editing} onClose={() => setEditing(null)} />
        </Suspense>
      )}
    </>
  );
}
