// A user's saved queue views (GET /api/v1/views): named search params of the queue screen, shown in the navigation.
import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { QueueSearch } from './search.ts';

export interface SavedView {
  id: string;
  name: string;
  query: Record<string, string | string[]>;
  position: number;
  createdAt: string;
}

export const savedViewsKey = ['views'] as const;

export const savedViewsQuery = queryOptions({
  queryKey: savedViewsKey,
  queryFn: () => api.get<{ items: SavedView[] }>('/views').then((r) => r.items),
  staleTime: Infinity,
});

/** The search params to save: only strings and string arrays, as the server accepts. */
export function searchToQuery(search: QueueSearch): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(search)) {
    if (typeof v === 'string' || Array.isArray(v)) {
      out[k] = v as string | string[];
    }
  }
  return out;
}
