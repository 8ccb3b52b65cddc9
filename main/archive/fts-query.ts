/**
 * Turns what a person typed into an FTS5 MATCH expression that means "all these words".
 * Every word becomes a quoted FTS5 string (https://sqlite.org/fts5.html §3.1: inside double
 * quotes, a double quote is written twice and nothing else is special), so operators (AND,
 * OR, NOT, NEAR), column filters (body:), brackets, `^` and `*` in user text are plain words.
 * Returns null when nothing searchable is left: the caller returns no results instead of
 * running a query.
 */
export interface MatchOptions {
  /** Let the last word match as a prefix (type-ahead): "hel" finds "hello". */
  prefixLast?: boolean;
}

/** Bounds for hostile or pasted input: a search is a few words, not a document. */
const MAX_WORDS = 16;
const MAX_WORD_LENGTH = 64;

export function toMatchExpression(input: string, options: MatchOptions = {}): string | null {
  // NUL ends a string inside the FTS5 query parser ("unterminated string"); it is never text.
  const words = input
    .replaceAll('\u0000', ' ')
    .split(/\s+/u)
    .filter((w) => w !== '')
    .slice(0, MAX_WORDS)
    .map((w) => Array.from(w).slice(0, MAX_WORD_LENGTH).join(''));
  // A word of only separators (".", "—", an emoji) tokenises to nothing; FTS5 accepts an
  // empty phrase, but a query made only of them would match nothing, so say so up front.
  const searchable = words.filter((w) => /[\p{L}\p{N}\p{Co}]/u.test(w));
  if (searchable.length === 0) return null;
  return searchable
    .map((w, i) => {
      const quoted = `"${w.replace(/"/g, '""')}"`;
      return options.prefixLast && i === searchable.length - 1 ? `${quoted}*` : quoted;
    })
    .join(' ');
}
