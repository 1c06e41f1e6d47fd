// Separates the new text of a reply from the quoted earlier mail and the sender's signature.
//
// Quoted mail is either a hard cut (everything from an "-----Original Message-----", forward header, Outlook
// header block, underscore rule or a bare "… wrote:" line to the end) or, above such a cut, runs of "> " lines
// together with the attribution line right above them (bottom-posting and inline answers keep their text).
//
// A mail with nothing above its cut but (at most) a signature is the customer's own content — typically a
// forwarded mail ("please look at what your store sent me"). Then the text from the cut down is the new text
// and nothing is quoted. When everything is "> " quotes, the whole text is the new text.
import {
  attributionStart,
  isAttribution,
  isForwardHeader,
  isOriginalHeader,
  isOutlookBlock,
  isQuoteLine,
  isSeparator,
} from './quote-headers.ts';
import { signatureStart } from './signature.ts';

export interface SplitReply {
  text: string;
  quoted: string | null;
  signature: string | null;
}

interface QuoteMap {
  /** Lines above the cut that belong to quotes ("> " runs and their attribution lines). */
  quoted: boolean[];
  /** Index of the first line of the hard cut, or lines.length. */
  cut: number;
}

function mapQuotes(lines: readonly string[]): QuoteMap {
  const quoted = lines.map(() => false);
  for (const [i, line] of lines.entries()) {
    const trimmed = line.trim();
    if (!trimmed) {
      continue;
    }
    if (isQuoteLine(line)) {
      quoted[i] = true;
      continue;
    }
    if (isOriginalHeader(trimmed) || isForwardHeader(trimmed) || isSeparator(lines, i) || isOutlookBlock(lines, i)) {
      return { quoted, cut: i };
    }
    if (!isAttribution(trimmed)) {
      continue;
    }
    const start = attributionStart(lines, i);
    let next = i + 1;
    while (next < lines.length && (lines[next] ?? '').trim() === '') {
      next++;
    }
    // "On … wrote:" above "> " lines marks just that quote; without "> " lines it opens quoted mail to the end.
    if (next < lines.length && isQuoteLine(lines[next] ?? '')) {
      quoted.fill(true, start, next);
    } else {
      return { quoted: quoted.fill(false, start), cut: start };
    }
  }
  return { quoted, cut: lines.length };
}

/** Joins the kept lines of [from, to), trimmed at the ends, with never more than one blank line in a row. */
function joinKept(lines: readonly string[], keep: (index: number) => boolean, from: number, to: number): string {
  const kept: string[] = [];
  for (let i = from; i < to; i++) {
    if (!keep(i)) {
      continue;
    }
    const line = (lines[i] ?? '').trimEnd();
    if (line === '' && kept.length > 0 && kept.at(-1) === '') {
      continue;
    }
    kept.push(line);
  }
  return kept.join('\n').trim();
}

const orNull = (text: string) => (text === '' ? null : text);

export function splitReply(input: string): SplitReply {
  const lines = input.replace(/\r\n?/g, '\n').split('\n');
  const { quoted, cut } = mapQuotes(lines);
  const unquoted = lines.map((line, i) => (quoted[i] ? '' : line));
  // Above a cut there may be nothing but a signature ("Sent from my iPhone" over a forwarded mail).
  const onlySignature = cut < lines.length ? signatureStart(unquoted, cut, false) : null;
  const topIsSignature = onlySignature !== null && unquoted.slice(0, onlySignature).every((line) => line.trim() === '');
  const sig = topIsSignature ? onlySignature : signatureStart(unquoted, cut);
  const signature = sig === null ? null : orNull(joinKept(lines, (i) => !quoted[i], sig, cut));
  const text = topIsSignature ? '' : joinKept(lines, (i) => !quoted[i], 0, sig ?? cut);

  if (text !== '') {
    const quotedText = joinKept(lines, (i) => i >= cut || quoted[i] === true, 0, lines.length);
    return { text, quoted: orNull(quotedText), signature };
  }
  // Nothing new above the cut: what follows is the customer's content (a forward, or a bare quote).
  const rest = joinKept(lines, () => true, cut, lines.length);
  if (cut < lines.length && rest !== '') {
    return { text: rest, quoted: null, signature };
  }
  return { text: joinKept(lines, () => true, 0, lines.length), quoted: null, signature: null };
}
