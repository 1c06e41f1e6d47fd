// File names from clients are shown back to other people and put in headers: keep the words, drop what
// could spoof or break (paths, control and bidi-override characters), and encode for Content-Disposition.

const MAX_NAME_LENGTH = 255;
const FALLBACK_NAME = 'file';

export function cleanFileName(raw: string | undefined): string {
  const base = (raw ?? '').normalize('NFC').split(/[/\\]/).pop() ?? '';
  // Bidi overrides can make "invoice‮fdp.exe" read as "invoiceexe.pdf".
  const name = base.replace(/[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, '').trim();
  if (name === '' || /^\.+$/.test(name)) {
    return FALLBACK_NAME;
  }
  return [...name].slice(0, MAX_NAME_LENGTH).join('');
}

/** `inline` shows images in the browser; everything else is downloaded, never rendered in our origin. */
export function contentDisposition(fileName: string, inline: boolean): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
