/**
 * Reading a one-word SMS answer ("yes", "No.", " OK ", "Sí", "是") to an invitation. Pure: no
 * storage, no clock. People type on every kind of phone, so the comparison forgives case,
 * spacing, accents, full-width letters and a trailing full stop or exclamation mark; it does
 * not guess at sentences ("yes but later" is not a yes: it goes to the inviter as a reply).
 */

export type ReplyIntent = 'accept' | 'decline';

export interface ReplyKeywords {
  readonly accept: readonly string[];
  readonly decline: readonly string[];
}

/** English and Chinese out of the box; the server operator may replace both lists. */
export const DEFAULT_REPLY_KEYWORDS: ReplyKeywords = {
  accept: ['yes', 'y', 'ok', 'okay', '是', '好'],
  decline: ['no', 'n', 'stop', '不', '否'],
};

/** A keyword longer than this is a sentence, not a keyword. */
export const MAX_KEYWORD_CHARS = 20;
/** Words per list; enough for a few languages. */
export const MAX_KEYWORDS = 30;

/**
 * Punctuation people add around a one-word answer, ASCII and CJK: "yes!", "ok.", "是。", "不！".
 * Removed only at the ends, so it cannot join two words into one.
 */
const EDGE_PUNCTUATION = /^[\s.!?,;:'"…。！？，；：、~-]+|[\s.!?,;:'"…。！？，；：、~-]+$/gu;

/**
 * The comparable form of a text: compatibility-decomposed (full-width "ＹＥＳ" → "YES", "é" →
 * "e" + accent) with the accents dropped, lower case, edge punctuation gone, inner spaces one.
 */
export function normaliseReply(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(EDGE_PUNCTUATION, '')
    .replace(/\s+/gu, ' ');
}

export class KeywordError extends RangeError {
  override readonly name = 'KeywordError';
}

/**
 * Checks and normalises the operator's lists: each non-empty, words short and not empty after
 * normalising, and no word in both lists (an answer must never mean yes and no).
 */
export function compileKeywords(keywords: ReplyKeywords): ReplyKeywords {
  const compile = (words: readonly string[], which: string): string[] => {
    if (words.length === 0 || words.length > MAX_KEYWORDS) {
      throw new KeywordError(`Give 1 to ${MAX_KEYWORDS} ${which} words.`);
    }
    return [
      ...new Set(
        words.map((w) => {
          const n = normaliseReply(w);
          if (n === '' || [...n].length > MAX_KEYWORD_CHARS) {
            throw new KeywordError(`"${w}" is no use as a keyword to ${which}: use 1 to ${MAX_KEYWORD_CHARS} letters.`);
          }
          return n;
        }),
      ),
    ];
  };
  const accept = compile(keywords.accept, 'accept');
  const decline = compile(keywords.decline, 'decline');
  const both = accept.filter((w) => decline.includes(w));
  if (both.length > 0) throw new KeywordError(`"${both[0]}" cannot both accept and decline.`);
  return { accept, decline };
}

/** What an SMS answers, if it is exactly one of the keywords (after normalising). */
export function replyIntent(text: string, keywords: ReplyKeywords): ReplyIntent | undefined {
  // A long text is a message, whatever it starts with; skip the work of normalising it.
  if (text.length > 4 * MAX_KEYWORD_CHARS) return undefined;
  const said = normaliseReply(text);
  if (said === '') return undefined;
  if (keywords.accept.some((w) => normaliseReply(w) === said)) return 'accept';
  if (keywords.decline.some((w) => normaliseReply(w) === said)) return 'decline';
  return undefined;
}
