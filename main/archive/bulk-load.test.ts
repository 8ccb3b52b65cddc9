import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BulkLoad, IMPORT_CHECKPOINT_PAGES } from './bulk-load';
import { MESSAGE_COLUMNS, VALUES_PER_ROW, messageValues } from './messages';
import type { NewMessage } from './messages';
import { importSbrXml } from './io/sbr-xml';
import { T0, tempDir, testArchive, type TestArchive } from './test-support';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

const PEERS = ['+491701111111', '+491702222222', '+491703333333', 'DHL', '22333'];
const COUNT = 400;

/**
 * A backup whose records share times (ties within and across batches), mix read and unread,
 * and carry bodies longer than a snippet with emoji in them; each body has its own word.
 */
function backup(): string {
  let xml = `<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<smses count="${COUNT}">\n`;
  for (let i = 0; i < COUNT; i++) {
    // Three records in a row share peer and time: ties inside a batch and across its edges.
    const peer = PEERS[Math.floor(i / 6) % PEERS.length] as string;
    const date = T0 + Math.floor(i / 3) * 1000 - (i % 11 === 0 ? 500_000 : 0);
    const type = i % 3 === 0 ? 2 : 1;
    const long = i % 5 === 0 ? ` ${'&#55357;&#56832; padding '.repeat(20)}` : '';
    xml += `  <sms address="${peer}" date="${date}" type="${type}" body="all token${i}${long} end" read="${i % 4 === 0 ? 0 : 1}" status="-1" date_sent="0" />\n`;
  }
  return `${xml}</smses>\n`;
}

function file(text: string): string {
  const t = tempDir();
  cleanups.push(t.remove);
  const path = join(t.dir, 'backup.xml');
  writeFileSync(path, text);
  return path;
}

const count = (a: TestArchive, sql: string, ...params: unknown[]) =>
  a.db
    .prepare(sql)
    .pluck()
    .get(...params) as number;
const summaries = (a: TestArchive) =>
  a.db.prepare(`SELECT id, peer, message_count, unread, last_message_id, last_message_at, snippet FROM conversations ORDER BY id`).all();
const integrityCheck = (a: TestArchive) => a.db.prepare(`INSERT INTO messages_fts(messages_fts, rank) VALUES ('integrity-check', 1)`).run();

/** Station messages already in the archive, one newer than anything in the backup. */
function withStationMessages(a: TestArchive): TestArchive {
  a.messages.insert({ direction: 'in', peer: PEERS[0] as string, body: 'before all', status: 'received', scAt: T0 + 10_000 });
  a.messages.insert({
    direction: 'out',
    peer: PEERS[1] as string,
    body: 'newer than the backup all',
    status: 'sent',
    createdAt: T0 + 10_000_000,
  });
  // The same time as records 15 to 17 of the backup, which have the same peer.
  a.messages.insert({ direction: 'in', peer: PEERS[2] as string, body: 'same time all', status: 'received', scAt: T0 + 5000 });
  return a;
}

