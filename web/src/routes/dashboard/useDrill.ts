// Opening the appeals behind a bar, a slice or a row: the queue of all appeals, filtered as the dashboard is and
// narrowed to what was clicked.
import { useNavigate } from '@tanstack/react-router';
import type { Dashboard } from '../../api/contract.ts';
import { useDirectory } from '../../lib/directory.ts';
import { periodSearch, withDescendants, type DrillSearch } from './drill.ts';

export function useDrill(dashboard: Dashboard) {
  const navigate = useNavigate();
  const directory = useDirectory();
  const { filters } = dashboard;

  /** The appeals of the period (or of one bucket of it) with these filters besides the dashboard's. */
  const drill = (extra: DrillSearch, bucket?: string) => {
    const categoryId =
      extra.categoryId ?? (filters.categoryId ? withDescendants(directory.categories, filters.categoryId) : undefined);
    void navigate({
      to: '/queues/$view',
      params: { view: 'all' },
      search: {
        kind: extra.kind ?? filters.kind ?? undefined,
        channel: extra.channel ?? filters.channel ?? undefined,
        unitId: extra.unitId ?? filters.unitId ?? undefined,
        ...(categoryId ? { categoryId } : {}),
        ...periodSearch(
          filters.from,
          filters.to,
          filters.timeZone,
          bucket ? { start: bucket, grain: filters.grain } : undefined,
        ),
      },
    });
  };

  /** The backlog's appeals in one status, whenever they came. */
  const drillStatus = (status: string) =>
    void navigate({
      to: '/queues/$view',
      params: { view: 'all' },
      search: {
        status: [status],
        kind: filters.kind ?? undefined,
        channel: filters.channel ?? undefined,
        unitId: filters.unitId ?? undefined,
      },
    });

  /** A category and the ones under it. */
  const categoryTree = (categoryId: string) => withDescendants(directory.categories, categoryId);

  return { drill, drillStatus, categoryTree };
}
