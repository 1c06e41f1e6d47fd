// What a unit of each type must provide when it submits an incident, and the rejection report.
import { z } from 'zod';
import { day, instant } from '../../server/dates.schema.ts';
import { DocumentKind } from '../attachments/attachments.schema.ts';

/** The unit types of the units table's CHECK constraint. */
export const UNIT_TYPES = [
  'store',
  'call_centre',
  'service_centre',
  'document_service',
  'services',
  'customer_service',
  'office',
  'other',
] as const;
export const UnitType = z.enum(UNIT_TYPES);
export type UnitType = z.infer<typeof UnitType>;

const Dimension = z.number().int().min(0).max(20_000);

export const SubmissionRules = z
  .strictObject({
    requireComment: z.boolean(),
    requireSequenceNumber: z.boolean(),
    requireLegibleCustomerName: z.boolean(),
    requiredDocuments: z.array(z.strictObject({ kind: DocumentKind, min: z.number().int().min(1).max(20) })).max(50),
    minImageWidth: Dimension,
    minImageHeight: Dimension,
  })
  .meta({ id: 'SubmissionRules' });
export type SubmissionRules = z.infer<typeof SubmissionRules>;

export const UnitTypeRules = z
  .object({
    unitType: z.string(),
    rules: SubmissionRules,
    updatedAt: z.string(),
  })
  .meta({ id: 'UnitTypeRules' });
export type UnitTypeRules = z.infer<typeof UnitTypeRules>;

const Instant = z.union([day(), instant()]);

export const RejectionQuery = z.strictObject({
  from: Instant.optional().describe('Inclusive; a date means its midnight UTC'),
  to: Instant.optional().describe('Exclusive; a date means its midnight UTC'),
  unitId: z.uuid().optional(),
});
export type RejectionQuery = z.infer<typeof RejectionQuery>;

export const RejectionCount = z
  .object({
    unitId: z.uuid(),
    unitName: z.string(),
    rejections: z.number().int(),
    byCode: z.record(z.string(), z.number().int()),
  })
  .meta({ id: 'RejectionCount' });
export type RejectionCount = z.infer<typeof RejectionCount>;
