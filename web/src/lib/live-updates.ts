// Live refresh: the server's event stream says an appeal changed; every appeal query is marked stale and
// the ones on screen refetch. A server without the stream fails quietly: the screens still work by hand.
import type { QueryClient } from '@tanstack/react-query';
import { keys } from '../api/queries.ts';

export function subscribeToAppealEvents(queryClient: QueryClient): () => void {
  if (typeof EventSource === 'undefined') return () => {};
  const source = new EventSource('/api/v1/events', { withCredentials: true });
  source.addEventListener('appeal', () => {
    void queryClient.invalidateQueries({ queryKey: keys.appeals });
  });
  // EventSource reconnects by itself after a drop; an answer that is not a stream (404, 401) closes it.
  source.onerror = () => {
    if (source.readyState === EventSource.CLOSED) source.close();
  };
  return () => source.close();
}
