// HTML of inbound mail: sanitised for display, and turned into plain text when a mail has no text part.
// Pure functions, no I/O.
import type SanitizeHtml from 'sanitize-html';
import { lazyRequire } from '../../../server/lazy-require.ts';

const sanitizeHtml = lazyRequire<typeof SanitizeHtml>('sanitize-html');

const ALLOWED_TAGS = [
  'a',
  'abbr',
  'b',
  'blockquote',
  'br',
  'caption',
  'center',
  'code',
  'col',
  'colgroup',
  'dd',
  'del',
  'div',
  'dl',
  'dt',
  'em',
  'font',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'i',
  'img',
  'ins',
  'kbd',
  'li',
  'mark',
  'ol',
  'p',
  'pre',
  's',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'sup',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'tt',
  'u',
  'ul',
];

const CELL_ATTRS = ['colspan', 'rowspan', 'align', 'valign', 'width'];

// Images may only come from the mail itself (cid:), be embedded raster data, or be fetched over https.
const SAFE_DATA_IMAGE = /^data:image\/(png|jpe?g|gif|webp|bmp);base64,/i;

const OPTIONS: SanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: {
    a: ['href', 'title', 'name', 'target', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    table: ['width', 'border', 'cellpadding', 'cellspacing', 'align'],
    td: CELL_ATTRS,
    th: CELL_ATTRS,
    col: ['span', 'width'],
    font: ['color', 'size'],
    ol: ['start', 'type'],
    '*': ['dir', 'lang'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['https', 'cid', 'data'] },
  allowProtocolRelative: false,
  // The content of these is never shown, not even as text.
  nonTextTags: [
    'script',
    'style',
    'textarea',
    'option',
    'noscript',
    'title',
    'head',
    'template',
    'iframe',
    'object',
    'svg',
    'math',
  ],
  transformTags: {
    // Links open outside the app and do not leak the opener.
    a: (tagName, attribs) => ({
      tagName,
      attribs: /^(https?|mailto|tel):/i.test(attribs.href ?? '')
        ? { ...attribs, target: '_blank', rel: 'noopener noreferrer nofollow' }
        : attribs,
    }),
    img: (tagName, attribs) => {
      const src = attribs.src ?? '';
      if (/^data:/i.test(src) && !SAFE_DATA_IMAGE.test(src)) {
        return { tagName, attribs: { ...attribs, src: '' } };
      }
      return { tagName, attribs };
    },
  },
  // An image whose source was refused would only show a broken icon.
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
};

/** Removes everything that could run code or phone home unasked; keeps formatting, links, tables and images. */
export function sanitizeMailHtml(html: string): string {
  return sanitizeHtml()(html, OPTIONS).trim();
}

// Tags that end a line, and tags that stand as a paragraph (a blank line around them).
const LINE_TAGS = new Set(['div', 'tr', 'li', 'dt', 'dd', 'caption', 'center']);
const PARAGRAPH_TAGS = new Set([
  'hr',
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'dl',
  'table',
  'pre',
  'blockquote',
]);
const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  '#39': "'",
};

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,6}|#39);/gi, (m, e: string) => {
    const lower = e.toLowerCase();
    if (lower.startsWith('#x')) {
      return safeCodePoint(parseInt(lower.slice(2), 16), m);
    }
    if (lower.startsWith('#') && lower !== '#39') {
      return safeCodePoint(parseInt(lower.slice(1), 10), m);
    }
    return ENTITIES[lower] ?? m;
  });
}

function safeCodePoint(n: number, fallback: string): string {
  return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : fallback;
}

/**
 * Plain text of an HTML mail body. Blockquotes become "> " lines so that splitReply recognises quoted
 * mail the same way in HTML-only and plain-text mail; links keep their address when the text does not show it.
 */
export function htmlToText(html: string): string {
  return sanitizedHtmlToText(sanitizeMailHtml(html));
}

