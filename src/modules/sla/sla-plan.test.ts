import { describe, expect, it } from 'vitest';
import { CALENDAR_24_7, weeklyCalendar } from './calendar.ts';
import {
  type PlanAppeal,
  type PlanInput,
  type TargetDefinition,
  type TargetRow,
  planTargets,
  warnMinutesOf,
} from './sla-plan.ts';
import { compileCalendar } from './working-time.ts';

const at = (iso: string) => new Date(iso);
const every = (start: string, end: string) => Array.from({ length: 7 }, () => [{ start, end }]);
const calendars = {
  store: compileCalendar({ timeZone: 'Europe/Moscow', week: every('10:00', '22:00'), exceptions: [] }),
  office: compileCalendar(weeklyCalendar('Europe/Moscow', [{ start: '09:00', end: '18:00' }])),
  always: compileCalendar(CALENDAR_24_7),
};
const calendar = (id: string | null) => calendars[(id ?? 'office') as keyof typeof calendars];

const appeal = (over: Partial<PlanAppeal> = {}): PlanAppeal => ({
  status: 'new',
  receivedAt: at('2025-03-07T21:30+03:00'),
  createdAt: at('2025-03-07T21:40+03:00'),
  resolvedAt: null,
  closedAt: null,
  ...over,
});
const def = (
  metric: TargetDefinition['metric'],
  minutes: number,
  calendarId = 'office',
  warnMinutes: number | null = warnMinutesOf(minutes, 80),
): TargetDefinition => ({ metric, minutes, warnMinutes, calendarId, policyId: 'policy-1' });
const plan = (over: Partial<PlanInput>) =>
  planTargets({
    appeal: appeal(),
    definitions: [],
    pauseStatuses: ['pending_customer'],
    existing: [],
    facts: {},
    calendar,
    now: at('2025-03-07T21:40+03:00'),
    ...over,
  });
/** The row of a metric, or the first row; either fails the test when it is missing. */
function only(rows: readonly TargetRow[], metric?: string): TargetRow {
  const row = metric === undefined ? rows[0] : rows.find((candidate) => candidate.metric === metric);
  if (!row) {
    throw new Error(`no ${metric ?? ''} target in the plan`);
  }
  return row;
}

describe('deadlines of a new appeal', () => {
  it("counts a store's transfer in its hours from when the customer spoke: 21:30 Friday + 3 h = 12:30 Saturday", () => {
    const { upserts } = plan({ definitions: [def('transfer', 180, 'store')] });
    const transfer = only(upserts, 'transfer');
    expect(transfer.startedAt).toEqual(at('2025-03-07T21:30+03:00'));
    expect(transfer.dueAt).toEqual(at('2025-03-08T12:30+03:00'));
    // 144 working minutes: 30 on Friday, 114 on Saturday.
    expect(transfer.warnAt).toEqual(at('2025-03-08T11:54+03:00'));
    expect(transfer).toMatchObject({ metAt: at('2025-03-07T21:40+03:00'), breachedAt: null });
  });

  it('records a transfer registered after its deadline as met late, that is breached', () => {
    const late = at('2025-03-08T13:00+03:00');
    const { upserts } = plan({
      appeal: appeal({ createdAt: late }),
      definitions: [def('transfer', 180, 'store')],
      now: late,
    });
    expect(only(upserts, 'transfer')).toMatchObject({ metAt: late, breachedAt: late });
  });

  it("starts Customer Service's clocks at registration, in its own hours", () => {
    const { upserts } = plan({ definitions: [def('first_response', 120), def('resolution', 1620)] });
    expect(only(upserts, 'first_response')).toMatchObject({
      startedAt: at('2025-03-07T21:40+03:00'),
      dueAt: at('2025-03-10T11:00+03:00'),
      metAt: null,
    });
    expect(only(upserts, 'resolution').dueAt).toEqual(at('2025-03-12T18:00+03:00'));
  });

  it('waits for the customer to write again before starting a next-response clock', () => {
    expect(
      plan({ definitions: [def('first_response', 120), def('next_response', 60)] }).upserts.map((r) => r.metric),
    ).toEqual(['first_response']);
  });

  it('warns at the configured share of the target, never at zero minutes', () => {
    expect(warnMinutesOf(120, 80)).toBe(96);
    expect(warnMinutesOf(0, 80)).toBeNull();
    expect(warnMinutesOf(120, null)).toBeNull();
    const { upserts } = plan({ definitions: [def('transfer', 0, 'always')] });
    expect(only(upserts, 'transfer')).toMatchObject({
      dueAt: at('2025-03-07T21:30+03:00'),
      warnAt: null,
      breachedAt: at('2025-03-07T21:40+03:00'),
    });
  });
});

