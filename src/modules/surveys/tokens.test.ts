import { describe, expect, it } from 'vitest';
import {
  invitationToken,
  kioskLinkToken,
  kioskToken,
  readInvitationToken,
  readKioskLinkToken,
  readKioskToken,
} from './tokens.ts';

const SECRET = 'a-survey-secret-of-at-least-thirty-two-chars';
const ID = '3f2b8c1e-9a4d-4e6f-8b2a-1c3d5e7f9a0b';
const now = new Date('2025-06-01T12:00:00Z');
const later = new Date('2025-06-08T12:00:00Z');

describe('invitation tokens', () => {
  it('read back the invitation and its expiry', () => {
    expect(readInvitationToken(SECRET, invitationToken(SECRET, ID, later), now)).toEqual({
      ok: true,
      invitationId: ID,
      expiresAt: later,
    });
  });

  it('are short enough for an SMS', () => {
    expect(invitationToken(SECRET, ID, later).length).toBeLessThanOrEqual(50);
  });

  it('expire, still naming the invitation so the page can say whether it was answered', () => {
    expect(readInvitationToken(SECRET, invitationToken(SECRET, ID, later), new Date(later.getTime() + 1000))).toEqual({
      ok: false,
      reason: 'expired',
      invitationId: ID,
    });
  });

  it('are refused when any character changes', () => {
    const token = invitationToken(SECRET, ID, later);
    for (let i = 0; i < token.length; i++) {
      if (token[i] === '.') {
        continue;
      }
      const changed = token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
      expect(readInvitationToken(SECRET, changed, now)).toEqual({ ok: false, reason: 'tampered' });
    }
  });

  it('are refused under another secret, or as a kiosk token', () => {
    const token = invitationToken(SECRET, ID, later);
    expect(readInvitationToken(`${SECRET}-rotated`, token, now)).toEqual({ ok: false, reason: 'tampered' });
    expect(readKioskToken(SECRET, token)).toBeNull();
  });

  it.each(['', '.', 'abc', 'abc.def.ghi', 'a b.c', `${'A'.repeat(27)}.`])('refuse the malformed %o', (token) => {
    expect(readInvitationToken(SECRET, token, now)).toEqual({ ok: false, reason: 'tampered' });
  });
});

describe('kiosk tokens', () => {
  const UNIT = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

  it('read back the survey and the unit', () => {
    expect(readKioskToken(SECRET, kioskToken(SECRET, ID, UNIT))).toEqual({ surveyId: ID, unitId: UNIT });
  });

  it('cannot be turned into an invitation token', () => {
    expect(readInvitationToken(SECRET, kioskToken(SECRET, ID, UNIT), now)).toEqual({ ok: false, reason: 'tampered' });
  });
});

describe('kiosk link tokens', () => {
  const LINK = '5f0e8d2c-1b3a-4c5d-9e8f-7a6b5c4d3e2f';

  it('read back the link id, and only under their own secret', () => {
    const token = kioskLinkToken(SECRET, LINK);
    expect(readKioskLinkToken(SECRET, token)).toEqual({ linkId: LINK });
    expect(readKioskLinkToken(`${SECRET}-rotated`, token)).toBeNull();
  });

  it('catch a changed character', () => {
    const token = kioskLinkToken(SECRET, LINK);
    const changed = `${token[0] === 'A' ? 'B' : 'A'}${token.slice(1)}`;
    expect(readKioskLinkToken(SECRET, changed)).toBeNull();
  });

  it('are neither old kiosk tokens nor invitation tokens, nor the other way round', () => {
    const token = kioskLinkToken(SECRET, LINK);
    expect(readKioskToken(SECRET, token)).toBeNull();
    expect(readInvitationToken(SECRET, token, now)).toEqual({ ok: false, reason: 'tampered' });
    expect(readKioskLinkToken(SECRET, kioskToken(SECRET, ID, LINK))).toBeNull();
    expect(readKioskLinkToken(SECRET, invitationToken(SECRET, ID, later))).toBeNull();
  });
});
