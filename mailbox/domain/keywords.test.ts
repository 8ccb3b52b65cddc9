import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileKeywords, DEFAULT_REPLY_KEYWORDS, KeywordError, normaliseReply, replyIntent } from './keywords';

const words = compileKeywords(DEFAULT_REPLY_KEYWORDS);

describe('replyIntent', () => {
  it('forgives case, spacing, accents, full-width letters and edge punctuation', () => {
    for (const text of ['yes', 'YES', ' Yes ', 'yes!', 'Y.', 'ok', 'OK!!', 'Okay', 'ＹＥＳ', '是', '是。', ' 好！']) {
      expect(replyIntent(text, words), text).toBe('accept');
    }
    for (const text of ['no', 'No.', 'N', 'STOP', '不', '不！', '否']) {
      expect(replyIntent(text, words), text).toBe('decline');
    }
  });

  it('does not read a sentence, an empty text or a near miss as an answer', () => {
    for (const text of ['yes but later', 'yess', 'no way', 'Not now', '', '   ', '!!!', 'y e s', '是的', 'yes'.repeat(40)]) {
      expect(replyIntent(text, words), text).toBeUndefined();
    }
  });

  it('drops accents, so an operator’s "sí" and "si" are one word, and matches either way', () => {
    const spanish = compileKeywords({ accept: ['sí', 'si', 'vale'], decline: ['no'] });
    expect(spanish.accept).toEqual(['si', 'vale']);
    expect(replyIntent('SÍ', spanish)).toBe('accept');
    expect(replyIntent('Si!', spanish)).toBe('accept');
    expect(replyIntent('yes', spanish)).toBeUndefined();
  });

  it('never throws and never reads one text as both answers (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (text) => {
        const intent = replyIntent(text, words);
        expect([undefined, 'accept', 'decline']).toContain(intent);
        // Normalising is idempotent: a normalised answer reads the same.
        expect(normaliseReply(normaliseReply(text))).toBe(normaliseReply(text));
      }),
    );
  });
});

describe('compileKeywords', () => {
  it('refuses empty lists, empty or long words, and a word in both lists', () => {
    expect(() => compileKeywords({ accept: [], decline: ['no'] })).toThrow(KeywordError);
    expect(() => compileKeywords({ accept: ['yes'], decline: ['!!'] })).toThrow('is no use as a keyword to decline');
    expect(() => compileKeywords({ accept: ['x'.repeat(21)], decline: ['no'] })).toThrow('is no use as a keyword to accept');
    expect(() => compileKeywords({ accept: ['OK'], decline: ['ok.'] })).toThrow('"ok" cannot both accept and decline.');
  });
});
