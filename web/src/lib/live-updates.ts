// Live refresh: the server's event stream says an appeal changed; every appeal query is marked stale and
// the ones on screen refetch. When the stream drops, EventSource reconnects by itself; when the server refuses it
// (a restart, too many open tabs) we try again later with a growing pause. Whatever changed while the stream was
// down was never sent, so every reconnect refetches once. Without the stream the screens still work by hand.
import type { QueryClient } from '@tanstack/react-query';
import { keys } from '../api/queries.ts';

const FIRST_RETRY_MS = 2_000;
const LAST_RETRY_MS = 60_000;

export function subscribeToAppealEvents(queryClient: QueryClient): () => void {
  if (typeof EventSource === 'undefined') {
    return () => {};
  }
  const refresh = () => void queryClient.invalidateQueries({ queryKey: keys.appeals });
  let source: EventSource | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let retryMs = FIRST_RETRY_MS;
  let stopped = false;

  const open = () => {
    const current = new EventSource('/api/v1/events', { withCredentials: true });
    source = current;
    let opened = false;
    current.addEventListener('appeal', refresh);
    current.onopen = () => {
      if (opened) {
        refresh();
      }
      opened = true;
      retryMs = FIRST_RETRY_MS;
    };
    current.onerror = () => {
      if (current.readyState !== EventSource.CLOSED || stopped) {
        return;
      }
      timer = setTimeout(() => {
        refresh();
        open();
      }, retryMs);
      retryMs = Math.min(retryMs * 2, LAST_RETRY_MS);
    };
  };
  open();
  return () => {
    stopped = true;
    clearTimeout(timer);
    source?.close();
  };
}
