import fc from 'fast-check';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { ReferenceRepairer, repairCharacterReferences, xmlAttribute } from './xml-text';

function parseAttribute(xml: string): string {
  let value = '';
  const parser = new SaxesParser();
  parser.on('error', (err) => {
    throw err;
  });
  parser.on('opentag', (tag) => {
    value = (tag.attributes as Record<string, string>)['v'] ?? '';
  });
  parser.write(xml).close();
  return value;
}

describe('character references', () => {
  it('joins surrogate pairs and replaces what XML 1.0 cannot carry', () => {
    expect(repairCharacterReferences('a &#55357;&#56832; b')).toBe('a &#128512; b');
    expect(repairCharacterReferences('&#xD83D;&#xDE00;')).toBe('&#128512;');
    expect(repairCharacterReferences('&#1;&#10;&#55357;x')).toBe('&#65533;&#10;&#65533;x');
    expect(repairCharacterReferences('&amp;#55357;')).toBe('&amp;#55357;');
    expect(repairCharacterReferences('&#8364;&#55357;&#56832;&#56832;')).toBe('&#8364;&#128512;&#65533;');
  });

  it('gives the same text however the stream is cut into chunks', () => {
    const text = 'x &#55357;&#56832; y &#1; z &amp; &#8364; '.repeat(3);
    const whole = repairCharacterReferences(text);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: text.length }), { maxLength: 6 }), (cuts) => {
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const repairer = new ReferenceRepairer();
        let out = '';
        let from = 0;
        for (const p of points) {
          out += repairer.push(text.slice(from, p));
          from = p;
        }
        out += repairer.push(text.slice(from)) + repairer.end();
        expect(out).toBe(whole);
      }),
    );
  });

  it('writes any string as an attribute a strict XML parser reads back (control characters as U+FFFD)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 50 }), (s) => {
        const expected = Array.from(s)
          .map((ch) => {
            const cp = ch.codePointAt(0) as number;
            const ok =
              cp === 9 || cp === 10 || cp === 13 || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || cp >= 0x10000;
            return ok ? ch : '\uFFFD';
          })
          .join('');
        expect(parseAttribute(`<a v="${xmlAttribute(s)}"/>`)).toBe(expected);
      }),
    );
  });
});
