import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { MAX_ROWS_PER_STATEMENT } from '../bulk-load';
import { T0, testArchive, type TestArchive } from '../test-support';
import type { ImportIssue } from './report';
import { importMessagesJsonl } from './messages-flat';
import { importSbrXml } from './sbr-xml';

const PEERS = ['+491701111111', '+491702222222', '+491703333333'];

/** One <sms> per line; line n + 2 of the file holds record n. */
function backup(records: { peer: string; at: number; body: string; type?: number }[]): Readable {
  const lines = records.map(
    (r) => `  <sms address="${r.peer}" date="${r.at}" type="${r.type ?? 1}" body="${r.body}" read="1" status="-1" date_sent="0" />`,
  );
  return Readable.from([
    `<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<smses count="${records.length}">\n${lines.join('\n')}\n</smses>\n`,
  ]);
}

const bodies = (a: TestArchive) => a.db.prepare('SELECT body FROM messages ORDER BY id').pluck().all() as string[];

describe('import batches, several rows per INSERT', () => {
  const many = Array.from({ length: MAX_ROWS_PER_STATEMENT * 3 + 7 }, (_, i) => ({
    peer: PEERS[i % PEERS.length] as string,
    at: T0 + i * 1000,
    body: `message ${i}`,
  }));

  it('imports in file order, and a second run finds every record', async () => {
    const archive = testArchive();
    expect(await importSbrXml(archive, backup(many))).toMatchObject({ imported: many.length, duplicates: 0, bad: 0 });
    expect(bodies(archive)).toEqual(many.map((m) => m.body));
    expect(await importSbrXml(archive, backup(many), { batchSize: 50 })).toMatchObject({ imported: 0, duplicates: many.length });
  });

  it('reports the one record the archive refuses, with its place, and keeps the rest of its statement', async () => {
    const archive = testArchive();
    archive.db.exec(`CREATE TEMP TRIGGER refuse BEFORE INSERT ON messages WHEN NEW.body = 'message 150'
      BEGIN SELECT RAISE(ABORT, 'not this one'); END`);
    const issues: ImportIssue[] = [];
    const report = await importSbrXml(archive, backup(many), { onIssue: (i) => issues.push(i) });
    expect(report).toMatchObject({ imported: many.length - 1, duplicates: 0, bad: 1 });
    expect(issues).toEqual([{ record: 151, line: 153, reason: 'the archive refused it (not this one)' }]);
    expect(bodies(archive)).toEqual(many.filter((m) => m.body !== 'message 150').map((m) => m.body));
    // Search and summaries saw exactly the rows that went in.
    expect(archive.search.messages({ text: 'message' }).items.length).toBeGreaterThan(0);
    archive.db.prepare(`INSERT INTO messages_fts(messages_fts, rank) VALUES ('integrity-check', 1)`).run();
    const counted = archive.db.prepare('SELECT sum(message_count) FROM conversations').pluck().get();
    expect(counted).toBe(many.length - 1);
  });

  it('counts a record twice in one statement once, and a copy of a refused record as refused too', async () => {
    const archive = testArchive();
    archive.db.exec(`CREATE TEMP TRIGGER refuse BEFORE INSERT ON messages WHEN NEW.body = 'refused'
      BEGIN SELECT RAISE(ABORT, 'no'); END`);
    const twice = { peer: PEERS[0] as string, at: T0, body: 'twice' };
    const refused = { peer: PEERS[1] as string, at: T0, body: 'refused' };
    const report = await importSbrXml(archive, backup([twice, refused, twice, { ...twice, body: 'other' }, refused]));
    expect(report).toMatchObject({ imported: 2, duplicates: 1, bad: 2 });
    expect(bodies(archive)).toEqual(['twice', 'other']);
  });

  it('finds duplicates of records older than the newest one of their conversation', async () => {
    const archive = testArchive();
    archive.messages.insert({ direction: 'in', peer: PEERS[0] as string, body: 'old', status: 'received', scAt: T0 });
    archive.messages.insert({ direction: 'in', peer: PEERS[0] as string, body: 'newest', status: 'received', scAt: T0 + 10_000 });
    // Newest first: each later record is older than the one before it.
    const report = await importSbrXml(
      archive,
      backup([
        { peer: PEERS[0] as string, at: T0 + 20_000, body: 'newer' },
        { peer: PEERS[0] as string, at: T0 + 10_000, body: 'newest' },
        { peer: PEERS[0] as string, at: T0 + 20_000, body: 'newer' },
        { peer: PEERS[0] as string, at: T0, body: 'old' },
        { peer: PEERS[0] as string, at: T0, body: 'old but different' },
      ]),
    );
    expect(report).toMatchObject({ imported: 2, duplicates: 3, bad: 0 });
  });

  it('counts a uid seen earlier in the same statement as a duplicate', async () => {
    const archive = testArchive();
    const uid = '0190f5c8-0000-7000-8000-000000000001';
    const line = (body: string, at: string) =>
      JSON.stringify({ uid, direction: 'in', peer: PEERS[0], date: at, body, status: 'received' }) + '\n';
    const report = await importMessagesJsonl(
      archive,
      Readable.from([line('first', '2026-01-15T12:00:00Z'), line('second', '2026-01-15T12:01:00Z')]),
    );
    expect(report).toMatchObject({ imported: 1, duplicates: 1, bad: 0 });
    expect(bodies(archive)).toEqual(['first']);
  });
});