/** htmlToText for HTML that sanitizeMailHtml already returned (its output is well-formed, text has no raw "<"). */
export function sanitizedHtmlToText(safe: string): string {
  const lines: string[] = [];
  let cur = '';
  let depth = 0; // blockquote nesting
  let lineDepth = 0; // nesting when the current line got its first text
  let pre = 0;
  let href: string | null = null;
  let linkText = '';

  const prefix = (d: number) => (d > 0 ? '> '.repeat(d) : '');
  const flush = () => {
    lines.push(prefix(cur ? lineDepth : depth) + cur.trimEnd());
    cur = '';
  };
  const endLine = () => {
    if (cur) {
      flush();
    }
  };
  const blankLine = () => {
    endLine();
    if (lines.length > 0 && lines[lines.length - 1]!.replace(/>/g, '').trim() !== '') {
      lines.push(prefix(depth).trimEnd());
    }
  };
  const write = (s: string) => {
    if (!cur) {
      lineDepth = depth;
    }
    cur += s;
  };
  const text = (raw: string) => {
    const decoded = decodeEntities(raw);
    if (href !== null) {
      linkText += decoded;
    }
    if (pre > 0) {
      const parts = decoded.split(/\r?\n/);
      parts.forEach((part, i) => {
        if (i > 0) {
          flush();
        }
        if (part) {
          write(part);
        }
      });
      return;
    }
    let s = decoded.replace(/[ \t\r\n\f]+/g, ' ');
    if (!cur || cur.endsWith(' ')) {
      s = s.replace(/^ /, '');
    }
    if (s) {
      write(s.replace(/\u00a0/g, ' '));
    }
  };

  for (const m of safe.matchAll(/<(\/?)([a-z][a-z0-9]*)([^>]*)>|([^<]+)/gi)) {
    if (m[4] !== undefined) {
      text(m[4]);
      continue;
    }
    const closing = m[1] === '/';
    const tag = m[2]!.toLowerCase();
    if (tag === 'br') {
      if (!cur) {
        lineDepth = depth;
      }
      flush();
    } else if (tag === 'blockquote') {
      // Close the last quoted line at the inner depth, then leave the blank line at the outer one.
      endLine();
      if (closing) {
        depth = Math.max(0, depth - 1);
      }
      blankLine();
      if (!closing) {
        depth += 1;
      }
    } else if (tag === 'pre') {
      blankLine();
      pre = Math.max(0, pre + (closing ? -1 : 1));
    } else if (PARAGRAPH_TAGS.has(tag)) {
      blankLine();
    } else if (LINE_TAGS.has(tag)) {
      endLine();
      if (tag === 'li' && !closing) {
        write('- ');
      }
    } else if ((tag === 'td' || tag === 'th') && closing) {
      write(' ');
    } else if (tag === 'a') {
      if (!closing) {
        href = decodeEntities(/\shref="([^"]*)"/.exec(m[3] ?? '')?.[1] ?? '');
        linkText = '';
      } else if (href !== null) {
        const target = href.replace(/^mailto:/i, '');
        if (/^(https?|mailto):/i.test(href) && !linkText.includes(target)) {
          write(` (${target})`);
        }
        href = null;
      }
    }
  }
  endLine();
  return collapseBlankLines(lines).trim();
}

const isBlank = (line: string) => line.replace(/>/g, '').trim() === '';

/** At most one blank line in a row and none at the ends; a quoted blank line is a line with only ">" marks. */
function collapseBlankLines(lines: string[]): string {
  const out: string[] = [];
  for (const line of lines) {
    const blank = isBlank(line);
    if (blank && (out.length === 0 || isBlank(out[out.length - 1]!))) {
      continue;
    }
    out.push(blank ? line.trim() : line);
  }
  while (out.length > 0 && isBlank(out[out.length - 1]!)) {
    out.pop();
  }
  return out.join('\n');
}
