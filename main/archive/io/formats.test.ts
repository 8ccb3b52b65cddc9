import { describe, expect, it } from 'vitest';
import { messageFormatOf } from './formats';

describe('messageFormatOf', () => {
  it('reads the format from the extension, in any case, as `smsdesk import` does', () => {
    expect(['a.xml', 'B.XML', 'x.csv', 'x.json', 'x.jsonl', 'x.NDJSON', 'dir.d/sms-20240101.xml'].map(messageFormatOf)).toEqual([
      'sbr-xml',
      'sbr-xml',
      'csv',
      'json',
      'json',
      'json',
      'sbr-xml',
    ]);
  });

  it('says nothing for a name without a known extension', () => {
    expect(['notes.txt', 'backup', 'xml', '.xml.bak'].map(messageFormatOf)).toEqual([undefined, undefined, undefined, undefined]);
  });
});
