import { describe, expect, it } from 'vitest';
import { sanitizeMailHtml } from './html.ts';
import { htmlToText } from './html-text.ts';

describe('sanitizeMailHtml', () => {
  it.each([
    ['<script>alert(1)</script><p>x</p>', /script|alert/],
    ['<style>p{color:red}</style><p>x</p>', /style|color/],
    ['<img src="cid:a" onerror="alert(1)">', /onerror/],
    ['<a href="javascript:alert(1)">x</a>', /javascript/],
    ['<a href="JaVaScRiPt:alert(1)">x</a>', /javascript/i],
    ['<a href="jav&#x09;ascript:alert(1)">x</a>', /ascript/],
    ['<iframe src="https://evil.example"></iframe>', /iframe|evil/],
    ['<form action="https://evil.example"><input name="p"></form>', /form|input|evil/],
    ['<body onload="x()"><div onclick="y()">t</div></body>', /onload|onclick/],
    ['<img src="data:image/svg+xml;base64,PHN2Zz4=">', /svg/],
    ['<img src="http://tracker.example/p.gif">', /tracker/],
    ['<svg><script>alert(1)</script></svg>', /svg|alert/],
    ['<p style="position:fixed;top:0">x</p>', /style|fixed/],
    ['<object data="x.swf"></object><embed src="x.swf">', /object|embed|swf/],
  ])('removes the vector in %s', (html, bad) => {
    expect(sanitizeMailHtml(html)).not.toMatch(bad);
  });

  it('keeps formatting, tables and lists', () => {
    const html =
      '<p><b>b</b> <i>i</i> <u>u</u></p><table><tr><td colspan="2">c</td></tr></table>' +
      '<ul><li>x</li></ul><blockquote>q</blockquote>';
    expect(sanitizeMailHtml(html)).toBe(html);
  });

  it('keeps safe links and opens them outside', () => {
    expect(sanitizeMailHtml('<a href="https://x.ru/a?b=1&amp;c=2">x</a>')).toBe(
      '<a href="https://x.ru/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer nofollow">x</a>',
    );
  });

  it.each(['cid:part1@x', 'https://x.ru/i.png', 'data:image/png;base64,iVBORw0KGgo='])(
    'keeps images from %s',
    (src) => {
      expect(sanitizeMailHtml(`<img src="${src}" alt="a">`)).toContain(`src="${src}"`);
    },
  );
});

describe('htmlToText', () => {
  it('turns paragraphs and breaks into lines', () => {
    expect(htmlToText('<p>one</p><p>two<br>three</p>')).toBe('one\n\ntwo\nthree');
  });

  it('collapses whitespace and decodes entities', () => {
    expect(htmlToText('<div>a  &amp;\n b&nbsp;&lt;c&gt; &#8212; &#x41;</div>')).toBe('a & b <c> — A');
  });

  it('marks blockquotes as quoted lines, nested too', () => {
    expect(htmlToText('<div>new</div><blockquote>old<blockquote>older</blockquote></blockquote>')).toBe(
      'new\n\n> old\n>\n> > older',
    );
  });

  it('keeps a link address the text does not show', () => {
    expect(htmlToText('<a href="https://x.ru/o/1">заказ</a> и <a href="https://x.ru">https://x.ru</a>')).toBe(
      'заказ (https://x.ru/o/1) и https://x.ru',
    );
  });

  it('drops scripts, styles and the head', () => {
    expect(
      htmlToText('<html><head><title>T</title><style>p{}</style></head><body>x<script>y</script></body></html>'),
    ).toBe('x');
  });

  it('writes list items and table cells', () => {
    expect(htmlToText('<ul><li>a</li><li>b</li></ul><table><tr><td>1</td><td>2</td></tr></table>')).toBe(
      '- a\n- b\n\n1 2',
    );
  });

  it('keeps preformatted text as it is', () => {
    expect(htmlToText('<pre>a  b\n  c</pre>')).toBe('a  b\n  c');
  });
});
