import { z } from 'zod';

const Identity = z.object({ value: z.string(), placeholder: z.boolean() });

export const Customer = z
  .object({
    id: z.uuid(),
    name: z.string().nullable(),
    companyName: z.string().nullable(),
    companyCode: z.string().nullable(),
    birthday: z.string().nullable(),
    consents: z.record(z.string(), z.boolean()),
    tags: z.array(z.string()),
    phones: z.array(Identity),
    emails: z.array(Identity),
    mergedInto: z.uuid().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Customer' });
export type Customer = z.infer<typeof Customer>;

/** A customer with the counts of their appeals, as the profile shows them. */
export const CustomerProfile = Customer.extend({
  appeals: z.object({
    total: z.number().int(),
    incidents: z.number().int(),
    thanks: z.number().int(),
    open: z.number().int(),
  }),
}).meta({ id: 'CustomerProfile' });
export type CustomerProfile = z.infer<typeof CustomerProfile>;

export const CustomerPage = z.object({ items: z.array(Customer), nextCursor: z.string().nullable() });

const Name = z.string().trim().min(1).max(300);
const CompanyCode = z
  .string()
  .trim()
  .regex(/^\d{8,15}$/, 'A registry code (INN/OGRN) of 8–15 digits');
const Consents = z.partialRecord(z.enum(['email', 'sms', 'phone', 'marketing', 'surveys']), z.boolean());
const Tag = z.string().trim().min(1).max(50);

export const CreateCustomer = z.strictObject({
  name: Name.optional(),
  phones: z.array(z.string().max(40)).max(10).default([]),
  emails: z.array(z.string().max(254)).max(10).default([]),
  companyName: z.string().trim().min(1).max(300).optional(),
  companyCode: CompanyCode.optional(),
  birthday: z.iso.date().optional(),
  consents: Consents.default({}),
  tags: z.array(Tag).max(50).default([]),
});
export type CreateCustomerInput = z.infer<typeof CreateCustomer>;

export const UpdateCustomer = z.strictObject({
  name: Name.nullable().optional(),
  phones: z.array(z.string().max(40)).max(10).optional(),
  emails: z.array(z.string().max(254)).max(10).optional(),
  companyName: z.string().trim().min(1).max(300).nullable().optional(),
  companyCode: CompanyCode.nullable().optional(),
  birthday: z.iso.date().nullable().optional(),
  consents: Consents.optional(),
  tags: z.array(Tag).max(50).optional(),
});
export type UpdateCustomerInput = z.infer<typeof UpdateCustomer>;

/** How an appeal names its customer: an existing id, or contact details to find or create one. */
export const CustomerRef = z.union([
  z.strictObject({ id: z.uuid() }),
  z.strictObject({
    name: Name.optional(),
    phone: z.string().max(40).optional(),
    email: z.string().max(254).optional(),
    companyCode: CompanyCode.optional(),
    companyName: z.string().trim().min(1).max(300).optional(),
  }),
]);
export type CustomerRef = z.infer<typeof CustomerRef>;

export const CustomerQuery = z.strictObject({
  q: z.string().trim().min(1).max(200).optional(),
  phone: z.string().max(40).optional(),
  email: z.string().max(254).optional(),
  companyCode: z.string().max(20).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(200).optional(),
});
export type CustomerQuery = z.infer<typeof CustomerQuery>;

export const MergeQuery = z.strictObject({ into: z.uuid().describe('The customer that stays') });
export const MergeCustomer = z.strictObject({
  into: z.uuid().describe('The customer that stays; this one becomes a tombstone'),
});

/** What merging a customer into another moves, fills and leaves behind. */
export const MergePreview = z
  .object({
    customerId: z.uuid().describe('The customer merged away (kept as a tombstone)'),
    into: z.uuid().describe('The survivor'),
    appeals: z.object({ total: z.number().int(), byKind: z.record(z.string(), z.number().int()) }),
    identities: z.array(
      z.object({
        kind: z.enum(['phone', 'email']),
        value: z.string(),
        placeholder: z.boolean(),
        outcome: z.enum(['moves', 'already_there']),
      }),
    ),
    fills: z
      .array(z.object({ field: z.string(), value: z.unknown() }))
      .describe("The survivor's empty fields filled from the merged customer"),
    conflicts: z
      .array(z.object({ field: z.string(), kept: z.unknown(), dropped: z.unknown() }))
      .describe("Both set and different: the survivor's value is kept"),
  })
  .meta({ id: 'CustomerMergePreview' });
export type MergePreview = z.infer<typeof MergePreview>;

export const MergeResult = MergePreview.extend({ customer: Customer.describe('The survivor after the merge') });
