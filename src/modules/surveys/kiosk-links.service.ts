// Owns: kiosk links — made for a survey and a unit with a label and an expiry (by default and at most the
// configured days), listed with their state, revoked — and whether a link's page is open now, which the answer
// pages ask on every GET and POST. The roles granted 'surveys:kiosk' manage the links, a unit responsible only
// those of their own units.
import type { Ctx } from '../../context.ts';
import type { Queryable } from '../../db/db.ts';
import { forbidden, invalidField, notFound } from '../../server/errors.ts';
import { type Actor, authorize, canSeeUnit } from '../auth/actor.ts';
import * as repo from './kiosk-links.repo.ts';
import type { CreateKioskLinkInput, KioskLink, KioskLinkQueryInput } from './kiosk-links.schema.ts';
import { surveySecret } from './secret.ts';
import { unitsInScope } from './surveys.access.ts';
import { requireActiveSurvey } from './surveys.service.ts';
import { kioskLinkToken, readKioskLinkToken, readKioskToken } from './tokens.ts';

const DAY_MS = 86_400_000;

const stateOf = (link: { expiresAt: Date; revokedAt: Date | null }, now: Date): KioskLink['state'] =>
  link.revokedAt ? 'revoked' : link.expiresAt.getTime() <= now.getTime() ? 'expired' : 'live';

async function present(ctx: Ctx, link: repo.KioskLinkRow): Promise<KioskLink> {
  const state = stateOf(link, ctx.clock.now());
  return {
    id: link.id,
    url:
      state === 'live' ? `${ctx.config.publicUrl}/s/kiosk/${kioskLinkToken(await surveySecret(ctx), link.id)}` : null,
    surveyId: link.surveyId,
    surveyName: link.surveyName,
    unitId: link.unitId,
    unitName: link.unitName,
    label: link.label,
    state,
    createdAt: link.createdAt.toISOString(),
    createdBy: link.createdByName,
    expiresAt: link.expiresAt.toISOString(),
    revokedAt: link.revokedAt?.toISOString() ?? null,
    revokedBy: link.revokedByName,
  };
}

/** When a new link stops working: the time asked for, in the future and within the longest a link may live. */
function expiryOf(ctx: Ctx, asked: string | undefined, now: Date): Date {
  const latest = now.getTime() + ctx.config.kioskLinkMaxDays * DAY_MS;
  if (asked === undefined) {
    return new Date(now.getTime() + ctx.config.kioskLinkDays * DAY_MS);
  }
  const expiresAt = new Date(asked);
  if (expiresAt.getTime() <= now.getTime()) {
    throw invalidField('expiresAt', 'in_the_past', 'expiresAt must be in the future');
  }
  if (expiresAt.getTime() > latest) {
    const message = `A kiosk link may work at most ${ctx.config.kioskLinkMaxDays} days`;
    throw invalidField('expiresAt', 'too_late', message);
  }
  return expiresAt;
}

/** A new link for a tablet at one of the actor's units: every submission there is one response for that unit. */
export async function createKioskLink(ctx: Ctx, actor: Actor, surveyId: string, input: CreateKioskLinkInput) {
  authorize(actor, 'surveys:kiosk');
  await requireActiveSurvey(ctx, surveyId);
  if (!canSeeUnit(actor, input.unitId)) {
    throw forbidden('You may open a kiosk only for your own units');
  }
  const unitName = await repo.unitName(ctx.db, input.unitId);
  if (unitName === undefined) {
    throw invalidField('unitId', 'unknown_unit', 'This unit does not exist');
  }
  const now = ctx.clock.now();
  const id = await repo.insertLink(ctx.db, {
    surveyId,
    unitId: input.unitId,
    label: input.label ?? unitName,
    createdBy: actor.id,
    createdAt: now,
    expiresAt: expiryOf(ctx, input.expiresAt, now),
  });
  return present(ctx, await mustFind(ctx.db, id));
}

export async function listKioskLinks(ctx: Ctx, actor: Actor, query: KioskLinkQueryInput): Promise<KioskLink[]> {
  authorize(actor, 'surveys:kiosk');
  const unitIds = unitsInScope(actor, query.unitId);
  const rows = await repo.listLinks(ctx.db, { surveyId: query.surveyId, unitIds, limit: query.limit });
  return Promise.all(rows.map((row) => present(ctx, row)));
}

/** Switches a link off at once: its page answers 410 from the next request on. Revoking it again changes nothing. */
export async function revokeKioskLink(ctx: Ctx, actor: Actor, id: string): Promise<KioskLink> {
  authorize(actor, 'surveys:kiosk');
  const link = await repo.findLink(ctx.db, id);
  if (!link) {
    throw notFound('Kiosk link');
  }
  if (!canSeeUnit(actor, link.unitId)) {
    throw forbidden('You may revoke the kiosk links of your own units only');
  }
  await repo.revokeLink(ctx.db, { id, by: actor.id, at: ctx.clock.now() });
  return present(ctx, await mustFind(ctx.db, id));
}

async function mustFind(db: Queryable, id: string): Promise<repo.KioskLinkRow> {
  const link = await repo.findLink(db, id);
  if (!link) {
    throw notFound('Kiosk link');
  }
  return link;
}

/** Why a kiosk page cannot take answers now: a forged token, an expired or a revoked link. */
export type KioskLinkClosed = 'tampered' | 'link_expired' | 'link_revoked';

export type KioskLinkCheck = { state: 'live'; surveyId: string; unitId: string } | { state: KioskLinkClosed };

/**
 * Whether the link behind a kiosk page's token is live now. A link of old (survey and unit signed, no row) has
 * expired. With `lock` (inside the transaction that saves a submission), a revocation waits for the save.
 */
export async function checkKioskLink(ctx: Ctx, db: Queryable, token: string, lock = false): Promise<KioskLinkCheck> {
  const secret = await surveySecret(ctx);
  const ref = readKioskLinkToken(secret, token);
  if (!ref) {
    return { state: readKioskToken(secret, token) ? 'link_expired' : 'tampered' };
  }
  const link = await repo.linkForPage(db, ref.linkId, lock);
  if (!link) {
    return { state: 'tampered' };
  }
  const state = stateOf(link, ctx.clock.now());
  if (state !== 'live') {
    return { state: state === 'revoked' ? 'link_revoked' : 'link_expired' };
  }
  return { state, surveyId: link.surveyId, unitId: link.unitId };
}