describe('pausing while waiting on the customer', () => {
  const start = at('2025-03-03T10:00+03:00');
  const running = () =>
    plan({
      appeal: appeal({ status: 'open', createdAt: start, receivedAt: start }),
      definitions: [def('first_response', 120)],
      now: start,
    }).upserts;

  it('stops the clock, then moves the deadline by the working time it stood still', () => {
    const target = only(running());
    expect(target.dueAt).toEqual(at('2025-03-03T12:00+03:00'));
    const paused = only(
      plan({
        appeal: appeal({ status: 'pending_customer', createdAt: start }),
        definitions: null,
        existing: [target],
        now: at('2025-03-03T10:30+03:00'),
      }).upserts,
    );
    expect(paused).toMatchObject({ pausedSince: at('2025-03-03T10:30+03:00'), dueAt: null, warnAt: null });
    const resumed = only(
      plan({
        appeal: appeal({ status: 'open', createdAt: start }),
        definitions: null,
        existing: [paused],
        now: at('2025-03-04T10:00+03:00'),
      }).upserts,
    );
    // Paused 10:30 Monday to 10:00 Tuesday: 450 + 60 working minutes; 90 minutes were left.
    expect(resumed).toMatchObject({ pausedSince: null, dueAt: at('2025-03-04T11:30+03:00'), pausedMinutes: 510 });
    expect(resumed.pauses).toEqual([{ from: at('2025-03-03T10:30+03:00'), to: at('2025-03-04T10:00+03:00') }]);
  });

  it('keeps a breach that happened before the pause', () => {
    const breached = { ...only(running()), breachedAt: at('2025-03-03T12:01+03:00') };
    const paused = plan({
      appeal: appeal({ status: 'pending_customer', createdAt: start }),
      definitions: null,
      existing: [breached],
      now: at('2025-03-03T13:00+03:00'),
    }).upserts[0];
    expect(paused).toMatchObject({ dueAt: at('2025-03-03T12:00+03:00'), breachedAt: at('2025-03-03T12:01+03:00') });
  });

  it('changes nothing when the status change does not concern the clock', () => {
    expect(
      plan({
        appeal: appeal({ status: 'pending_unit', createdAt: start }),
        definitions: null,
        existing: [only(running())],
        now: at('2025-03-03T11:00+03:00'),
      }).upserts,
    ).toEqual([]);
  });
});

describe('resolving and re-classifying', () => {
  const start = at('2025-03-03T10:00+03:00');
  const existing = (): TargetRow[] =>
    plan({
      appeal: appeal({ status: 'open', createdAt: start, receivedAt: start }),
      definitions: [def('first_response', 120), def('resolution', 1620), def('completion_report', 180, 'store')],
      now: start,
    }).upserts.map((row, index) => ({ ...row, id: index + 1 }));

  it('stops every running clock when the appeal is resolved, late ones counting as breached', () => {
    const resolvedAt = at('2025-03-03T13:00+03:00');
    const { upserts } = plan({
      appeal: appeal({ status: 'resolved', createdAt: start, resolvedAt }),
      definitions: null,
      existing: existing(),
      now: resolvedAt,
    });
    expect(upserts.map((r) => [r.metric, r.metAt, r.breachedAt])).toEqual([
      ['first_response', resolvedAt, resolvedAt],
      ['resolution', resolvedAt, null],
      ['completion_report', resolvedAt, null],
    ]);
  });

  it('re-plans on the new policy: keeps start and met times, drops running targets it no longer has', () => {
    const before = existing();
    before[0] = { ...only(before), metAt: at('2025-03-03T10:20+03:00') };
    const { upserts, deleteIds } = plan({
      appeal: appeal({ status: 'open', createdAt: start }),
      existing: before,
      now: at('2025-03-03T11:00+03:00'),
      definitions: [def('first_response', 60), def('resolution', 540), def('transfer', 180, 'store')],
    });
    expect(deleteIds).toEqual([3]);
    expect(only(upserts, 'first_response')).toMatchObject({
      minutes: 60,
      metAt: at('2025-03-03T10:20+03:00'),
      breachedAt: null,
    });
    expect(only(upserts, 'resolution')).toMatchObject({ startedAt: start, dueAt: at('2025-03-04T10:00+03:00') });
    expect(only(upserts, 'transfer')).toMatchObject({ metAt: start });
  });

  it('marks a target the new policy adds as met when its event already happened', () => {
    const { upserts } = plan({
      appeal: appeal({ status: 'open', createdAt: start }),
      now: at('2025-03-03T11:00+03:00'),
      definitions: [def('first_response', 30)],
      facts: { firstOutboundAt: at('2025-03-03T10:45+03:00') },
    });
    expect(only(upserts, 'first_response')).toMatchObject({
      metAt: at('2025-03-03T10:45+03:00'),
      breachedAt: at('2025-03-03T10:45+03:00'),
    });
  });

  it('clears a recorded breach or warning when the new deadline lies ahead', () => {
    const warned = {
      ...only(existing()),
      warnedAt: at('2025-03-03T11:36+03:00'),
      breachedAt: at('2025-03-03T12:00+03:00'),
    };
    const { upserts } = plan({
      appeal: appeal({ status: 'open', createdAt: start }),
      existing: [warned],
      definitions: [def('first_response', 480)],
      now: at('2025-03-03T12:05+03:00'),
    });
    expect(upserts[0]).toMatchObject({ breachedAt: null, warnedAt: null, dueAt: at('2025-03-03T18:00+03:00') });
  });

  it('writes nothing when nothing changes', () => {
    const rows = existing();
    expect(
      plan({
        appeal: appeal({ status: 'open', createdAt: start }),
        existing: rows,
        now: start,
        definitions: [def('first_response', 120), def('resolution', 1620), def('completion_report', 180, 'store')],
      }),
    ).toEqual({ upserts: [], deleteIds: [] });
  });
});
