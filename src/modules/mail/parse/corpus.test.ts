// Every message of the corpus (test/fixtures/mail/corpus) through the whole parsing pipeline.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyMail, parseMail, splitReply, subjectNumber } from './index.ts';

interface Expected {
  file: string;
  from: string;
  subject: string;
  text: string;
  quoted: boolean;
  signature: boolean;
  verdict: 'auto_reply' | 'bounce' | 'loop' | null;
  attachments: number;
  number: number | null;
  // Optional, checked when present.
  messageId?: string | null;
  inline?: number;
  fileNames?: string[];
  references?: string[];
  html?: boolean;
}

const dir = path.resolve(import.meta.dirname, '../../../../test/fixtures/mail/corpus');
const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Expected[];
const own = { addresses: ['support@otklik.test'] };

describe('mail corpus', () => {
  it('holds at least 44 messages', () => {
    expect(expected.length).toBeGreaterThanOrEqual(44);
  });

  it.each(expected.map((e) => [e.file, e] as const))('%s', async (_file, want) => {
    const raw = readFileSync(path.join(dir, want.file));
    const mail = await parseMail(raw);
    const split = splitReply(mail.text);
    expect({
      from: mail.from?.address ?? null,
      subject: mail.subject,
      text: split.text,
      quoted: split.quoted !== null,
      signature: split.signature !== null,
      verdict: classifyMail(mail, own),
      attachments: mail.attachments.length,
      number: subjectNumber(mail.subject),
    }).toEqual({
      from: want.from,
      subject: want.subject,
      text: want.text,
      quoted: want.quoted,
      signature: want.signature,
      verdict: want.verdict,
      attachments: want.attachments,
      number: want.number,
    });
    if (want.messageId !== undefined) {
      expect(mail.messageId).toBe(want.messageId);
    }
    if (want.inline !== undefined) {
      expect(mail.attachments.filter((a) => a.inline && a.contentId).length).toBe(want.inline);
    }
    if (want.fileNames !== undefined) {
      expect(mail.attachments.map((a) => a.fileName)).toEqual(want.fileNames);
    }
    if (want.references !== undefined) {
      expect(mail.references).toEqual(want.references);
    }
    if (want.html !== undefined) {
      expect(mail.html !== null).toBe(want.html);
    }
    // Whatever the mail, the parsed HTML carries nothing executable.
    expect(mail.html ?? '').not.toMatch(/<script|<style|\son\w+=|javascript:/i);
  });
});
