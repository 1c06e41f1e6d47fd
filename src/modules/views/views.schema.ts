// The saved views contract: a user's named queue filters (the queue screen's search params).
import { z } from 'zod';

export const MAX_VIEWS_PER_USER = 50;
const MAX_QUERY_KEYS = 30;
const MAX_QUERY_BYTES = 2048;

// TextEncoder rather than Buffer: the web app type-checks this file too, without Node's types.
const utf8 = new TextEncoder();

const Value = z.union([z.string().max(2048), z.array(z.string().max(2048)).max(100)]);

/** A flat object of string or string-array values, at most 30 keys and 2 KB of JSON. */
export const ViewQuery = z
  .record(z.string().min(1).max(100), Value)
  .refine((q) => Object.keys(q).length <= MAX_QUERY_KEYS, {
    message: `At most ${MAX_QUERY_KEYS} keys`,
    params: { code: 'too_many_keys' },
  })
  .refine((q) => utf8.encode(JSON.stringify(q)).length <= MAX_QUERY_BYTES, {
    message: `At most ${MAX_QUERY_BYTES} bytes`,
    params: { code: 'too_big' },
  })
  .describe(
    "The queue screen's search params: a flat object of string or string-array values, at most 30 keys and 2 KB",
  );

const Name = z.string().trim().min(1).max(100);

export const SavedView = z
  .object({
    id: z.uuid(),
    name: z.string(),
    query: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
    position: z.number().int(),
    createdAt: z.string(),
  })
  .meta({ id: 'SavedView' });
export type SavedView = z.infer<typeof SavedView>;

export const CreateView = z.strictObject({ name: Name, query: ViewQuery });
export type CreateViewInput = z.infer<typeof CreateView>;

export const UpdateView = z.strictObject({ name: Name.optional(), query: ViewQuery.optional() });
export type UpdateViewInput = z.infer<typeof UpdateView>;
