// The plain text of an HTML mail body, for a mail with no text part: lines and paragraphs as the tags lay them
// out, blockquotes as "> " lines (so that splitReply finds quoted mail as in plain-text mail), link addresses kept
// where the text does not show them, entities decoded. Pure functions, no I/O.
import { HEADINGS, sanitizeMailHtml } from './html.ts';

// Tags that end a line, and tags that stand as a paragraph (a blank line around them).
const LINE_TAGS = new Set(['div', 'tr', 'li', 'dt', 'dd', 'caption', 'center']);
const PARAGRAPH_TAGS = new Set(['hr', 'p', ...HEADINGS, 'ul', 'ol', 'dl', 'table', 'pre', 'blockquote']);
const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  '#39': "'",
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,6}|#39);/gi, (entity, name: string) => {
    const lower = name.toLowerCase();
    if (lower.startsWith('#x')) {
      return safeCodePoint(parseInt(lower.slice(2), 16), entity);
    }
    if (lower.startsWith('#') && lower !== '#39') {
      return safeCodePoint(parseInt(lower.slice(1), 10), entity);
    }
    return ENTITIES[lower] ?? entity;
  });
}

function safeCodePoint(codePoint: number, fallback: string): string {
  return codePoint > 0 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : fallback;
}

/**
 * Plain text of an HTML mail body. Blockquotes become "> " lines so that splitReply recognises quoted
 * mail the same way in HTML-only and plain-text mail; links keep their address when the text does not show it.
 */
export function htmlToText(html: string): string {
  return sanitizedHtmlToText(sanitizeMailHtml(html));
}

/** A tag (group 1: "/" when closing, 2: name, 3: attributes) or a run of text between tags (group 4). */
const TOKEN = /<(\/?)([a-z][a-z0-9]*)([^>]*)>|([^<]+)/gi;

/** htmlToText for HTML that sanitizeMailHtml already returned (its output is well-formed, text has no raw "<"). */
export function sanitizedHtmlToText(safe: string): string {
  const text = new PlainText();
  for (const token of safe.matchAll(TOKEN)) {
    if (token[4] !== undefined) {
      text.add(token[4]);
    } else {
      text.tag((token[2] ?? '').toLowerCase(), token[1] === '/', token[3] ?? '');
    }
  }
  return text.result();
}

/** The text written so far, line by line, with the state the tags leave it in (quote depth, <pre>, an open link). */
class PlainText {
  private readonly lines: string[] = [];
  private current = '';
  /** Blockquote nesting. */
  private depth = 0;
  /** The nesting when the current line got its first text. */
  private lineDepth = 0;
  private pre = 0;
  private href: string | null = null;
  private linkText = '';

  /** Text between tags: whitespace collapsed, except inside <pre> where its lines are kept. */
  add(raw: string): void {
    const decoded = decodeEntities(raw);
    if (this.href !== null) {
      this.linkText += decoded;
    }
    if (this.pre > 0) {
      decoded.split(/\r?\n/).forEach((part, index) => {
        if (index > 0) {
          this.flush();
        }
        if (part) {
          this.write(part);
        }
      });
      return;
    }
    let collapsed = decoded.replace(/[ \t\r\n\f]+/g, ' ');
    if (!this.current || this.current.endsWith(' ')) {
      collapsed = collapsed.replace(/^ /, '');
    }
    if (collapsed) {
      this.write(collapsed.replace(/\u00a0/g, ' '));
    }
  }

  tag(name: string, closing: boolean, attributes: string): void {
    if (name === 'br') {
      if (!this.current) {
        this.lineDepth = this.depth;
      }
      this.flush();
    } else if (name === 'blockquote') {
      // Close the last quoted line at the inner depth, then leave the blank line at the outer one.
      this.endLine();
      if (closing) {
        this.depth = Math.max(0, this.depth - 1);
      }
      this.blankLine();
      if (!closing) {
        this.depth += 1;
      }
    } else if (name === 'pre') {
      this.blankLine();
      this.pre = Math.max(0, this.pre + (closing ? -1 : 1));
    } else if (PARAGRAPH_TAGS.has(name)) {
      this.blankLine();
    } else if (LINE_TAGS.has(name)) {
      this.endLine();
      if (name === 'li' && !closing) {
        this.write('- ');
      }
    } else if ((name === 'td' || name === 'th') && closing) {
      this.write(' ');
    } else if (name === 'a') {
      this.link(closing, attributes);
    }
  }

  /** A link's address follows its text, unless the text already shows it. */
  private link(closing: boolean, attributes: string): void {
    if (!closing) {
      this.href = decodeEntities(/\shref="([^"]*)"/.exec(attributes)?.[1] ?? '');
      this.linkText = '';
    } else if (this.href !== null) {
      const target = this.href.replace(/^mailto:/i, '');
      if (/^(https?|mailto):/i.test(this.href) && !this.linkText.includes(target)) {
        this.write(` (${target})`);
      }
      this.href = null;
    }
  }

  result(): string {
    this.endLine();
    return collapseBlankLines(this.lines).trim();
  }

  private prefix(depth: number): string {
    return depth > 0 ? '> '.repeat(depth) : '';
  }

  private flush(): void {
    this.lines.push(this.prefix(this.current ? this.lineDepth : this.depth) + this.current.trimEnd());
    this.current = '';
  }

  private endLine(): void {
    if (this.current) {
      this.flush();
    }
  }

  private blankLine(): void {
    this.endLine();
    const last = this.lines.at(-1);
    if (last !== undefined && last.replace(/>/g, '').trim() !== '') {
      this.lines.push(this.prefix(this.depth).trimEnd());
    }
  }

  private write(text: string): void {
    if (!this.current) {
      this.lineDepth = this.depth;
    }
    this.current += text;
  }
}

const isBlank = (line: string) => line.replace(/>/g, '').trim() === '';

/** At most one blank line in a row and none at the ends; a quoted blank line is a line with only ">" marks. */
function collapseBlankLines(lines: string[]): string {
  const kept: string[] = [];
  for (const line of lines) {
    const blank = isBlank(line);
    const previous = kept.at(-1);
    if (blank && (previous === undefined || isBlank(previous))) {
      continue;
    }
    kept.push(blank ? line.trim() : line);
  }
  while (kept.length > 0 && isBlank(kept.at(-1) ?? '')) {
    kept.pop();
  }
  return kept.join('\n');
}
