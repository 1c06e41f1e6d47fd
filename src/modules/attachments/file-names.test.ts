import { describe, expect, it } from 'vitest';
import { cleanFileName, contentDisposition } from './file-names.ts';

describe('cleanFileName', () => {
  it.each([
    ['чек.pdf', 'чек.pdf'],
    ['C:\\Users\\Анна\\Desktop\\акт ремонта.docx', 'акт ремонта.docx'],
    ['../../etc/passwd', 'passwd'],
    ['  photo 1.jpg  ', 'photo 1.jpg'],
    ['invoice\u202efdp.exe', 'invoicefdp.exe'],
    ['a\u0000b\nc.txt', 'abc.txt'],
    ['..', 'file'],
    ['', 'file'],
    [undefined, 'file'],
    ['dir/', 'file'],
  ])('%j → %j', (raw, clean) => {
    expect(cleanFileName(raw)).toBe(clean);
  });

  it('keeps at most 255 characters', () => {
    expect([...cleanFileName('я'.repeat(300))]).toHaveLength(255);
  });
});

describe('contentDisposition', () => {
  it('encodes a Cyrillic name with an ASCII fallback', () => {
    expect(contentDisposition('акт №1.pdf', false)).toBe(
      `attachment; filename="___ _1.pdf"; filename*=UTF-8''%D0%B0%D0%BA%D1%82%20%E2%84%961.pdf`,
    );
  });

  it('shows images inline', () => {
    expect(contentDisposition('photo.png', true)).toBe(`inline; filename="photo.png"; filename*=UTF-8''photo.png`);
  });

  it('cannot be broken out of by quotes or semicolons', () => {
    expect(contentDisposition(`a"; filename=evil.html'(x).txt`, false)).toBe(
      `attachment; filename="a_; filename=evil.html'(x).txt"; ` +
        `filename*=UTF-8''a%22%3B%20filename%3Devil.html%27%28x%29.txt`,
    );
  });
});
