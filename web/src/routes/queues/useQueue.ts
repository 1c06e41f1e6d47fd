// One queue's pages: the view's filters plus the user's, cursor by cursor.
import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { keys } from '../../api/queries.ts';
import type { AppealPage, Me } from '../../api/contract.ts';
import type { QueueSearch } from './search.ts';
import { viewQuery, type QueueView } from './views.ts';

export const PAGE_SIZE = 50;

export function queueParams(view: QueueView, me: Me, search: QueueSearch): Record<string, string> | null {
  const base = viewQuery(view, me);
  if (!base) {
    return null;
  }
  const params: Record<string, string> = { ...base, sort: search.sort ?? '-createdAt', limit: String(PAGE_SIZE) };
  // The user's status filter narrows the view's; other filters add to it.
  if (search.status?.length) {
    params.status = search.status.join(',');
  }
  if (search.kind) {
    params.kind = search.kind;
  }
  if (search.channel) {
    params.channel = search.channel;
  }
  if (search.priority) {
    params.priority = search.priority;
  }
  if (search.q) {
    params.q = search.q.trim();
  }
  if (search.unitId) {
    Object.assign(params, { unitId: search.unitId, includeSubunits: 'true' });
  }
  if (search.categoryId?.length) {
    params.categoryId = search.categoryId.join(',');
  }
  if (search.receivedFrom) {
    params.receivedFrom = search.receivedFrom;
  }
  if (search.receivedTo) {
    params.receivedTo = search.receivedTo;
  }
  return params;
}

export function useQueue(view: QueueView, params: Record<string, string> | null) {
  return useInfiniteQuery({
    queryKey: [...keys.appeals, 'list', view, params],
    enabled: params !== null,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => api.get<AppealPage>('/appeals', { ...params, cursor: pageParam }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // While a new filter loads, the same queue's rows stay (no jump); another queue's rows would mislead.
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[2] === view ? previous : undefined),
  });
}
