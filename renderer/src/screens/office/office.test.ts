import { describe, expect, it } from 'vitest';
import type { BulkPreviewRow, RuleView } from '../../../../main/contract';
import { setLocale } from '../../i18n';
import { formatSize, readCsvFile } from './csv-file';
import { describeRule, errorWords, jobCounts, parseSenders } from './format';
import { previewLines } from './preview-lines';

function recipient(row: number): BulkPreviewRow {
  return { row, to: `+49151123450${row}`, text: `Hi ${row}`, parts: 1, encoding: 'gsm7', nonGsmChars: [] };
}

describe('the CSV file a person picks', () => {
  it('reads a file under the cap and drops a byte-order mark', async () => {
    const file = new File(['\uFEFFname,number\nAnna,+4915112345001\n'], 'list.csv', { type: 'text/csv' });
    expect(await readCsvFile(file)).toEqual({ ok: true, text: 'name,number\nAnna,+4915112345001\n', name: 'list.csv' });
  });

  it('refuses a file over the cap without reading it', async () => {
    let read = false;
    const big = { name: 'huge.csv', size: 6_000_000, text: () => ((read = true), Promise.resolve('')) };
    expect(await readCsvFile(big)).toEqual({ ok: false, reason: 'too-large', size: 6_000_000 });
    expect(read).toBe(false);
    expect(await readCsvFile(new File(['x'.repeat(11)], 'a.csv'), 10)).toMatchObject({ ok: false, reason: 'too-large' });
  });

  it('says why a file cannot be read', async () => {
    const broken = { name: 'gone.csv', size: 10, text: () => Promise.reject(new Error('The file was moved.')) };
    expect(await readCsvFile(broken)).toEqual({ ok: false, reason: 'unreadable', message: 'The file was moved.' });
  });

  it('writes sizes as people read them', () => {
    expect([formatSize(512), formatSize(880_000), formatSize(1_234_567), formatSize(12_500_000)]).toEqual([
      '512 B',
      '880 KB',
      '1.2 MB',
      '13 MB',
    ]);
  });
});

describe('the preview lines', () => {
  it('puts recipients and failing rows in list order, every reason of a row together', () => {
    const lines = previewLines({
      recipients: [recipient(2), recipient(5)],
      errors: [
        { row: 3, code: 'bad-number', message: 'bad', field: null },
        { row: 3, code: 'missing-field', message: 'empty', field: 'code' },
        { row: 4, code: 'duplicate', message: 'twice', field: null },
      ],
    });
    expect(lines.map((l) => [l.kind, l.row, l.kind === 'error' ? l.errors.map((e) => e.code) : l.recipient.text])).toEqual([
      ['ok', 2, 'Hi 2'],
      ['error', 3, ['bad-number', 'missing-field']],
      ['error', 4, ['duplicate']],
      ['ok', 5, 'Hi 5'],
    ]);
    expect(new Set(lines.map((l) => l.key)).size).toBe(4);
  });
});

describe('words for rules and counts', () => {
  const base: RuleView = {
    id: 'r1',
    kind: 'auto-reply',
    keyword: 'INFO',
    senders: null,
    forwardTo: null,
    text: 'Open 9 to 5',
    flash: false,
    rejectCall: false,
    perHour: 3,
    enabled: true,
    createdAt: '2026-11-23T10:00:00.000Z',
  };

  it('describes each kind of rule in English and Chinese', () => {
    setLocale('en');
    expect(describeRule(base)).toBe('A message starting with "INFO" from anyone gets the reply "Open 9 to 5".');
    expect(describeRule({ ...base, kind: 'forward', keyword: null, text: null, forwardTo: '+491701234567', senders: ['+4930123'] })).toBe(
      'Every message from +4930123 is forwarded to +491701234567.',
    );
    expect(describeRule({ ...base, kind: 'missed-call', keyword: null, rejectCall: true, text: 'Back at 2' })).toBe(
      'A call from anyone is refused and gets the SMS "Back at 2".',
    );
    setLocale('zh');
    expect(describeRule(base)).toBe('来自任何人、以“INFO”开头的消息会收到回复“Open 9 to 5”。');
    setLocale('en');
  });

  it('counts delivered as sent, and what is not out yet as remaining', () => {
    expect(
      jobCounts({ total: 10, pending: 3, queued: 1, sending: 1, sent: 2, delivered: 1, failed: 1, unconfirmed: 0, cancelled: 1 }),
    ).toEqual({ sent: 3, delivered: 1, failed: 1, unconfirmed: 0, cancelled: 1, remaining: 5, finished: 5, total: 10 });
  });

  it('reads the sender numbers a person typed', () => {
    expect(parseSenders('  ')).toBeNull();
    expect(parseSenders('+491701234567, 0170 7654321;\n+4930123 ,')).toEqual(['+491701234567', '0170 7654321', '+4930123']);
  });

  it('shows a refusal as the core words it, and anything else as a failure', () => {
    setLocale('en');
    expect(errorWords({ code: 'bad-request', message: 'A keyword is one word, not "A B".' })).toBe('A keyword is one word, not "A B".');
    expect(errorWords({ code: 'internal', message: 'disk I/O error' })).toBe('Something went wrong: disk I/O error');
  });
});
