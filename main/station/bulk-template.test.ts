import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldKey, mergeTemplate, parseTemplate, type Template } from './bulk-template';

function parsed(source: string): Template {
  const r = parseTemplate(source);
  if (!r.ok) throw new Error(r.message);
  return r.template;
}

const values = (o: Record<string, string>) => new Map(Object.entries(o).map(([k, v]) => [fieldKey(k), v]));

describe('mail-merge templates', () => {
  it('fills fields by name without regard to case or spaces inside the braces', () => {
    const t = parsed('Hello {name}, your code is { Code }. Bye {NAME}!');
    expect(t.fields).toEqual(['name', 'Code']);
    expect(mergeTemplate(t, values({ Name: 'Anna', code: 'X7' }))).toEqual({ ok: true, text: 'Hello Anna, your code is X7. Bye Anna!' });
  });

  it('reads "{{" and "}}" as braces', () => {
    const t = parsed('{{literal}} {x}');
    expect(t.fields).toEqual(['x']);
    expect(mergeTemplate(t, values({ x: '1' }))).toEqual({ ok: true, text: '{literal} 1' });
  });

  it('names every field that is empty or absent', () => {
    const t = parsed('{a} {b} {c}');
    expect(mergeTemplate(t, values({ a: 'x', b: '  ' }))).toEqual({ ok: false, missing: ['b', 'c'] });
  });

  it('says in words what is wrong with a broken template', () => {
    expect(parseTemplate('Hello {name')).toEqual({ ok: false, message: expect.stringMatching(/not closed/) });
    expect(parseTemplate('Hello {}')).toEqual({ ok: false, message: expect.stringMatching(/empty field/) });
    expect(parseTemplate('Hello }')).toEqual({ ok: false, message: expect.stringMatching(/without its "\{"/) });
    expect(parseTemplate('Hello {a{b}')).toEqual({ ok: false, message: expect.stringMatching(/not closed/) });
  });

  it('gives a template or a message for any input, and text without braces merges to itself', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (source) => {
        const r = parseTemplate(source);
        if (!r.ok) return typeof r.message === 'string' && r.message.length > 0;
        if (!/[{}]/.test(source))
          return mergeTemplate(r.template, new Map()).ok && (mergeTemplate(r.template, new Map()) as { text: string }).text === source;
        return true;
      }),
    );
  });
});
