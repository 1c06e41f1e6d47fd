import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isKnownTimeZone, localToInstant, offsetAt, zoneOffsets } from './zone-offsets.ts';

const ZONES = [
  'Europe/Berlin',
  'America/New_York',
  'Australia/Lord_Howe',
  'Pacific/Apia',
  'Africa/Casablanca',
  'America/Santiago',
  'Asia/Kolkata',
];
const FROM = Date.UTC(1900, 0, 1);
const TO = Date.UTC(2200, 0, 1);
const wall = (localIso: string): number => Date.parse(`${localIso}Z`);

/** Offset straight from Intl, as an independent reference. */
function intlOffset(timeZone: string, instant: number): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const get = (type: string): number => Number(parts.find((part) => part.type === type)?.value);
  const wholeSecond = Math.floor(instant / 1000) * 1000;
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - wholeSecond;
}

describe('zone offsets', () => {
  it('knows IANA zones and rejects others', () => {
    expect(isKnownTimeZone('Asia/Vladivostok')).toBe(true);
    expect(isKnownTimeZone('Moscow')).toBe(false);
    expect(isKnownTimeZone(' ')).toBe(false);
  });

  it('matches Intl at random instants in 1900–2199', () => {
    const arb = fc.tuple(fc.constantFrom(...ZONES), fc.integer({ min: FROM, max: TO - 1 }));
    fc.assert(
      fc.property(arb, ([zone, t]) => {
        expect(offsetAt(zoneOffsets(zone), t)).toBe(intlOffset(zone, t));
      }),
      { numRuns: 500 },
    );
  });

  it('finds 30-minute DST on Lord Howe Island and the day Samoa skipped', () => {
    const lordHowe = zoneOffsets('Australia/Lord_Howe');
    expect(offsetAt(lordHowe, Date.UTC(2024, 0, 15))).toBe(11 * 3_600_000);
    expect(offsetAt(lordHowe, Date.UTC(2024, 6, 15))).toBe(10.5 * 3_600_000);
    const apia = zoneOffsets('Pacific/Apia');
    // 2011-12-29 24:00 local was followed by 2011-12-31 00:00; all of Dec 30 maps to that instant.
    expect(localToInstant(apia, wall('2011-12-30T12:00'))).toBe(localToInstant(apia, wall('2011-12-31T00:00')));
  });

  it('resolves local times to the earliest instant whose clock shows them or later', () => {
    const berlin = zoneOffsets('Europe/Berlin');
    expect(localToInstant(berlin, wall('2024-03-31T02:30'))).toBe(Date.parse('2024-03-31T01:00Z'));
    expect(localToInstant(berlin, wall('2024-10-27T02:30'))).toBe(Date.parse('2024-10-27T00:30Z'));
    expect(localToInstant(berlin, wall('2024-10-27T03:00'))).toBe(Date.parse('2024-10-27T02:00Z'));
  });

  it('is monotonic and lands on the wall time itself unless that time was skipped', () => {
    const arb = fc.tuple(
      fc.constantFrom(...ZONES),
      fc.integer({ min: FROM, max: TO }),
      fc.integer({ min: 0, max: 3 * 3_600_000 }),
    );
    fc.assert(
      fc.property(arb, ([name, l1, delta]) => {
        const zone = zoneOffsets(name);
        const u1 = localToInstant(zone, l1);
        const u2 = localToInstant(zone, l1 + delta);
        expect(u1).toBeLessThanOrEqual(u2);
        const shown = u1 + offsetAt(zone, u1);
        expect(shown).toBeGreaterThanOrEqual(l1);
        // Earliest: a millisecond before, the clock still showed an earlier time.
        expect(u1 - 1 + offsetAt(zone, u1 - 1)).toBeLessThan(l1);
        // Only a skipped time may resolve to an instant whose clock shows something else.
        if (shown !== l1) {
          expect(offsetAt(zone, u1 - 1)).not.toBe(offsetAt(zone, u1));
        }
      }),
      { numRuns: 500 },
    );
  });
});
