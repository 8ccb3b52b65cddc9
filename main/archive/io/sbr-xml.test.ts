import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { T0, tempDir, testArchive } from '../test-support';
import type { ImportProgress } from './report';
import { exportSbrXml, importSbrXml } from './sbr-xml';

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

// Shaped like a real SB&R backup: emoji as surrogate pairs of character references,
// "null" for absent values, an MMS with parts.
const BACKUP = `<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>
<!--File Created By SMS Backup & Restore v10.20.002 on 15/01/2026 12:00:00-->
<smses count="5" backup_set="0b9e" backup_date="1768478400000" type="full">
  <sms protocol="0" address="+49 170 1234567" date="${T0}" type="1" subject="null" body="Hi &#55357;&#56832; see you&#10;at 5" toa="null" sc_toa="null" service_center="+491770610000" read="1" status="-1" locked="0" date_sent="${T0 - 3000}" sub_id="1" readable_date="15.01.2026 13:00:00" contact_name="Anna" />
  <sms protocol="0" address="01701234567" date="${T0 + 60000}" type="2" subject="null" body="OK &amp; thanks" toa="null" sc_toa="null" service_center="null" read="1" status="0" locked="0" date_sent="0" readable_date="" contact_name="Anna" />
  <sms protocol="0" address="" date="${T0}" type="1" body="no address" read="0" status="-1" />
  <mms date="${T0}" msg_box="1" address="+491709999999"><parts><part ct="text/plain" text="mms text" /></parts></mms>
  <sms protocol="0" address="VODAFONE" date="${T0 + 120000}" type="1" subject="null" body="Your balance: 5 &#8364;" toa="null" sc_toa="null" service_center="null" read="0" status="-1" locked="0" date_sent="0" readable_date="" contact_name="(Unknown)" />
  <sms protocol="0" address="+491701234567" date="${T0 + 180000}" type="6" body="was queued" read="1" status="-1" />
</smses>
`;

describe('SB&R XML import', () => {
  it('imports messages, reports bad records with their position and skips MMS visibly', async () => {
    const archive = testArchive();
    const progress: ImportProgress[] = [];
    const report = await importSbrXml(archive, file('backup.xml', BACKUP), { onProgress: (p) => progress.push(p) });
    expect(report).toMatchObject({ records: 6, imported: 4, duplicates: 0, bad: 1, skipped: { 'MMS (not archived yet)': 1 } });
    expect(report.issues).toEqual([{ record: 3, line: 6, column: expect.any(Number), reason: 'The message has no address.' }]);
    expect(progress.at(-1)).toMatchObject({
      records: 6,
      imported: 4,
      bytesRead: Buffer.byteLength(BACKUP),
      totalBytes: Buffer.byteLength(BACKUP),
    });

    const anna = archive.conversations.ensure('sms', '+491701234567');
    const thread = archive.messages.thread(anna.id).items;
    expect(thread.map((m) => [m.direction, m.status, m.body])).toEqual([
      ['out', 'draft', 'was queued'],
      ['out', 'delivered', 'OK & thanks'],
      ['in', 'received', 'Hi 😀 see you\nat 5'],
    ]);
    expect(thread[2]).toMatchObject({ scAt: T0 - 3000, receivedAt: T0, read: true, scAddress: '+491770610000', origin: 'import' });
    expect(thread[0]?.statusReason).toMatch(/does not send it by itself/);
    expect(archive.outbox.claimNext('s', { claimMs: 1000 })).toBeUndefined();
    expect(archive.conversations.ensure('sms', 'VODAFONE').unread).toBe(1);
  });

  it('adds nothing when the same file is imported again', async () => {
    const archive = testArchive();
    const path = file('backup.xml', BACKUP);
    await importSbrXml(archive, path);
    const again = await importSbrXml(archive, path);
    expect(again).toMatchObject({ imported: 0, duplicates: 4, bad: 1 });
    expect(archive.db.prepare('SELECT count(*) FROM messages').pluck().get()).toBe(4);
  });

  it('repairs a surrogate pair cut by a chunk boundary', async () => {
    const archive = testArchive();
    const cut = BACKUP.indexOf('&#56832;') - 3;
    const stream = Readable.from([BACKUP.slice(0, cut), BACKUP.slice(cut)]);
    await importSbrXml(archive, stream);
    expect(archive.search.messages({ text: 'see' }).items).toHaveLength(1);
    const [hit] = archive.messages.thread(archive.conversations.ensure('sms', '+491701234567').id).items.slice(-1);
    expect(hit?.body).toBe('Hi 😀 see you\nat 5');
  });

  it('says so when the file is not an SMS backup, and reports damaged XML by line', async () => {
    const archive = testArchive();
    const report = await importSbrXml(archive, file('x.xml', `<calls>\n<sms address="1" date="1" type="1" body="x"\n</calls>`));
    expect(report.issues[0]?.reason).toMatch(/not an SMS backup/);
    expect(report.issues.some((i) => /damaged/.test(i.reason) && i.line >= 2)).toBe(true);
  });

  it('refuses a file that cannot be read with a typed error', async () => {
    const archive = testArchive();
    await expect(importSbrXml(archive, '/nonexistent/backup.xml')).rejects.toMatchObject({ code: 'ARCHIVE_IMPORT' });
  });
});

describe('SB&R XML export', () => {
  it('writes a backup that imports into another archive with the same messages', async () => {
    const source = testArchive();
    await importSbrXml(source, file('backup.xml', BACKUP));
    source.contacts.upsert({ displayName: 'Anna <A&B>', addresses: [{ value: '+491701234567' }] });
    source.messages.insert({
      direction: 'in',
      peer: 'Bank',
      body: 'tab\there "quoted"',
      receivedAt: T0 + 5000,
      status: 'received',
      scAt: T0,
    });
    const t = tempDir();
    cleanups.push(t.remove);
    const out = join(t.dir, 'export.xml');
    const written = await exportSbrXml(source, out);
    expect(written.written).toBe(5);
    const xml = readFileSync(out, 'utf8');
    expect(xml).toMatch(/^<\?xml version='1.0' encoding='UTF-8' standalone='yes' \?>\n<smses count="5"/);
    expect(xml).toContain('contact_name="Anna &lt;A&amp;B&gt;"');
    expect(xml).toContain('body="tab&#9;here &quot;quoted&quot;"');

    const target = testArchive();
    const report = await importSbrXml(target, out);
    expect(report).toMatchObject({ records: 5, imported: 5, bad: 0 });
    const bodies = (a: typeof source) => a.db.prepare('SELECT direction, peer, body, status, sort_at FROM messages ORDER BY id').all();
    expect(bodies(target)).toEqual(bodies(source));
    // Round trip back into the source adds nothing, messages the station made included.
    expect(await importSbrXml(source, out)).toMatchObject({ imported: 0, duplicates: 5 });
  });
});

describe('SB&R XML import from a stream that breaks', () => {
  it('keeps what was read and says where it stopped', async () => {
    const archive = testArchive();
    const lines = BACKUP.split('\n');
    async function* broken() {
      yield lines.slice(0, 5).join('\n') + '\n';
      throw new Error('connection reset');
    }
    await expect(importSbrXml(archive, Readable.from(broken()), { batchSize: 1 })).rejects.toMatchObject({
      code: 'ARCHIVE_IMPORT',
      message: 'Importing the SMS backup stopped after record 2: connection reset',
    });
    expect(archive.db.prepare('SELECT count(*) FROM messages').pluck().get()).toBe(2);
  });
});
