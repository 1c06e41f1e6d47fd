// Owns: the signed links of the answer pages. An invitation link carries the invitation id and its expiry, a kiosk
// link its row's id (the row says survey, unit, expiry and revocation); both end in an HMAC-SHA256 under the survey
// secret, so a changed character is caught before the database is asked. Single use, expiry and revocation of a
// kiosk link are the database's job. Kiosk links of old (survey and unit, no row) are still recognised, to be told
// apart from forged ones. No I/O.
import { createHmac, timingSafeEqual } from 'node:crypto';

const SIGNATURE_BYTES = 16;

const uuidToBytes = (id: string): Buffer => Buffer.from(id.replace(/-/g, ''), 'hex');
const bytesToUuid = (bytes: Buffer): string => {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

const sign = (secret: string, purpose: string, payload: string): string =>
  createHmac('sha256', secret)
    .update(`${purpose}:${payload}`)
    .digest()
    .subarray(0, SIGNATURE_BYTES)
    .toString('base64url');

function verified(secret: string, purpose: string, token: string, payloadBytes: number): Buffer | null {
  const [payload, signature, ...rest] = token.split('.');
  if (!payload || !signature || rest.length || !/^[\w-]+$/.test(payload) || !/^[\w-]+$/.test(signature)) {
    return null;
  }
  const expected = Buffer.from(sign(secret, purpose, payload), 'base64url');
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return null;
  }
  const bytes = Buffer.from(payload, 'base64url');
  return bytes.length === payloadBytes ? bytes : null;
}

export function invitationToken(secret: string, invitationId: string, expiresAt: Date): string {
  const bytes = Buffer.alloc(20);
  uuidToBytes(invitationId).copy(bytes, 0);
  bytes.writeUInt32BE(Math.ceil(expiresAt.getTime() / 1000), 16);
  const payload = bytes.toString('base64url');
  return `${payload}.${sign(secret, 'invitation', payload)}`;
}

export type InvitationTokenCheck =
  | { ok: true; invitationId: string; expiresAt: Date }
  | { ok: false; reason: 'tampered' }
  | { ok: false; reason: 'expired'; invitationId: string };

export function readInvitationToken(secret: string, token: string, now: Date): InvitationTokenCheck {
  const bytes = verified(secret, 'invitation', token, 20);
  if (!bytes) {
    return { ok: false, reason: 'tampered' };
  }
  const invitationId = bytesToUuid(bytes.subarray(0, 16));
  const expiresAt = new Date(bytes.readUInt32BE(16) * 1000);
  if (expiresAt.getTime() <= now.getTime()) {
    return { ok: false, reason: 'expired', invitationId };
  }
  return { ok: true, invitationId, expiresAt };
}

export function kioskLinkToken(secret: string, linkId: string): string {
  const payload = uuidToBytes(linkId).toString('base64url');
  return `${payload}.${sign(secret, 'kiosk-link', payload)}`;
}

export function readKioskLinkToken(secret: string, token: string): { linkId: string } | null {
  const bytes = verified(secret, 'kiosk-link', token, 16);
  return bytes ? { linkId: bytesToUuid(bytes) } : null;
}

/** A kiosk link of old, made before links were rows: still signed by this secret, but no longer accepted. */
export function kioskToken(secret: string, surveyId: string, unitId: string): string {
  const payload = Buffer.concat([uuidToBytes(surveyId), uuidToBytes(unitId)]).toString('base64url');
  return `${payload}.${sign(secret, 'kiosk', payload)}`;
}

export function readKioskToken(secret: string, token: string): { surveyId: string; unitId: string } | null {
  const bytes = verified(secret, 'kiosk', token, 32);
  return bytes ? { surveyId: bytesToUuid(bytes.subarray(0, 16)), unitId: bytesToUuid(bytes.subarray(16)) } : null;
}
