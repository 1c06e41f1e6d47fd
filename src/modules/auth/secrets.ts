// Bearer secrets (session cookies, API tokens): high-entropy random strings stored only as SHA-256,
// which is enough for 256-bit secrets and keeps the per-request lookup cheap.
import { createHash, randomBytes } from 'node:crypto';

export const newSecret = (prefix = ''): string => prefix + randomBytes(32).toString('base64url');
export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('base64url');
