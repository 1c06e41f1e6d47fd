// Packages only some requests need (spreadsheets, mail parsing, IMAP, SMTP) are loaded on first use, so an idle
// server does not carry them: together they would add tens of megabytes to every process.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** A CommonJS package, required the first time the returned function is called. */
export function lazyRequire<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(name) as T);
}
