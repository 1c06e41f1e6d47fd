// Owns: the security headers of the HTML Otklik serves — the web app's Content-Security-Policy, frame protection,
// no MIME sniffing and the referrer policy. The survey answer pages add their own, stricter policy on top.
import { randomBytes } from 'node:crypto';

/** A fresh nonce for one response's policy: 128 random bits. */
export const newNonce = (): string => randomBytes(16).toString('base64');

/** What every page says whatever its policy: never framed (old browsers too), never sniffed. */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
};

/**
 * The web app's policy. Scripts and style sheets come only from this site (the build emits no inline script); the
 * one inline style sheet, Mantine's theme variables, carries the response's nonce. Style attributes stay blocked
 * (React and Mantine set styles through the DOM, which a policy does not govern), and nothing may eval.
 */
export const webAppPolicy = (nonce: string): string =>
  [
    `default-src 'none'`,
    `script-src 'self'`,
    `style-src 'self' 'nonce-${nonce}'`,
    `img-src 'self' data: blob:`,
    `connect-src 'self'`,
    `form-action 'self'`,
    `base-uri 'none'`,
    `object-src 'none'`,
    `frame-ancestors 'none'`,
  ].join('; ');

/** The headers of the web app's page; the same origin keeps its full referrer, other sites get none. */
export const webAppHeaders = (nonce: string): Record<string, string> => ({
  ...PAGE_HEADERS,
  'content-security-policy': webAppPolicy(nonce),
  'referrer-policy': 'same-origin',
});

/** The tag that hands the nonce to the app's script, which reads its `nonce` property (hidden from CSS selectors). */
export const nonceMeta = (nonce: string): string => `<meta property="csp-nonce" nonce="${nonce}" />`;
