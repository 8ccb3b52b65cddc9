import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCommand as run } from '../testing';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function temp(): string {
  dir = mkdtempSync(join(tmpdir(), 'cli-archive-io-'));
  return dir;
}

const BACKUP = `<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>
<smses count="4">
  <sms protocol="0" address="+4917012345678" date="1767225600000" type="1" body="Happy new year &lt;3" read="1" status="-1" />
  <sms protocol="0" address="+4917012345678" date="1767229200000" type="2" body="Same to you 🎉" read="1" status="-1" />
  <sms protocol="0" address="+4917012345678" type="1" body="no date here" read="1" status="-1" />
  <sms protocol="0" address="DHL" date="1767232800000" type="1" body="Your parcel is on its way" read="0" status="-1" />
</smses>
`;

describe('smsdesk import and export', () => {
  it('imports an SB&R backup once, reports the bad record with its line, and exports it again in every format', async () => {
    const d = temp();
    const db = join(d, 'a.sqlite');
    const backup = join(d, 'backup.xml');
    writeFileSync(backup, BACKUP);

    const first = await run(['import', backup, '--db', db]);
    expect(first.code).toBe(1);
    expect(first.out).toContain('4 records read: 3 imported, 0 already in the archive, 1 bad.');
    expect(first.out).toMatch(/record 3, line 5/);

    const again = await run(['import', backup, '--db', db, '--json']);
    expect(JSON.parse(again.out)).toMatchObject({ records: 4, imported: 0, duplicates: 3, bad: 1 });

    for (const [name, format] of [
      ['out.xml', 'sbr-xml'],
      ['out.csv', 'csv'],
      ['out.jsonl', 'json'],
    ] as const) {
      const file = join(d, name);
      expect(await run(['export', file, '--db', db])).toMatchObject({ code: 0, out: `Wrote 3 messages to ${file}.\n` });
      const text = readFileSync(file, 'utf8');
      expect(text).toContain('Same to you 🎉');
      // Into a fresh archive: the same three messages, and the text exactly as it was.
      const other = join(d, `from-${format}.sqlite`);
      expect(JSON.parse((await run(['import', file, '--format', format, '--db', other, '--json'])).out)).toMatchObject({
        imported: 3,
        bad: 0,
      });
      const found = await run(['search', 'year', '--db', other, '--json']);
      expect(JSON.parse(found.out).hits).toHaveLength(1);
    }
  });

  it('refuses a file whose format it cannot tell, and an unknown format', async () => {
    const d = temp();
    expect(await run(['import', join(d, 'x.dat'), '--db', join(d, 'a.sqlite')])).toMatchObject({ code: 2 });
    expect((await run(['export', join(d, 'x.xml'), '--format', 'pdf', '--db', join(d, 'a.sqlite')])).err).toContain(
      '--format must be one of',
    );
    const missing = await run(['import', join(d, 'nope.xml'), '--db', join(d, 'a.sqlite')]);
    expect(missing.code).not.toBe(0);
    expect(missing.err).toContain('nope.xml');
  });
});

describe('smsdesk contacts import', () => {
  it('adds vCard contacts once and names their conversations', async () => {
    const d = temp();
    const db = join(d, 'a.sqlite');
    const cards = join(d, 'people.vcf');
    writeFileSync(
      cards,
      [
        'BEGIN:VCARD',
        'VERSION:3.0',
        'FN:Anna Berg',
        'TEL;TYPE=CELL:+49 170 1234567',
        'END:VCARD',
        'BEGIN:VCARD',
        'VERSION:4.0',
        'FN:Li Wei',
        'TEL:+8613800138000',
        'END:VCARD',
        '',
      ].join('\r\n'),
    );
    const first = await run(['contacts', 'import', cards, '--db', db]);
    expect(first).toMatchObject({ code: 0 });
    expect(first.out).toContain('2 records read: 2 imported');
    const again = await run(['contacts', 'import', cards, '--db', db, '--json']);
    expect(JSON.parse(again.out)).toMatchObject({ imported: 0, duplicates: 2 });
  });
});
