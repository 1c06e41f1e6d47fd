import { describe, expect, it } from 'vitest';
import { type Candidate, effectiveAttestation, pickAssignee } from './queue-rules.ts';

describe('effectiveAttestation', () => {
  const certified = (attestedFrom: string | null, attestedUntil: string | null) => ({
    attestation: 'certified' as const,
    attestedFrom,
    attestedUntil,
  });

  it('holds a certification with open bounds on any day', () => {
    expect(effectiveAttestation(certified(null, null), '2026-11-25')).toBe('certified');
  });
  it('holds a certification on its first and last day', () => {
    expect(effectiveAttestation(certified('2026-01-01', '2026-12-31'), '2026-01-01')).toBe('certified');
    expect(effectiveAttestation(certified('2026-01-01', '2026-12-31'), '2026-12-31')).toBe('certified');
  });
  it('reads a certification as expired the day after its last day', () => {
    expect(effectiveAttestation(certified('2026-01-01', '2026-12-31'), '2027-01-01')).toBe('expired');
    expect(effectiveAttestation(certified(null, '2025-06-30'), '2026-11-25')).toBe('expired');
  });
  it('reads a certification whose first day is ahead as pending', () => {
    expect(effectiveAttestation(certified('2026-12-01', null), '2026-11-30')).toBe('pending');
  });
  it('keeps training as training within its dates and expires it after them', () => {
    expect(
      effectiveAttestation(
        { attestation: 'in_training', attestedFrom: null, attestedUntil: '2026-12-31' },
        '2026-11-25',
      ),
    ).toBe('in_training');
    expect(
      effectiveAttestation(
        { attestation: 'in_training', attestedFrom: null, attestedUntil: '2026-01-31' },
        '2026-11-25',
      ),
    ).toBe('expired');
  });
  it('keeps an expired attestation expired whatever its dates', () => {
    expect(
      effectiveAttestation({ attestation: 'expired', attestedFrom: null, attestedUntil: '2099-01-01' }, '2026-11-25'),
    ).toBe('expired');
  });
});

const at = (iso: string) => new Date(iso);
const member = (userId: string, over: Partial<Candidate> = {}): Candidate => ({
  userId,
  lastAssignedAt: null,
  openCount: 0,
  available: true,
  attested: true,
  ...over,
});

describe('pickAssignee: round-robin', () => {
  it('gives the appeal to a member never assigned before the others', () => {
    expect(
      pickAssignee('round_robin', [member('a', { lastAssignedAt: at('2026-01-01T10:00:00Z') }), member('b')]),
    ).toBe('b');
  });
  it('otherwise to the member assigned longest ago', () => {
    const members = [
      member('a', { lastAssignedAt: at('2026-01-01T10:02:00Z') }),
      member('b', { lastAssignedAt: at('2026-01-01T10:00:00Z') }),
      member('c', { lastAssignedAt: at('2026-01-01T10:01:00Z') }),
    ];
    expect(pickAssignee('round_robin', members)).toBe('b');
  });
  it('breaks ties by user id', () => {
    expect(pickAssignee('round_robin', [member('c'), member('a'), member('b')])).toBe('a');
    const same = at('2026-01-01T10:00:00Z');
    expect(
      pickAssignee('round_robin', [member('z', { lastAssignedAt: same }), member('y', { lastAssignedAt: same })]),
    ).toBe('y');
  });
  it('ignores the load', () => {
    expect(
      pickAssignee('round_robin', [
        member('a', { openCount: 50 }),
        member('b', { lastAssignedAt: at('2026-01-01T00:00:00Z') }),
      ]),
    ).toBe('a');
  });
  it('cycles through the members when each pick is recorded', () => {
    const members = [member('a'), member('b'), member('c')];
    const picks: string[] = [];
    for (let i = 0; i < 6; i++) {
      const pick = pickAssignee('round_robin', members)!;
      picks.push(pick);
      members.find((m) => m.userId === pick)!.lastAssignedAt = new Date(Date.UTC(2026, 0, 1, 0, i));
    }
    expect(picks).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
  });
  it('skips unavailable and unattested members', () => {
    expect(
      pickAssignee('round_robin', [
        member('a', { available: false }),
        member('b', { attested: false }),
        member('c', { lastAssignedAt: at('2026-01-01T00:00:00Z') }),
      ]),
    ).toBe('c');
  });
  it("does not reorder the caller's list", () => {
    const members = [member('b'), member('a')];
    pickAssignee('round_robin', members);
    expect(members.map((m) => m.userId)).toEqual(['b', 'a']);
  });
});

describe('pickAssignee: least-loaded', () => {
  it('gives the appeal to the member with the fewest open appeals', () => {
    expect(
      pickAssignee('least_loaded', [
        member('a', { openCount: 3 }),
        member('b', { openCount: 1 }),
        member('c', { openCount: 2 }),
      ]),
    ).toBe('b');
  });
  it('breaks a tie in load by who was assigned longest ago, never first', () => {
    const members = [
      member('a', { openCount: 1, lastAssignedAt: at('2026-01-01T10:00:00Z') }),
      member('b', { openCount: 1, lastAssignedAt: at('2026-01-01T09:00:00Z') }),
      member('c', { openCount: 2 }),
    ];
    expect(pickAssignee('least_loaded', members)).toBe('b');
    expect(pickAssignee('least_loaded', [...members, member('d', { openCount: 1 })])).toBe('d');
  });
  it('breaks a full tie by user id', () => {
    expect(pickAssignee('least_loaded', [member('b', { openCount: 1 }), member('a', { openCount: 1 })])).toBe('a');
  });
  it('skips the least loaded member when unavailable or unattested', () => {
    expect(
      pickAssignee('least_loaded', [
        member('a', { openCount: 0, available: false }),
        member('b', { openCount: 0, attested: false }),
        member('c', { openCount: 9 }),
      ]),
    ).toBe('c');
  });
});

describe('pickAssignee: nobody to pick', () => {
  it('picks nobody on a manual queue', () => {
    expect(pickAssignee('manual', [member('a')])).toBeNull();
  });
  it('picks nobody from an empty queue', () => {
    expect(pickAssignee('round_robin', [])).toBeNull();
    expect(pickAssignee('least_loaded', [])).toBeNull();
  });
  it('picks nobody when every member is away or unattested', () => {
    expect(
      pickAssignee('round_robin', [member('a', { available: false }), member('b', { attested: false })]),
    ).toBeNull();
  });
});
