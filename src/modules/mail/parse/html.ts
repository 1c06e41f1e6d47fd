// HTML of inbound mail sanitised for display: formatting, links, tables and images kept, anything that could run
// code or phone home unasked removed. Turning it into plain text is html-text.ts's. Pure functions, no I/O.
import type SanitizeHtml from 'sanitize-html';
import { lazyRequire } from '../../../server/lazy-require.ts';

const sanitizeHtml = lazyRequire<typeof SanitizeHtml>('sanitize-html');

/** The heading tags, kept as they are and each a paragraph of the plain text. */
export const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'];

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
  ...HEADINGS,
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
