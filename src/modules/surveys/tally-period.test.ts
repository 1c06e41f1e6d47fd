import { describe, expect, it } from 'vitest';
import { splitPeriod } from './tally-period.ts';

const at = (iso: string) => new Date(iso);

describe('splitPeriod', () => {
  it('reads a period of whole months in the zone from the roll-up alone', () => {
    expect(splitPeriod(at('2024-12-31T21:00:00Z'), at('2025-12-31T21:00:00Z'), 'Europe/Moscow')).toEqual({
      months: { from: '2025-01-01', to: '2026-01-01' },
      add: [],
      subtract: [],
    });
  });

  it('adds the edges short of the nearest month starts and takes away where the months overshoot', () => {
    expect(splitPeriod(at('2025-02-14T09:30:00Z'), at('2025-11-17T13:00:00Z'), 'Europe/Moscow')).toEqual({
      months: { from: '2025-02-01', to: '2025-12-01' },
      add: [],
      subtract: [
        { from: at('2025-01-31T21:00:00Z'), to: at('2025-02-14T09:30:00Z') },
        { from: at('2025-11-17T13:00:00Z'), to: at('2025-11-30T21:00:00Z') },
      ],
    });
    expect(splitPeriod(at('2025-01-01T00:00:00Z'), at('2026-01-01T00:00:00Z'), 'Europe/Moscow')).toEqual({
      months: { from: '2025-01-01', to: '2026-01-01' },
      add: [{ from: at('2025-12-31T21:00:00Z'), to: at('2026-01-01T00:00:00Z') }],
      subtract: [{ from: at('2024-12-31T21:00:00Z'), to: at('2025-01-01T00:00:00Z') }],
    });
  });

  it('reads a period shorter than a month raw', () => {
    const from = at('2025-03-03T00:00:00Z');
    const to = at('2025-03-12T00:00:00Z');
    expect(splitPeriod(from, to, 'Europe/Moscow')).toEqual({ months: null, add: [{ from, to }], subtract: [] });
  });
});
