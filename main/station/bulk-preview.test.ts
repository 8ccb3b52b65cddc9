import { afterEach, describe, expect, it } from 'vitest';
import { openArchive, type Archive } from '../archive/index';
import { previewBulk, startBulk } from './bulk';

let archive: Archive | undefined;
afterEach(() => {
  archive?.close();
  archive = undefined;
});

function open(): Archive {
  archive = openArchive(':memory:', { defaultCountry: 'DE' });
  return archive;
}

const CSV = [
  'Name,Phone,Code', // line 1
  'Anna,0170 1234567,A1', // 2
  'Bert,not a number,B2', // 3
  '', // 4: blank
  'Cleo,+491701234568,', // 5: empty code
  'Dora,+49 170 1234567,D4', // 6: same number as Anna
  '"Emil ""the 2nd""",+491701234569,"E5', // 7: a quoted cell over two lines
  'five"', // 8
  'Fritz,+4930,F6', // 9: too short to be a number
  'Łukasz,+491701234570,G7', // 10
].join('\n');

describe('bulk preview', () => {
  it('merges every row, plans parts and encoding, and names each bad row by its line', () => {
    const a = open();
    const preview = previewBulk(a, { template: 'Hello {name}, your code is {code}.', source: { kind: 'csv', text: CSV, name: 'may.csv' } });
    expect(preview.problems).toEqual([]);
    expect(preview.source).toBe('file may.csv');
    expect(preview.fields).toEqual(['Name', 'Phone', 'Code']);
    expect(preview.recipients).toEqual([
      { row: 2, to: '+491701234567', text: 'Hello Anna, your code is A1.', parts: 1, encoding: 'gsm7', nonGsmChars: [] },
      { row: 7, to: '+491701234569', text: 'Hello Emil "the 2nd", your code is E5\nfive.', parts: 1, encoding: 'gsm7', nonGsmChars: [] },
      { row: 10, to: '+491701234570', text: 'Hello Łukasz, your code is G7.', parts: 1, encoding: 'ucs2', nonGsmChars: ['Ł'] },
    ]);
    expect(preview.errors).toEqual([
      { row: 3, code: 'bad-number', message: '"not a number" is not a phone number.' },
      { row: 5, code: 'missing-field', field: 'code', message: 'The field "code" is empty.' },
      { row: 6, code: 'duplicate', message: '+491701234567 is also on row 2.' },
      { row: 9, code: 'bad-number', message: '"+4930" is not a possible phone number.' },
    ]);
    expect(preview.totalParts).toBe(3);
  });

  it('counts the parts of a long text and reports a row the CSV parser cannot read', () => {
    const a = open();
    const long = 'x'.repeat(200);
    const preview = previewBulk(a, {
      template: `{text}`,
      source: { kind: 'csv', text: `to,text\n+491701234567,${long}\n+491701234568,say "hi"\n+491701234569,"open\n+491701234570,x\n` },
    });
    expect(preview.recipients.map((r) => [r.row, r.parts, r.encoding, r.text.length])).toEqual([
      [2, 2, 'gsm7', 200],
      [3, 1, 'gsm7', 8],
    ]);
    // A quote never closed swallows the rest of the file: said, with the lines it took.
    expect(preview.errors).toEqual([
      {
        row: 4,
        code: 'unreadable',
        message: expect.stringMatching(/^The row cannot be read as CSV: Quote Not Closed.* \(lines 4 to 5 are not read\)$/),
      },
    ]);
  });

  it('keeps a number for the first row that can be sent, not for a row with errors', () => {
    const a = open();
    const preview = previewBulk(a, {
      template: 'Code {code}',
      source: { kind: 'csv', text: 'to,code\n+491701234567,\n+491701234567,X\n+491701234567,Y\n' },
    });
    expect(preview.recipients.map((r) => [r.row, r.text])).toEqual([[3, 'Code X']]);
    expect(preview.errors.map((e) => [e.row, e.code])).toEqual([
      [2, 'missing-field'],
      [4, 'duplicate'],
    ]);
  });

  it('reads the semicolons and tabs spreadsheets write instead of commas', () => {
    const a = open();
    const semicolons = previewBulk(a, {
      template: '{Name}: {Betrag}',
      source: { kind: 'csv', text: '\uFEFFName;Telefon;Betrag\nAnna;0170 1234567;"12,50"\n', numberColumn: 'telefon' },
    });
    expect(semicolons.recipients.map((r) => [r.to, r.text])).toEqual([['+491701234567', 'Anna: 12,50']]);
    const tabs = previewBulk(a, { template: '{name}', source: { kind: 'csv', text: 'name\tphone\nBo, Jr.\t+491701234567\n' } });
    expect(tabs.recipients.map((r) => r.text)).toEqual(['Bo, Jr.']);
  });

  it('refuses a template that uses a field the source does not have, and a list with no number column', () => {
    const a = open();
    const unknown = previewBulk(a, { template: 'Hi {nickname}', source: { kind: 'csv', text: 'name,number\nA,+491701234567\n' } });
    expect(unknown.problems).toEqual(['The template uses {nickname}, but the list has no field "nickname".']);
    expect(unknown.recipients).toEqual([]);
    const noNumbers = previewBulk(a, { template: 'Hi', source: { kind: 'csv', text: 'name,city\nA,Berlin\n' } });
    expect(noNumbers.problems).toEqual(['No column of the list holds the numbers; name it "number", "phone" or "to".']);
    const chosen = previewBulk(a, {
      template: 'Hi',
      source: { kind: 'csv', text: 'name,Handy\nA,+491701234567\n', numberColumn: 'handy' },
    });
    expect(chosen.recipients.map((r) => r.to)).toEqual(['+491701234567']);
    expect(previewBulk(a, { template: 'Hi {', source: { kind: 'csv', text: 'to\n+491701234567\n' } }).problems).toEqual([
      expect.stringMatching(/not closed/),
    ]);
    expect(previewBulk(a, { template: 'Hi', source: { kind: 'csv', text: '' } }).problems).toEqual(['The list is empty.']);
  });

  it('takes a group’s members with their mobile numbers; a contact without a number is an error', () => {
    const a = open();
    a.contacts.upsert({
      displayName: 'Anna Berg',
      addresses: [
        { value: '030 1234567', kind: 'home' },
        { value: '0170 1234567', kind: 'mobile' },
      ],
      groups: ['Customers'],
    });
    a.contacts.upsert({ displayName: 'Nobody', addresses: [], groups: ['Customers'] });
    const preview = previewBulk(a, { template: 'Dear {Name}, we moved.', source: { kind: 'group', name: 'customers' } });
    expect(preview.source).toBe('group Customers');
    expect(preview.recipients.map((r) => [r.row, r.to, r.text])).toEqual([[1, '+491701234567', 'Dear Anna Berg, we moved.']]);
    expect(preview.errors).toEqual([{ row: 2, code: 'bad-number', message: 'The number is empty.' }]);
    expect(previewBulk(a, { template: 'x', source: { kind: 'group', name: 'Suppliers' } }).problems).toEqual([
      'There is no group "Suppliers".',
    ]);
  });

  it('starts only a clean list, or one whose bad rows are left out on request', () => {
    const a = open();
    const request = { template: 'Code {code}', source: { kind: 'csv' as const, text: CSV } };
    expect(() => startBulk(a, request)).toThrow(/4 row\(s\) have errors: row 3: "not a number" is not a phone number\. \(and 3 more\)/);
    expect(a.bulkJobs.list()).toEqual([]);
    const { job } = startBulk(a, { ...request, skipInvalid: true, name: 'May codes', window: 5 });
    expect(job).toMatchObject({
      name: 'May codes',
      source: 'list',
      template: 'Code {code}',
      total: 3,
      skipped: 4,
      window: 5,
      state: 'running',
    });
    expect(a.bulkJobs.recipients(job.id).map((r) => [r.row, r.peer, r.body, r.encoding, r.partCount])).toEqual([
      [2, '+491701234567', 'Code A1', 'gsm7', 1],
      [7, '+491701234569', 'Code E5\nfive', 'gsm7', 1],
      [10, '+491701234570', 'Code G7', 'gsm7', 1],
    ]);
    expect(() => startBulk(a, { template: 'Hi {x}', source: { kind: 'csv', text: 'to\n+491701234567\n' } })).toThrow(
      expect.objectContaining({ code: 'STATION_INVALID' }),
    );
  });
});
