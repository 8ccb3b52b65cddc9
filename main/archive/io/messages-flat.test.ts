import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { T0, tempDir, testArchive } from '../test-support';
import { exportMessagesCsv, exportMessagesJsonl, importMessagesCsv, importMessagesJsonl } from './messages-flat';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function dir(): string {
  const t = tempDir();
  cleanups.push(t.remove);
  return t.dir;
}

function seeded() {
  const archive = testArchive();
  archive.contacts.upsert({ displayName: 'Anna', addresses: [{ value: '+491701234567' }] });
  archive.messages.insert({
    direction: 'in',
    peer: '+491701234567',
    body: 'line one\nline "two", with comma',
    status: 'received',
    scAt: T0,
    receivedAt: T0 + 10,
  });
  archive.outbox.queue({ to: '+491701234567', body: 'reply ✓', partCount: 1 });
  return archive;
}

const rows = (a: ReturnType<typeof testArchive>) =>
  a.db.prepare('SELECT uid, direction, peer, body, status, sort_at, sc_at, received_at FROM messages ORDER BY id').all();

describe.each([
  ['CSV', 'messages.csv', exportMessagesCsv, importMessagesCsv],
  ['JSON Lines', 'messages.jsonl', exportMessagesJsonl, importMessagesJsonl],
] as const)('%s', (_name, fileName, exportFn, importFn) => {
  it('round-trips messages into another archive, keeps their ids, and never sends queued ones', async () => {
    const source = seeded();
    const path = join(dir(), fileName);
    expect(await exportFn(source, path)).toEqual({ written: 2 });
    const target = testArchive();
    const report = await importFn(target, path);
    expect(report).toMatchObject({ records: 2, imported: 2, duplicates: 0, bad: 0 });
    const expected = (rows(source) as { status: string }[]).map((r) => ({ ...r, status: r.status === 'queued' ? 'draft' : r.status }));
    expect(rows(target)).toEqual(expected);
    expect(await importFn(target, path)).toMatchObject({ imported: 0, duplicates: 2 });
    expect(await importFn(source, path)).toMatchObject({ imported: 0, duplicates: 2 });
  });
});

describe('flat imports', () => {
  it('report a bad CSV row with its line and import the rest', async () => {
    const path = join(dir(), 'in.csv');
    writeFileSync(
      path,
      [
        'direction,peer,date,body',
        `in,+491701234567,${new Date(T0).toISOString()},"hello"`,
        `sideways,+491701234567,${new Date(T0).toISOString()},x`,
        `out,+491701234567,yesterday,x`,
        `out,+491701234567,${new Date(T0 + 1).toISOString()},"multi`,
        `line"`,
      ].join('\n'),
    );
    const archive = testArchive();
    const report = await importMessagesCsv(archive, path);
    expect(report).toMatchObject({ records: 4, imported: 2, bad: 2 });
    expect(report.issues).toEqual([
      { record: 2, line: 3, reason: 'The direction "sideways" is neither "in" nor "out".' },
      { record: 3, line: 4, reason: 'The date "yesterday" is not an ISO 8601 time.' },
    ]);
    expect(archive.search.messages({ text: 'multi' }).items[0]?.snippet).toBe('\u0001multi\u0002\nline');
  });

  it('report a line that is not JSON and go on', async () => {
    const path = join(dir(), 'in.jsonl');
    writeFileSync(path, `{"direction":"in","peer":"+491701234567","date":"${new Date(T0).toISOString()}","body":"a"}\n{oops\n\n[1]\n`);
    const archive = testArchive();
    const report = await importMessagesJsonl(archive, path);
    expect(report).toMatchObject({ records: 3, imported: 1, bad: 2 });
    expect(report.issues.map((i) => [i.record, i.line])).toEqual([
      [2, 2],
      [3, 4],
    ]);
  });

  it('writes a CSV header and quotes what needs quoting', async () => {
    const path = join(dir(), 'out.csv');
    await exportMessagesCsv(seeded(), path);
    const [header, first] = readFileSync(path, 'utf8').split('\n');
    expect(header).toBe(
      'uid,channel,direction,peer,contact,status,statusReason,read,date,scAt,sentAt,deliveredAt,receivedAt,subject,encoding,partCount,body',
    );
    expect(first).toContain(',in,+491701234567,Anna,received,,0,');
  });
});
