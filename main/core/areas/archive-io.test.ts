import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openArchive, type Archive } from '../../archive/index';
import { runCommand } from '../../cli/testing';
import type { CallArgs, CallName, CallResult, ImportSummary, MessageFormat } from '../../contract';
import type { StationCore } from '../core';
import { closeCores, demoCore } from '../testing';
import { ImportSessions } from './archive-import';

let dir: string | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await closeCores();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function temp(): string {
  dir = mkdtempSync(join(tmpdir(), 'core-archive-io-'));
  return dir;
}

async function call<K extends CallName>(core: StationCore, name: K, args: CallArgs<K>): Promise<CallResult<K>> {
  const r = await core.call(name, args);
  if (!r.ok) throw new Error(`${name}: ${r.error.code}: ${r.error.message}`);
  return r.value as CallResult<K>;
}

async function refusal(core: StationCore, name: CallName, args: unknown): Promise<{ code: string; message: string }> {
  const r = await core.call(name, args);
  if (r.ok) throw new Error(`${name} was not refused`);
  return r.error;
}

/** Sends `bytes` as the renderer does, `chunk` bytes at a time; returns the import id and the progress seen. */
async function sendFile(core: StationCore, fileName: string, bytes: Buffer, chunk: number, format?: MessageFormat) {
  const { importId } = await call(core, 'archive.importBegin', { fileName, size: bytes.length, ...(format ? { format } : {}) });
  const progress: number[] = [];
  for (let seq = 0, at = 0; at < bytes.length; seq++, at += chunk) {
    const p = await call(core, 'archive.importChunk', { importId, seq, data: bytes.subarray(at, at + chunk).toString('base64') });
    progress.push(p.bytesReceived);
  }
  return { importId, progress };
}

async function importFile(core: StationCore, fileName: string, bytes: Buffer, chunk = 64 * 1024): Promise<ImportSummary> {
  const { importId } = await sendFile(core, fileName, bytes, chunk);
  return call(core, 'archive.importEnd', { importId });
}

async function exportAll(core: StationCore, format: MessageFormat): Promise<{ text: string; written: number; slices: number }> {
  const { exportId, total } = await call(core, 'archive.exportBegin', { format });
  let text = '';
  let slices = 0;
  for (;;) {
    const c = await call(core, 'archive.exportChunk', { exportId });
    text += c.data;
    slices++;
    expect(c.total).toBe(total);
    if (c.done) return { text, written: c.written, slices };
  }
}

/** Every message as the user sees it, in a stable order. */
function messages(archive: Archive): unknown[] {
  return archive.db
    .prepare(`SELECT direction, peer, body, status, sort_at AS sortAt, read FROM messages ORDER BY sort_at, direction, peer, body`)
    .all();
}

function archiveOf(core: StationCore): Archive {
  return (core.station as NonNullable<StationCore['station']>).archive;
}

function xmlAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const START = Date.UTC(2025, 5, 1, 8);

/** An SB&R backup of `count` messages among a few people; record `broken` (1-based) has no date. */
function backup(count: number, broken?: number): Buffer {
  const rows: string[] = [];
  for (let i = 1; i <= count; i++) {
    const date = i === broken ? '' : `date="${START + i * 60_000}" `;
    const body = i % 10 === 0 ? `Grüße 👋🏽 number ${i} — “quoted” & <tagged>` : `Message ${i} about the harbour`;
    rows.push(
      `  <sms protocol="0" address="+49151000${String(i % 7).padStart(5, '0')}" ${date}type="${i % 3 === 0 ? 2 : 1}" subject="null" body="${xmlAttr(body)}" read="1" status="${i % 6 === 0 ? 0 : -1}" locked="0" />`,
    );
  }
  // An MMS: valid, counted as skipped with its reason.
  rows.push(`  <mms address="+4915100000001" date="${START}" msg_box="1"><parts /></mms>`);
  return Buffer.from(`<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<smses count="${count}">\n${rows.join('\n')}\n</smses>\n`);
}

