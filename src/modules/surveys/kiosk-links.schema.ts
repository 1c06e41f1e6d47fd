// The contract of kiosk links: creating one (unit, label, expiry), listing them with their state, revoking one.
import { z } from 'zod';
import { instant } from '../../server/dates.schema.ts';

export const CreateKioskLink = z.strictObject({
  unitId: z.uuid(),
  /** Where the tablet stands; the unit's name when left out. */
  label: z.string().trim().min(1).max(120).optional(),
  expiresAt: instant()
    .optional()
    .describe('When the link stops working; by default after the configured days (90), at most the configured maximum'),
});
export type CreateKioskLinkInput = z.infer<typeof CreateKioskLink>;

export const KIOSK_LINK_STATES = ['live', 'expired', 'revoked'] as const;

export const KioskLink = z
  .object({
    id: z.uuid(),
    /** The page's address while the link is live; null once it has expired or been revoked. */
    url: z.string().nullable(),
    surveyId: z.uuid(),
    surveyName: z.string(),
    unitId: z.uuid(),
    unitName: z.string(),
    label: z.string(),
    state: z.enum(KIOSK_LINK_STATES),
    createdAt: z.string(),
    createdBy: z.string().nullable(),
    expiresAt: z.string(),
    revokedAt: z.string().nullable(),
    revokedBy: z.string().nullable(),
  })
  .meta({ id: 'KioskLink' });
export type KioskLink = z.infer<typeof KioskLink>;

export const KioskLinkQuery = z.strictObject({
  surveyId: z.uuid().optional(),
  unitId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export type KioskLinkQueryInput = z.infer<typeof KioskLinkQuery>;
