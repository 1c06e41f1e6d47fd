// A user's saved queue views (GET /api/v1/views): named search params of the queue screen, shown in the navigation.
import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { SavedView } from '../../api/contract.ts';
import type { QueueSearch } from './search.ts';

export const savedViewsKey = ['views'] as const;

export const savedViewsQuery = queryOptions({
  queryKey: savedViewsKey,
  queryFn: () => api.items<SavedView>('/views'),
  staleTime: Infinity,
});

/** The search params to save: only strings and string arrays, as the server accepts. */
export function searchToQuery(search: QueueSearch): SavedView['query'] {
  const query: SavedView['query'] = {};
  for (const [key, value] of Object.entries(search)) {
    if (typeof value === 'string' || Array.isArray(value)) {
      query[key] = value as string | string[];
    }
  }
  return query;
}
