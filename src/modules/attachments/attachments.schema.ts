// The attachment contract shared by API, web and CLI.
import { z } from 'zod';

/** A short code saying what a file documents (receipt, repair_act, scan, photo…); free, not an enum. */
export const DocumentKind = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'A lower-case code: letters, digits and "_", up to 40 characters');

export const Attachment = z
  .object({
    id: z.uuid(),
    appealId: z.uuid().nullable(),
    fileName: z.string(),
    contentType: z.string(),
    size: z.number().int(),
    sha256: z.string(),
    documentKind: z.string(),
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Attachment' });
export type Attachment = z.infer<typeof Attachment>;

export const AttachmentList = z.object({ items: z.array(Attachment) });
