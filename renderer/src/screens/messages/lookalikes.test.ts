import { describe, expect, it } from 'vitest';
import { planText } from '../../../../modem/pdu/index';
import { codePointLabel, findLookalikes, isInvisible, LOOKALIKES, replaceLookalikes } from './lookalikes';

describe('look-alike characters', () => {
  it('are each outside GSM 7-bit, and each stand-in is inside it', () => {
    for (const [from, to] of LOOKALIKES) {
      expect(planText(`a${from}`).encoding, codePointLabel(from)).toBe('ucs2');
      expect(planText(`a${to}`).encoding, codePointLabel(from)).toBe('gsm7');
    }
  });
  it('are found in order of appearance, once each', () => {
    expect(findLookalikes('“Hi” – it’s me… “again”')).toEqual(['“', '”', '–', '’', '…']);
    expect(findLookalikes('plain text')).toEqual([]);
  });
  it('are replaced, with a count per character, bringing word-processor text back to GSM 7-bit', () => {
    const text = '“Meeting” moved – see you at 10\u00a0am…\u200b';
    const result = replaceLookalikes(text);
    expect(result.text).toBe('"Meeting" moved - see you at 10 am...');
    expect(result.replaced).toEqual([
      { from: '“', to: '"', count: 1 },
      { from: '”', to: '"', count: 1 },
      { from: '–', to: '-', count: 1 },
      { from: '\u00a0', to: ' ', count: 1 },
      { from: '…', to: '...', count: 1 },
      { from: '\u200b', to: '', count: 1 },
    ]);
    expect(planText(text).encoding).toBe('ucs2');
    expect(planText(result.text).encoding).toBe('gsm7');
  });
  it('leave other characters alone: emoji and other scripts still need UCS-2', () => {
    const result = replaceLookalikes('Done ✅ — 好');
    expect(result.text).toBe('Done ✅ - 好');
    expect(planText(result.text).nonGsmChars).toEqual(['✅', '好']);
    expect(replaceLookalikes('nothing to do')).toEqual({ text: 'nothing to do', replaced: [] });
  });
  it('are named by code point when invisible', () => {
    expect(codePointLabel('\u00a0')).toBe('U+00A0');
    expect(codePointLabel('🚚')).toBe('U+1F69A');
    expect(isInvisible('\u00a0')).toBe(true);
    expect(isInvisible('\u200b')).toBe(true);
    expect(isInvisible('“')).toBe(false);
    expect(isInvisible('🚚')).toBe(false);
  });
});
