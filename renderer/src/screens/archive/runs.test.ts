import { describe, expect, it } from 'vitest';
import type { CallName, ImportSummary, Result, SmsDeskApi } from '../../../../main/contract';
import { ExportRun } from './export-run';
import { ImportRun, type PickedFile } from './import-run';

type Handler = (args: never) => Result<unknown> | Promise<Result<unknown>>;

/** A fake `call` that answers from handlers (results as the core gives them) and records every call. */
function fake(handlers: Partial<Record<CallName, Handler>>) {
  const calls: { name: CallName; args: unknown }[] = [];
  const api: Pick<SmsDeskApi, 'call'> = {
    call: (async (name: CallName, args: unknown) => {
      calls.push({ name, args });
      const handler = handlers[name];
      if (!handler) return { ok: false, error: { code: 'unknown-call', message: name } };
      return handler(args as never);
    }) as SmsDeskApi['call'],
  };
  return { api, calls };
}

const ok = <T>(value: T): Result<T> => ({ ok: true, value });

function picked(bytes: Uint8Array<ArrayBuffer>, name = 'backup.xml'): PickedFile {
  const blob = new Blob([bytes]);
  return { name, size: blob.size, slice: (a, b) => blob.slice(a, b) };
}

const SUMMARY: ImportSummary = {
  fileName: 'backup.xml',
  format: 'sbr-xml',
  records: 3,
  imported: 2,
  duplicates: 0,
  bad: 1,
  issues: [{ record: 2, line: 3, column: 10, reason: 'The message has no address.' }],
  skipped: [],
};

describe('ImportRun', () => {
  it('sends the file in numbered slices of the size the core asked for, whole and in order, then the summary', async () => {
    const bytes = new Uint8Array(2500).map((_, i) => i & 0xff);
    const received: number[] = [];
    let total = 0;
    const { api, calls } = fake({
      'archive.importBegin': () => ok({ importId: 'i1', format: 'sbr-xml', chunkBytes: 1000 }),
      'archive.importChunk': ({ data }: { data: string }) => {
        for (const c of atob(data)) received.push(c.charCodeAt(0));
        total += atob(data).length;
        return ok({ bytesReceived: total, totalBytes: 2500, records: total / 100, imported: 0, duplicates: 0, bad: 0 });
      },
      'archive.importEnd': () => ok(SUMMARY),
    });
    const run = new ImportRun(api);
    const seen: number[] = [];
    run.subscribe(() => {
      const s = run.getSnapshot();
      if (s.phase === 'running') seen.push(s.progress.bytesReceived);
    });
    await run.start(picked(bytes));
    expect(calls.map((c) => c.name)).toEqual([
      'archive.importBegin',
      'archive.importChunk',
      'archive.importChunk',
      'archive.importChunk',
      'archive.importEnd',
    ]);
    expect(calls[0]?.args).toEqual({ fileName: 'backup.xml', size: 2500 });
    expect(calls.slice(1, 4).map((c) => (c.args as { seq: number }).seq)).toEqual([0, 1, 2]);
    expect(received).toEqual([...bytes]);
    expect(seen).toEqual([0, 1000, 2000, 2500]);
    expect(run.getSnapshot()).toEqual({ phase: 'done', summary: SUMMARY });
  });

  it('stops after the slice on its way when cancelled and reports what the core kept', async () => {
    // The run is made after the fake that cancels it.
    const late: { run?: ImportRun } = {};
    const { api, calls } = fake({
      'archive.importBegin': () => ok({ importId: 'i1', format: 'csv', chunkBytes: 10 }),
      'archive.importChunk': ({ seq }: { seq: number }) => {
        if (seq === 1) late.run?.cancel();
        return ok({ bytesReceived: (seq + 1) * 10, totalBytes: 100, records: 0, imported: 0, duplicates: 0, bad: 0 });
      },
      'archive.importCancel': () => ok({ imported: 5000, records: 5100 }),
    });
    const run = (late.run = new ImportRun(api));
    await run.start(picked(new Uint8Array(100), 'a.csv'), 'csv');
    expect(calls.map((c) => c.name)).toEqual(['archive.importBegin', 'archive.importChunk', 'archive.importChunk', 'archive.importCancel']);
    expect(calls[0]?.args).toEqual({ fileName: 'a.csv', size: 100, format: 'csv' });
    expect(run.getSnapshot()).toEqual({ phase: 'cancelled', fileName: 'a.csv', kept: { imported: 5000, records: 5100 } });
  });

  it('shows the core’s refusal in its words', async () => {
    const error = { code: 'bad-request' as const, message: 'SMSDesk cannot tell the format of "x.txt" from its name.' };
    const { api } = fake({ 'archive.importBegin': () => ({ ok: false, error }) });
    const run = new ImportRun(api);
    await run.start(picked(new Uint8Array(3), 'x.txt'));
    expect(run.getSnapshot()).toEqual({ phase: 'failed', fileName: 'x.txt', error });
    run.clear();
    expect(run.getSnapshot()).toEqual({ phase: 'idle' });
  });
});

describe('ExportRun', () => {
  it('pulls every slice, joins them into one file, saves it, and revokes its URL when cleared', async () => {
    const slices = ['uid,body\n', 'a,Hello 👋\n', 'b,Bye\n', ''];
    let n = 0;
    const { api } = fake({
      'archive.exportBegin': () => ok({ exportId: 'e1', fileName: 'smsdesk-2026-11-23.csv', mimeType: 'text/csv', total: 2 }),
      'archive.exportChunk': () => {
        const data = slices[n++] ?? '';
        return ok({ data, written: Math.min(n, 2), total: 2, done: n === slices.length });
      },
    });
    const blobs: Blob[] = [];
    const saved: string[] = [];
    const revoked: string[] = [];
    const run = new ExportRun(api, {
      save: (url, name) => saved.push(`${url} ${name}`),
      createUrl: (blob) => {
        blobs.push(blob);
        return 'blob:1';
      },
      revokeUrl: (url) => revoked.push(url),
    });
    await run.start('csv');
    expect(await blobs[0]?.text()).toBe('uid,body\na,Hello 👋\nb,Bye\n');
    expect(blobs[0]?.type).toBe('text/csv;charset=utf-8');
    expect(saved).toEqual(['blob:1 smsdesk-2026-11-23.csv']);
    expect(run.getSnapshot()).toMatchObject({ phase: 'done', written: 2, fileName: 'smsdesk-2026-11-23.csv' });
    run.clear();
    expect(revoked).toEqual(['blob:1']);
  });

  it('tells the core to stop when cancelled', async () => {
    const late: { run?: ExportRun } = {};
    const { api, calls } = fake({
      'archive.exportBegin': () => ok({ exportId: 'e1', fileName: 'a.xml', mimeType: 'application/xml', total: 10 }),
      'archive.exportChunk': () => {
        late.run?.cancel();
        return ok({ data: '<x/>', written: 1, total: 10, done: false });
      },
      'archive.exportCancel': () => ok(null),
    });
    const run = (late.run = new ExportRun(api, { save: () => undefined }));
    await run.start('sbr-xml');
    expect(calls.map((c) => c.name)).toEqual(['archive.exportBegin', 'archive.exportChunk', 'archive.exportCancel']);
    expect(run.getSnapshot()).toEqual({ phase: 'cancelled' });
  });
});
