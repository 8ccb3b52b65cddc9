/**
 * Search snippets mark each hit between U+0001 and U+0002 (main/archive/search.ts). They are
 * plain text from the archive, so the UI splits them into pieces and renders hits as <mark>
 * elements built from text, never as HTML.
 */

export const HIT_START = '\u0001';
export const HIT_END = '\u0002';

export interface TextPiece {
  readonly text: string;
  readonly hit: boolean;
}

/**
 * Splits a marked snippet into plain and hit pieces. Stray or unbalanced markers are dropped
 * (an unclosed hit runs to the end); empty pieces are left out and neighbours of the same
 * kind are joined.
 */
export function splitHits(snippet: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let hit = false;
  let text = '';
  const flush = (): void => {
    if (text === '') return;
    const last = pieces[pieces.length - 1];
    if (last && last.hit === hit) pieces[pieces.length - 1] = { text: last.text + text, hit };
    else pieces.push({ text, hit });
    text = '';
  };
  for (const ch of snippet) {
    if (ch === HIT_START || ch === HIT_END) {
      const opens = ch === HIT_START;
      if (opens !== hit) {
        flush();
        hit = opens;
      }
      continue;
    }
    text += ch;
  }
  flush();
  return pieces;
}

/** The snippet as the user reads it, markers removed (for accessible names and titles). */
export function plainSnippet(snippet: string): string {
  return snippet.replaceAll(HIT_START, '').replaceAll(HIT_END, '');
}
