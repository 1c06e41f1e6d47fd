import { z } from 'zod';

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

export const isTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz.includes('/') || tz === 'UTC';
  } catch {
    return false;
  }
};

const TimeZone = z
  .string()
  .refine(isTimeZone, { message: 'Unknown IANA time zone', params: { code: 'unknown_time_zone' } });

export const UnitContacts = z.strictObject({
  emails: z.array(z.email()).max(20).default([]),
  phones: z.array(z.string().min(3).max(40)).max(20).default([]),
  edms: z.string().max(200).optional(),
});

export const Unit = z
  .object({
    id: z.uuid(),
    type: UnitType,
    name: z.string(),
    code: z.string().nullable(),
    timeZone: z.string(),
    parentId: z.uuid().nullable(),
    contacts: z.object({ emails: z.array(z.string()), phones: z.array(z.string()), edms: z.string().optional() }),
    active: z.boolean(),
    responsibleUserIds: z.array(z.uuid()),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Unit' });
export type Unit = z.infer<typeof Unit>;

export const CreateUnit = z.strictObject({
  type: UnitType,
  name: z.string().trim().min(1).max(200),
  code: z.string().trim().min(1).max(50).optional(),
  timeZone: TimeZone.default('Europe/Moscow'),
  parentId: z.uuid().optional(),
  contacts: UnitContacts.default({ emails: [], phones: [] }),
});
export type CreateUnitInput = z.infer<typeof CreateUnit>;

export const UpdateUnit = z.strictObject({
  type: UnitType.optional(),
  name: z.string().trim().min(1).max(200).optional(),
  code: z.string().trim().min(1).max(50).nullable().optional(),
  timeZone: TimeZone.optional(),
  parentId: z.uuid().nullable().optional(),
  contacts: UnitContacts.optional(),
  active: z.boolean().optional(),
});
export type UpdateUnitInput = z.infer<typeof UpdateUnit>;

export const UnitQuery = z.strictObject({
  type: UnitType.optional(),
  parentId: z.uuid().optional(),
  q: z.string().max(200).optional(),
  active: z.enum(['true', 'false']).optional(),
});
export type UnitQuery = z.infer<typeof UnitQuery>;
