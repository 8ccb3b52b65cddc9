/**
 * Mail-merge templates: "Hello {name}, your code is {code}". A field name is what stands
 * between the braces, trimmed and compared without regard to case; "{{" and "}}" are literal
 * braces. Pure functions.
 */

export type TemplateSegment = { readonly text: string } | { readonly field: string };

export interface Template {
  readonly segments: readonly TemplateSegment[];
  /** Field names in order of first use, as written in the template. */
  readonly fields: readonly string[];
}

export type TemplateResult = { ok: true; template: Template } | { ok: false; message: string };

/** Splits a template into text and fields; an unclosed or empty "{…}" is an error in words. */
export function parseTemplate(source: string): TemplateResult {
  const segments: TemplateSegment[] = [];
  const fields: string[] = [];
  const seen = new Set<string>();
  let text = '';
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if ((ch === '{' || ch === '}') && source[i + 1] === ch) {
      text += ch;
      i += 2;
      continue;
    }
    if (ch === '}') return { ok: false, message: `The template has a "}" without its "{" (write "}}" for a brace).` };
    if (ch !== '{') {
      text += ch;
      i++;
      continue;
    }
    const end = source.indexOf('}', i + 1);
    const inner = end < 0 ? '' : source.slice(i + 1, end);
    if (end < 0 || inner.includes('{')) {
      return { ok: false, message: `The field at "${source.slice(i, i + 20)}" is not closed with "}" (write "{{" for a brace).` };
    }
    const field = inner.trim();
    if (field === '') return { ok: false, message: 'The template has an empty field "{}".' };
    if (text !== '') segments.push({ text });
    text = '';
    segments.push({ field });
    if (!seen.has(fieldKey(field))) {
      seen.add(fieldKey(field));
      fields.push(field);
    }
    i = end + 1;
  }
  if (text !== '') segments.push({ text });
  return { ok: true, template: { segments, fields } };
}

/** How field names are compared: "Name", "name" and " NAME " are one field. */
export function fieldKey(name: string): string {
  return name.trim().normalize('NFC').toLowerCase();
}

/**
 * Fills the fields from `values` (keyed by `fieldKey`). Returns the text, or the fields
 * that had no value or an empty one.
 */
export function mergeTemplate(
  template: Template,
  values: ReadonlyMap<string, string>,
): { ok: true; text: string } | { ok: false; missing: string[] } {
  let text = '';
  const missing: string[] = [];
  for (const s of template.segments) {
    if ('text' in s) {
      text += s.text;
      continue;
    }
    const value = values.get(fieldKey(s.field))?.trim() ?? '';
    if (value === '') {
      if (!missing.includes(s.field)) missing.push(s.field);
    } else text += value;
  }
  return missing.length > 0 ? { ok: false, missing } : { ok: true, text };
}