/** The per-row path: the same rows, in id order, inserted one by one so the triggers keep the summaries. */
function perRowCopy(source: TestArchive): TestArchive {
  const target = testArchive();
  const conversations = source.db.prepare(`SELECT id, uid, channel, peer, created_at FROM conversations ORDER BY id`).all();
  const addConversation = target.db.prepare(
    `INSERT INTO conversations (id, uid, channel, peer, created_at) VALUES (@id, @uid, @channel, @peer, @created_at)`,
  );
  const rows = source.db.prepare(`SELECT * FROM messages ORDER BY id`).all() as Record<string, unknown>[];
  const columns = Object.keys(rows[0] ?? {});
  const addMessage = target.db.prepare(`INSERT INTO messages (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
  for (const c of conversations) addConversation.run(c);
  for (const r of rows) addMessage.run(r);
  return target;
}

describe('bulk import (an import batch indexes and summarises once, before its commit)', () => {
  it('leaves every imported message findable and the index consistent', async () => {
    const archive = testArchive();
    const report = await importSbrXml(archive, file(backup()), { batchSize: 37 });
    expect(report).toMatchObject({ imported: COUNT, bad: 0 });
    const messages = count(archive, `SELECT count(*) FROM messages`);
    expect(messages).toBe(COUNT);
    expect(count(archive, `SELECT count(*) FROM messages_fts WHERE messages_fts MATCH 'all'`)).toBe(messages);
    for (let i = 0; i < COUNT; i++) {
      const hits = archive.search.messages({ text: `token${i}` }).items;
      expect(hits.map((h) => h.snippet.includes(`\u0001token${i}\u0002`))).toEqual([true]);
    }
    integrityCheck(archive);
    expect(count(archive, `SELECT count(*) FROM bulk_load`)).toBe(0);
  });

  it('gives the conversation summaries the per-row triggers give', async () => {
    const archive = withStationMessages(testArchive());
    await importSbrXml(archive, file(backup()), { batchSize: 37 });
    expect(summaries(archive)).toEqual(summaries(perRowCopy(archive)));
    // The summaries are about the newest message, whose snippet is cut at 200 characters.
    expect(summaries(archive)).toContainEqual(expect.objectContaining({ peer: PEERS[1], snippet: 'newer than the backup all' }));
  });

  it('gives the per-row summaries for ties, a time equal to the last message, and unread outgoing rows', () => {
    const archive = testArchive();
    const peer = (n: number) => PEERS[n] as string;
    archive.messages.insert({ direction: 'in', peer: peer(0), body: 'last so far', status: 'received', scAt: T0 + 100 });
    archive.messages.insert({ direction: 'in', peer: peer(1), body: 'newest of all', status: 'received', scAt: T0 + 900 });
    const conversation = (n: number) => archive.conversations.ensure('sms', peer(n)).id;
    const bulk = new BulkLoad(archive.db);
    bulk.run(() => {
      const add = (n: number, at: number, body: string, direction: 'in' | 'out' = 'in', read = false) =>
        archive.messages.insertIntoConversation(conversation(n), {
          direction,
          peer: peer(n),
          body,
          status: direction === 'in' ? 'received' : 'sent',
          read,
          sortAt: at,
        });
      add(0, T0 + 100, 'same time as the last one'); // ">=": the newer row wins a tie
      add(0, T0 + 50, 'older');
      add(1, T0 + 500, 'older than the last one', 'out');
      add(2, T0 + 300, 'first of a tie');
      add(2, T0 + 300, 'second of a tie', 'out', true);
      add(2, T0 + 200, 'x'.repeat(250), 'in', true);
    });
    expect(summaries(archive)).toEqual(summaries(perRowCopy(archive)));
    expect(summaries(archive).map((c) => (c as { snippet: string }).snippet)).toEqual([
      'same time as the last one',
      'newest of all',
      'second of a tie',
    ]);
    integrityCheck(archive);
  });

  it('adds nothing when the same file is imported again', async () => {
    const archive = withStationMessages(testArchive());
    const path = file(backup());
    await importSbrXml(archive, path, { batchSize: 37 });
    const before = { messages: count(archive, `SELECT count(*) FROM messages`), summaries: summaries(archive) };
    const again = await importSbrXml(archive, path, { batchSize: 50 });
    expect(again).toMatchObject({ imported: 0, duplicates: COUNT, bad: 0 });
    expect(count(archive, `SELECT count(*) FROM messages`)).toBe(before.messages);
    expect(count(archive, `SELECT count(*) FROM messages_fts WHERE messages_fts MATCH 'all'`)).toBe(before.messages);
    expect(summaries(archive)).toEqual(before.summaries);
    integrityCheck(archive);
  });

  it('rolls a failing batch back whole: earlier batches stay, search and summaries stay consistent', async () => {
    const archive = withStationMessages(testArchive());
    // The fourth batch's summary update fails, after its rows went in.
    archive.db.exec(`CREATE TEMP TRIGGER fail_batch BEFORE UPDATE OF message_count ON conversations
      WHEN NEW.message_count - OLD.message_count > 1 AND (SELECT count(*) FROM messages) > 3 + 3 * 50
      BEGIN SELECT RAISE(ABORT, 'the disk is full'); END`);
    const path = file(backup());
    await expect(importSbrXml(archive, path, { batchSize: 50 })).rejects.toMatchObject({
      code: 'ARCHIVE_IMPORT',
      message: expect.stringMatching(/the disk is full/),
    });
    expect(archive.db.inTransaction).toBe(false);
    const messages = count(archive, `SELECT count(*) FROM messages`);
    expect(messages).toBe(3 + 3 * 50);
    expect(count(archive, `SELECT count(*) FROM messages_fts WHERE messages_fts MATCH 'all'`)).toBe(messages);
    expect(count(archive, `SELECT count(*) FROM bulk_load`)).toBe(0);
    integrityCheck(archive);
    expect(summaries(archive)).toEqual(summaries(perRowCopy(archive)));

    // The station's own writes still go through the triggers, and the import can be run again.
    archive.db.exec(`DROP TRIGGER temp.fail_batch`);
    archive.messages.insert({ direction: 'in', peer: PEERS[3] as string, body: 'station after all', status: 'received', scAt: T0 });
    expect(archive.search.messages({ text: 'station after' }).items).toHaveLength(1);
    expect(await importSbrXml(archive, path, { batchSize: 50 })).toMatchObject({ imported: COUNT - 150, duplicates: 150 });
    expect(count(archive, `SELECT count(*) FROM messages_fts WHERE messages_fts MATCH 'all'`)).toBe(COUNT + 4);
    expect(summaries(archive)).toEqual(summaries(perRowCopy(archive)));
    integrityCheck(archive);
  });

  it('summarises a batch whose refused statement was retried row by row as the triggers would', async () => {
    const archive = withStationMessages(testArchive());
    // One record the archive refuses: its statement of up to 100 rows fails and goes in row by row.
    archive.db.exec(`CREATE TEMP TRIGGER refuse_one BEFORE INSERT ON messages WHEN NEW.body LIKE 'all token130 %'
      BEGIN SELECT RAISE(ABORT, 'refused'); END`);
    const report = await importSbrXml(archive, file(backup()), { batchSize: 150 });
    expect(report).toMatchObject({ imported: COUNT - 1, bad: 1 });
    expect(report.issues).toEqual([expect.objectContaining({ record: 131, reason: expect.stringMatching(/refused/) })]);
    const messages = count(archive, `SELECT count(*) FROM messages`);
    expect(count(archive, `SELECT count(*) FROM messages_fts WHERE messages_fts MATCH 'all'`)).toBe(messages);
    integrityCheck(archive);
    expect(summaries(archive)).toEqual(summaries(perRowCopy(archive)));
  });

  it('checkpoints less often during a batch only, also when the batch fails', () => {
    // A file, not :memory:, so the connection is in WAL mode.
    const t = tempDir();
    const archive = testArchive({ file: join(t.dir, 'archive.sqlite') });
    cleanups.push(() => archive.close(), t.remove);
    const checkpointAt = () => archive.db.pragma('wal_autocheckpoint', { simple: true }) as number;
    expect(checkpointAt()).toBe(1000);
    const bulk = new BulkLoad(archive.db);
    let during = 0;
    bulk.run(() => {
      during = checkpointAt();
    });
    expect(during).toBe(IMPORT_CHECKPOINT_PAGES);
    expect(checkpointAt()).toBe(1000);
    expect(() =>
      bulk.run(() => {
        throw new Error('the batch failed');
      }),
    ).toThrow('the batch failed');
    expect(checkpointAt()).toBe(1000);
    // A connection that checkpoints by hand (0) keeps doing so.
    archive.db.pragma('wal_autocheckpoint = 0');
    bulk.run(() => {
      during = checkpointAt();
    });
    expect(during).toBe(0);
  });

  it('stops instead of going on outside the transaction when a row ends it', async () => {
    const archive = testArchive();
    archive.db.exec(`CREATE TEMP TRIGGER end_transaction BEFORE INSERT ON messages WHEN NEW.body LIKE 'all token120 %'
      BEGIN SELECT RAISE(ROLLBACK, 'the transaction was ended'); END`);
    await expect(importSbrXml(archive, file(backup()), { batchSize: 50 })).rejects.toMatchObject({ code: 'ARCHIVE_IMPORT' });
    expect(count(archive, `SELECT count(*) FROM messages`)).toBe(100);
    expect(count(archive, `SELECT count(*) FROM messages_fts WHERE messages_fts MATCH 'all'`)).toBe(100);
    expect(count(archive, `SELECT count(*) FROM bulk_load`)).toBe(0);
    integrityCheck(archive);
    expect(summaries(archive)).toEqual(summaries(perRowCopy(archive)));
  });
});

describe('rows of an import batch', () => {
  it('are the rows MessageStore would store for the same messages', () => {
    const messages: NewMessage[] = [
      { direction: 'in', peer: '+491701111111', body: 'plain \u0001marked\u0002', status: 'received', createdAt: T0, scAt: T0 - 5 },
      { direction: 'in', peer: 'DHL', body: 'by received time', status: 'received', createdAt: T0, receivedAt: T0 + 7, read: true },
      {
        direction: 'out',
        peer: '+491702222222',
        body: 'every field',
        status: 'failed',
        statusReason: 'no',
        createdAt: T0,
        sortAt: T0 + 1,
        subject: 's',
        encoding: 'ucs2',
        partCount: 3,
        partsReceived: 2,
        flash: true,
        scAddress: '+491770610000',
        sentAt: T0 + 2,
        deliveredAt: T0 + 3,
        channel: 'sms',
        origin: 'import',
        uid: '0190f5c8-0000-7000-8000-000000000009',
      },
    ];
    const columns = MESSAGE_COLUMNS.filter((c) => c !== 'uid').join(', ');
    const read = (a: TestArchive) => a.db.prepare(`SELECT ${columns} FROM messages ORDER BY id`).all();
    const byStore = testArchive();
    for (const m of messages) byStore.messages.insert(m);
    const byBatch = testArchive();
    const bulk = new BulkLoad(byBatch.db);
    bulk.run(() => {
      const values: unknown[] = [];
      messages.forEach((m, k) =>
        messageValues(m, byBatch.conversations.ensure('sms', byBatch.addresses.normalise(m.peer)).id, values, k * VALUES_PER_ROW),
      );
      bulk.insertRows(values, messages.length);
    });
    expect(read(byBatch)).toEqual(read(byStore));
    expect(byBatch.db.prepare('SELECT uid FROM messages WHERE id = 3').pluck().get()).toBe(messages[2]?.uid);
    // Every column of the table is written (a new one must be added to MESSAGE_COLUMNS too).
    const all = (byBatch.db.prepare(`SELECT name FROM pragma_table_info('messages')`).pluck().all() as string[]).filter(
      (c) => c !== 'id' && c !== 'revision',
    );
    expect([...MESSAGE_COLUMNS].sort()).toEqual(all.sort());
  });

  it('refuses a part count the archive would refuse', () => {
    expect(() =>
      messageValues({ direction: 'in', peer: 'X', body: '', status: 'received', createdAt: T0, partCount: 0 }, 1, [], 0),
    ).toThrow(/1 to 255 parts/);
  });
});