describe('archive import through the contract', () => {
  it('imports an SB&R file sent in chunks exactly as `smsdesk import` does, broken record and emoji included', async () => {
    const d = temp();
    const bytes = backup(3000, 1234);
    const file = join(d, 'backup.xml');
    writeFileSync(file, bytes);
    const cli = await runCommand(['import', file, '--db', join(d, 'cli.sqlite'), '--json']);
    const expected = JSON.parse(cli.out) as { records: number; imported: number; duplicates: number; bad: number; issues: unknown[] };
    expect(expected).toMatchObject({ records: 3001, imported: 2999, bad: 1 });

    const core = demoCore();
    // 1000-byte slices cut through the multi-byte characters (👋🏽 is 8 bytes, “ and — are 3).
    const { importId, progress } = await sendFile(core, 'backup.xml', bytes, 1000);
    expect(progress.at(-1)).toBe(bytes.length);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    const summary = await call(core, 'archive.importEnd', { importId });

    expect(summary).toMatchObject({
      fileName: 'backup.xml',
      format: 'sbr-xml',
      records: expected.records,
      imported: expected.imported,
      duplicates: expected.duplicates,
      bad: expected.bad,
      skipped: [{ reason: 'MMS (not archived yet)', count: 1 }],
    });
    expect(summary.issues).toHaveLength(1);
    expect(summary.issues[0]).toMatchObject({ record: 1234, line: 1236 });
    expect(summary.issues[0]?.reason).toContain('date');
    expect(summary.issues.map((i) => ({ ...i, column: i.column ?? undefined }))).toEqual(expected.issues);

    const fromCli = openArchive(join(d, 'cli.sqlite'));
    try {
      expect(messages(archiveOf(core))).toEqual(messages(fromCli));
    } finally {
      fromCli.close();
    }
    expect(
      archiveOf(core).db.prepare(`SELECT count(*) FROM messages WHERE body = ?`).pluck().get('Grüße 👋🏽 number 10 — “quoted” & <tagged>'),
    ).toBe(1);
    // The id is forgotten once the import is over.
    expect((await refusal(core, 'archive.importChunk', { importId, seq: 3001, data: 'AAAA' })).code).toBe('not-found');
  });

  it('refuses a chunk out of sequence, a repeated one, and an end before the whole file came', async () => {
    const core = demoCore();
    const bytes = backup(50);
    const gap = await call(core, 'archive.importBegin', { fileName: 'a.xml', size: bytes.length });
    await call(core, 'archive.importChunk', { importId: gap.importId, seq: 0, data: bytes.subarray(0, 300).toString('base64') });
    const skipped = await refusal(core, 'archive.importChunk', { importId: gap.importId, seq: 2, data: 'AAAA' });
    expect(skipped).toEqual({
      code: 'bad-request',
      message: 'Part 2 of the file never came (part 3 did); the import stopped so nothing is skipped.',
    });
    // A refused chunk ends the import.
    expect((await refusal(core, 'archive.importChunk', { importId: gap.importId, seq: 1, data: 'AAAA' })).code).toBe('not-found');

    const twice = await call(core, 'archive.importBegin', { fileName: 'b.xml', size: bytes.length });
    const first = { importId: twice.importId, seq: 0, data: bytes.subarray(0, 300).toString('base64') };
    await call(core, 'archive.importChunk', first);
    expect((await refusal(core, 'archive.importChunk', first)).message).toBe(
      'Part 1 of the file came twice; the import stopped so nothing is read twice.',
    );

    const short = await call(core, 'archive.importBegin', { fileName: 'c.xml', size: bytes.length });
    await call(core, 'archive.importChunk', { importId: short.importId, seq: 0, data: bytes.subarray(0, 300).toString('base64') });
    expect((await refusal(core, 'archive.importEnd', { importId: short.importId })).message).toBe(
      `Only 300 of the file's ${bytes.length} bytes came; the import is not complete.`,
    );
    // Nothing of the refused imports was committed (their first batch was never full).
    expect(messages(archiveOf(core))).toEqual([]);

    const big = await refusal(core, 'archive.importChunk', { importId: 'x', seq: 0, data: 'A'.repeat(700_000) });
    expect(big.code).toBe('bad-request');
    expect((await refusal(core, 'archive.importChunk', { importId: 'x', seq: 0, data: 'not base64!' })).code).toBe('bad-request');
  });

  it('says in words when it cannot tell a file’s format, and takes the format the user chose', async () => {
    const core = demoCore();
    expect(await refusal(core, 'archive.importBegin', { fileName: 'notes.txt', size: 10 })).toEqual({
      code: 'bad-request',
      message: 'SMSDesk cannot tell the format of "notes.txt" from its name (.xml, .csv, .json or .jsonl); choose the format.',
    });
    const bytes = backup(3);
    const { importId } = await sendFile(core, 'notes.txt', bytes, 100, 'sbr-xml');
    expect(await call(core, 'archive.importEnd', { importId })).toMatchObject({ format: 'sbr-xml', imported: 3, bad: 0 });
  });

  it.each(['backup.xml', 'messages.csv', 'messages.jsonl'] as const)(
    'cancelling an import of %s keeps whole batches only, and importing the file again adds the rest',
    async (fileName) => {
      const source = demoCore();
      await importFile(source, 'seed.xml', backup(12_000));
      const format = fileName.endsWith('.xml') ? 'sbr-xml' : fileName.endsWith('.csv') ? 'csv' : 'json';
      const bytes = Buffer.from((await exportAll(source, format)).text);

      const core = demoCore();
      const archive = archiveOf(core);
      const { importId } = await call(core, 'archive.importBegin', { fileName, size: bytes.length });
      // Most of the file: the importer has committed some batches of 5000 and is collecting the next.
      const cut = Math.floor(bytes.length * 0.7);
      for (let seq = 0, at = 0; at < cut; seq++, at += 32 * 1024) {
        await call(core, 'archive.importChunk', {
          importId,
          seq,
          data: bytes.subarray(at, Math.min(at + 32 * 1024, cut)).toString('base64'),
        });
      }
      const kept = await call(core, 'archive.importCancel', { importId });
      expect(kept.imported % 5000).toBe(0);
      expect(kept.imported).toBeGreaterThan(0);
      // Exactly what it says it kept, with the search index and conversation counts in step.
      const count = (sql: string): unknown => archive.db.prepare(sql).pluck().get();
      expect(count(`SELECT count(*) FROM messages`)).toBe(kept.imported);
      expect(count(`SELECT count(*) FROM messages_fts`)).toBe(kept.imported);
      expect(count(`SELECT sum(message_count) FROM conversations`)).toBe(kept.imported);
      expect(count(`SELECT count(*) FROM bulk_load`)).toBe(0);
      expect((await refusal(core, 'archive.importEnd', { importId })).code).toBe('not-found');

      const again = await importFile(core, fileName, bytes);
      expect(again).toMatchObject({ imported: 12_000 - kept.imported, duplicates: kept.imported, bad: 0 });
      expect(messages(archive)).toEqual(messages(archiveOf(source)));
    },
    60_000,
  );
});

