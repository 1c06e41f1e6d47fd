// Addresses and Message-IDs of the mail Otklik writes. Pure.
import { randomUUID } from 'node:crypto';

export interface Address {
  address: string;
  name: string | null;
}

/** "otklik@example.com" or "Otklik <otklik@example.com>" (OTKLIK_MAIL_FROM). */
export function parseAddress(text: string): Address {
  const [, name = '', address] = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(text) ?? [];
  return address ? { address: address.trim(), name: name.trim() || null } : { address: text.trim(), name: null };
}

export const domainOf = (address: string): string =>
  address.slice(address.lastIndexOf('@') + 1).toLowerCase() || 'localhost';

/** A fresh Message-ID, without angle brackets (as mail_messages stores them). */
export const newMessageId = (fromAddress: string): string => `otklik.${randomUUID()}@${domainOf(fromAddress)}`;

/** The References of a reply: the parent's references and the parent; long chains keep the root and the latest. */
export function referencesOf(parent: { messageId: string; references: readonly string[] } | undefined): string[] {
  if (!parent) {
    return [];
  }
  const chain = [...new Set([...parent.references, parent.messageId])];
  return chain.length <= 12 ? chain : [...chain.slice(0, 1), ...chain.slice(-11)];
}
