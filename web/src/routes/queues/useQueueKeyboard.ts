// The queue's keyboard: j or ↓ moves to the next row, k or ↑ to the previous one, Enter opens it. Keys typed into
// a field, a list box or with a modifier are not the queue's.
import { useEffect, useRef, useState } from 'react';

const TYPING_TARGETS = 'input, textarea, select, [contenteditable="true"], [role="listbox"]';

export function useQueueKeyboard<Row>(rows: Row[], open: (row: Row) => void) {
  const [cursor, setCursor] = useState(0);
  const rowElements = useRef<(HTMLTableRowElement | null)[]>([]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (target.closest(TYPING_TARGETS) || event.altKey || event.ctrlKey || event.metaKey) {
        return;
      }
      const current = rows[cursor];
      if (event.key === 'j' || event.key === 'ArrowDown') {
        setCursor((at) => Math.min(at + 1, rows.length - 1));
      } else if (event.key === 'k' || event.key === 'ArrowUp') {
        setCursor((at) => Math.max(at - 1, 0));
      } else if (event.key === 'Enter' && current && !target.closest('button, a')) {
        open(current);
      } else {
        return;
      }
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });
  useEffect(() => {
    // Braces matter: Chromium's scrollIntoView returns a promise, which React would take for a clean-up.
    rowElements.current[cursor]?.scrollIntoView({ block: 'nearest' });
  }, [cursor]);

  return {
    cursor,
    setCursor,
    /** The ref callback of the row at this index, so the cursor can scroll it into view. */
    rowRef: (index: number) => (element: HTMLTableRowElement | null) => {
      rowElements.current[index] = element;
    },
  };
}