describe('archive export through the contract', () => {
  it.each(['sbr-xml', 'csv', 'json'] as const)(
    '%s: exported in slices and imported into a fresh archive, gives the same messages',
    async (format) => {
      const source = demoCore();
      const seeded = await importFile(source, 'seed.xml', backup(2500, 7));
      expect(seeded).toMatchObject({ imported: 2499, bad: 1 });

      const { text, written, slices } = await exportAll(source, format);
      expect(written).toBe(2499);
      // The file is pulled in several slices, not built whole in the core.
      expect(slices).toBeGreaterThan(1);
      if (format === 'csv') expect(text.trimEnd().split('\n')).toHaveLength(2500);

      const fresh = demoCore();
      const name = { 'sbr-xml': 'export.xml', csv: 'export.csv', json: 'export.jsonl' }[format];
      const back = await importFile(fresh, name, Buffer.from(text, 'utf8'), 7777);
      expect(back).toMatchObject({ imported: 2499, duplicates: 0, bad: 0 });
      expect(messages(archiveOf(fresh))).toEqual(messages(archiveOf(source)));
    },
    60_000,
  );

  it('names the file by format, stops on cancel, and forgets the export', async () => {
    const core = demoCore();
    await importFile(core, 'seed.xml', backup(5000));
    const started = await call(core, 'archive.exportBegin', { format: 'json' });
    expect(started).toMatchObject({ total: 5000, mimeType: 'application/x-ndjson' });
    expect(started.fileName).toMatch(/^smsdesk-\d{4}-\d{2}-\d{2}\.jsonl$/);
    const first = await call(core, 'archive.exportChunk', { exportId: started.exportId });
    expect(first.done).toBe(false);
    expect(await call(core, 'archive.exportCancel', { exportId: started.exportId })).toBeNull();
    expect((await refusal(core, 'archive.exportChunk', { exportId: started.exportId })).code).toBe('not-found');
    // The archive goes on as before.
    expect((await exportAll(core, 'csv')).written).toBe(5000);
  });
});

