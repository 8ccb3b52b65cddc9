import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir, testArchive } from '../test-support';
import { cardToContact, importContactsCsv, importVcards } from './contacts-import';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function file(name: string, text: string): string {
  const t = tempDir();
  cleanups.push(t.remove);
  const path = join(t.dir, name);
  writeFileSync(path, text);
  return path;
}

// vCard 3.0 (RFC 2426) with folding and escapes, 4.0 (RFC 6350) with tel: URIs, and 2.1.
const VCF = [
  'BEGIN:VCARD',
  'VERSION:3.0',
  'UID:urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1',
  'FN:Anna Schmidt',
  'N:Schmidt;Anna;;;',
  'ORG:Stadtwerke\\, Berlin;IT',
  'TEL;TYPE=CELL:0170 123',
  ' 4567',
  'TEL;TYPE=WORK,VOICE:+49 30 1234567',
  'CATEGORIES:Team,Friends',
  'NOTE:first line\\nsecond',
  'END:VCARD',
  'BEGIN:VCARD',
  'VERSION:4.0',
  'FN:Bob Jones',
  'TEL;VALUE=uri;TYPE="cell,text":tel:+1-650-253-0000;ext=12',
  'END:VCARD',
  'BEGIN:VCARD',
  'VERSION:2.1',
  'N;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:M=C3=BCller;J=C3=BCrgen',
  'TEL;CELL:+491709999999',
  'END:VCARD',
  'BEGIN:VCARD',
  'VERSION:3.0',
  'NOTE:nothing to call',
  'END:VCARD',
  'BEGIN:VCARD',
  'FN:Unfinished',
].join('\r\n');

describe('vCard import', () => {
  it('reads 3.0, 4.0 and 2.1 cards and reports the bad ones by line', async () => {
    const archive = testArchive();
    const report = await importVcards(archive, file('contacts.vcf', VCF));
    expect(report).toMatchObject({ records: 5, imported: 3, bad: 2 });
    expect(report.issues).toEqual([
      { record: 4, line: 23, reason: 'The card has neither a name nor a phone number.' },
      { record: 5, line: 27, reason: 'The file ends inside a card (no END:VCARD).' },
    ]);
    const anna = archive.contacts.getByUid('urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1')!;
    expect(anna).toMatchObject({
      displayName: 'Anna Schmidt',
      organization: 'Stadtwerke, Berlin',
      note: 'first line\nsecond',
      groups: ['Friends', 'Team'],
    });
    expect(anna.addresses).toEqual([
      { address: '+491701234567', kind: 'mobile', raw: '0170 1234567' },
      { address: '+49301234567', kind: 'work', raw: '+49 30 1234567' },
    ]);
    expect(archive.contacts.findByAddress('+16502530000')[0]?.displayName).toBe('Bob Jones');
    expect(archive.contacts.findByAddress('+491709999999')[0]?.displayName).toBe('Jürgen Müller');
  });

  it('adds nothing when the same file is imported again, and updates a changed card by UID', async () => {
    const archive = testArchive();
    const path = file('contacts.vcf', VCF);
    await importVcards(archive, path);
    expect(await importVcards(archive, path)).toMatchObject({ imported: 0, duplicates: 3 });
    const changed = VCF.replace('FN:Anna Schmidt', 'FN:Anna Schmidt-Meyer');
    const report = await importVcards(archive, file('changed.vcf', changed));
    expect(report).toMatchObject({ imported: 0, duplicates: 2, skipped: { 'updated an existing contact of the same UID': 1 } });
    expect(archive.db.prepare('SELECT count(*) FROM contacts').pluck().get()).toBe(3);
    expect(archive.contacts.getByUid('urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1')?.displayName).toBe('Anna Schmidt-Meyer');
  });

  it('falls back from FN to N, ORG or the number for the name', () => {
    expect(cardToContact(['N:Doe;John;;Dr.;'])).toMatchObject({ displayName: 'Dr. John Doe' });
    expect(cardToContact(['ORG:ACME'])).toMatchObject({ displayName: 'ACME' });
    expect(cardToContact(['TEL:+491701234567'])).toMatchObject({ displayName: '+491701234567' });
  });
});

describe('contacts CSV import', () => {
  it('reads a Google Contacts export with several numbers and labels', async () => {
    const csv = [
      'First Name,Last Name,Organization Name,Labels,Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value',
      'Anna,Schmidt,ACME,* myContacts ::: Team,Mobile,0170 1234567 ::: 0171 7654321,Work,+49 30 1234567',
      ',,,,,,,',
      'Bob,,,,Mobile,+1 650 253 0000,,',
    ].join('\n');
    const archive = testArchive();
    const report = await importContactsCsv(archive, file('google.csv', csv));
    expect(report).toMatchObject({ records: 2, imported: 2, bad: 0 });
    const [anna] = archive.contacts.findByAddress('+491717654321');
    expect(anna).toMatchObject({ displayName: 'Anna Schmidt', organization: 'ACME', groups: ['Team'] });
    expect(anna?.addresses.map((a) => a.address)).toEqual(['+491701234567', '+491717654321', '+49301234567']);
    expect(await importContactsCsv(archive, file('google.csv', csv))).toMatchObject({ imported: 0, duplicates: 2 });
  });

  it('reads a plain name,phone file and reports rows with neither', async () => {
    const archive = testArchive();
    const report = await importContactsCsv(archive, file('plain.csv', 'Name,Phone,Group\nCarla,0170 5555555,Family\n,,Family\n'));
    expect(report).toMatchObject({ records: 2, imported: 1, bad: 1 });
    expect(report.issues).toEqual([{ record: 2, line: 3, reason: 'The row has neither a name nor a phone number.' }]);
    expect(archive.groups.list()).toMatchObject([{ name: 'Family', members: 1 }]);
  });
});
