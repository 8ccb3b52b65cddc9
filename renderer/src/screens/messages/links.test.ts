import { describe, expect, it } from 'vitest';
import { safeHttpUrl, splitLinks } from './links';

describe('links in message text', () => {
  it('are found with the sentence punctuation and an unbalanced bracket left out', () => {
    expect(splitLinks('See https://example.org/plan?id=7. Thanks')).toEqual([
      { text: 'See ' },
      { text: 'https://example.org/plan?id=7', url: 'https://example.org/plan?id=7' },
      { text: '. Thanks' },
    ]);
    expect(splitLinks('(at http://a.example/x)')).toEqual([
      { text: '(at ' },
      { text: 'http://a.example/x', url: 'http://a.example/x' },
      { text: ')' },
    ]);
    expect(splitLinks('wiki https://en.wikipedia.org/wiki/Ada_(name)!')[1]).toEqual({
      text: 'https://en.wikipedia.org/wiki/Ada_(name)',
      url: 'https://en.wikipedia.org/wiki/Ada_(name)',
    });
  });
  it('are only http and https: other schemes stay plain text', () => {
    for (const text of ['javascript:alert(1)', 'file:///etc/passwd', 'ftp://x.example/', 'tel:+4912345', 'data:text/html,<b>x</b>']) {
      expect(splitLinks(text)).toEqual([{ text }]);
    }
    expect(splitLinks('HTTPS://EXAMPLE.ORG')).toEqual([{ text: 'HTTPS://EXAMPLE.ORG', url: 'https://example.org/' }]);
  });
  it('keep every character of the text, in order', () => {
    const text = 'a https://x.example/1, b http://y.example/2; “https://z.example/3”\nend';
    expect(
      splitLinks(text)
        .map((p) => p.text)
        .join(''),
    ).toBe(text);
    expect(splitLinks(text).filter((p) => p.url !== undefined)).toHaveLength(3);
    expect(splitLinks('')).toEqual([]);
  });
  it('open only what parses as an absolute http(s) address with a host', () => {
    expect(safeHttpUrl('https://example.org/a b')).toBe('https://example.org/a%20b');
    expect(safeHttpUrl('javascript:alert(1)')).toBeNull();
    expect(safeHttpUrl('http://')).toBeNull();
    expect(safeHttpUrl('/relative')).toBeNull();
    expect(safeHttpUrl('https://bank.example@evil.example/')).toBeNull();
    expect(splitLinks('https://bank.example@evil.example/')).toEqual([{ text: 'https://bank.example@evil.example/' }]);
  });
});