describe('import sessions', () => {
  it('drops an import nobody speaks to, keeping what it committed', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const core = demoCore();
    const archive = archiveOf(core);
    const sessions = new ImportSessions(() => archive, { idleMs: 60_000 });
    const bytes = backup(100);
    const { importId } = sessions.begin({ fileName: 'a.xml', size: bytes.length });
    await sessions.chunk({ importId, seq: 0, data: bytes.subarray(0, 500).toString('base64') });
    vi.advanceTimersByTime(59_000);
    await sessions.chunk({ importId, seq: 1, data: bytes.subarray(500, 1000).toString('base64') });
    expect(sessions.size).toBe(1);
    vi.advanceTimersByTime(60_000);
    expect(sessions.size).toBe(0);
    await expect(sessions.end(importId)).rejects.toThrow('That import is over');
    sessions.dispose();
  });

  it('cancels every open import when the core closes', async () => {
    const core = demoCore();
    const sessions = new ImportSessions(() => archiveOf(core));
    const bytes = backup(100);
    const a = sessions.begin({ fileName: 'a.xml', size: bytes.length });
    sessions.begin({ fileName: 'b.csv', size: 10 });
    await sessions.chunk({ importId: a.importId, seq: 0, data: bytes.subarray(0, 500).toString('base64') });
    sessions.dispose();
    expect(sessions.size).toBe(0);
    await expect(sessions.chunk({ importId: a.importId, seq: 1, data: 'AAAA' })).rejects.toThrow('That import is over');
  });
});

describe('closing the core', () => {
  it('ends open imports and exports with it, and the archive closes cleanly', async () => {
    const core = demoCore();
    await importFile(core, 'seed.xml', backup(3000));
    const bytes = backup(100);
    const { importId } = await sendFile(core, 'more.xml', bytes.subarray(0, 2000), 1000);
    const started = await call(core, 'archive.exportBegin', { format: 'sbr-xml' });
    await call(core, 'archive.exportChunk', { exportId: started.exportId });
    await core.close();
    expect((await refusal(core, 'archive.importChunk', { importId, seq: 2, data: 'AAAA' })).code).toBe('unavailable');
    expect((await refusal(core, 'archive.exportChunk', { exportId: started.exportId })).code).toBe('unavailable');
  });
});

describe('traffic through the contract', () => {
  it('answers the last 7 days in the viewer’s days, with imported messages under no modem', async () => {
    const core = demoCore();
    const now = Date.now();
    const xml = `<?xml version='1.0' encoding='UTF-8'?>\n<smses>\n<sms address="+4915100000001" date="${now - 60_000}" type="1" body="a" />\n<sms address="+4915100000001" date="${now - 30_000}" type="2" status="0" body="b" />\n</smses>\n`;
    await importFile(core, 'today.xml', Buffer.from(xml));
    const stats = await call(core, 'archive.traffic', { days: 7, utcOffsetMinutes: 0 });
    expect(stats.days).toHaveLength(7);
    expect(stats.days.at(-1)).toMatchObject({ date: new Date(now).toISOString().slice(0, 10), in: 1, out: 1 });
    expect(stats.modems).toEqual([{ channel: 'sms', imei: null, name: null, in: 1, out: 1, delivered: 1, withReport: 1 }]);
    expect((await refusal(core, 'archive.traffic', { days: 8, utcOffsetMinutes: 0 })).code).toBe('bad-request');
  });
});
