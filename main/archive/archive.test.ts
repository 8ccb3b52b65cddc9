import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DisposableStore } from '../core/lifecycle';
import { openArchive } from './archive';
import { addContext, ArchiveError } from './errors';
import { tempDir } from './test-support';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

describe('openArchive', () => {
  it('saves the default country and reads national numbers in it after a restart', () => {
    const t = tempDir();
    cleanups.push(t.remove);
    const file = join(t.dir, 'a.sqlite');
    const first = openArchive(file, { defaultCountry: 'FR' });
    first.close();
    const second = openArchive(file);
    cleanups.push(() => second.close());
    expect(second.addresses.normalise('06 12 34 56 78')).toBe('+33612345678');
    second.setDefaultCountry('DE');
    expect(second.settings.get('default-country')).toBe('DE');
    expect(second.addresses.normalise('0612345678')).toBe('+49612345678');
  });

  it('is a Disposable that closes once, checkpointing the WAL into the file', () => {
    const t = tempDir();
    cleanups.push(t.remove);
    const store = new DisposableStore();
    const archive = store.add(openArchive(join(t.dir, 'a.sqlite')));
    archive.outbox.queue({ to: '+491701234567', body: 'x', partCount: 1 });
    store.dispose();
    expect(archive.db.open).toBe(false);
    expect(() => archive.close()).not.toThrow();
    const reopened = openArchive(join(t.dir, 'a.sqlite'));
    cleanups.push(() => reopened.close());
    expect(reopened.db.prepare('SELECT count(*) FROM messages').pluck().get()).toBe(1);
  });
});

describe('errors', () => {
  it('add context on the way up and keep the code and the cause', () => {
    const inner = new ArchiveError('ARCHIVE_NOT_FOUND', 'There is no message 4.');
    const outer = addContext('Applying a status report', inner);
    expect(outer).toMatchObject({ code: 'ARCHIVE_NOT_FOUND', message: 'Applying a status report: There is no message 4.', cause: inner });
    const wrapped = addContext('Reading the backup', new Error('EACCES'), 'ARCHIVE_IMPORT');
    expect(wrapped).toMatchObject({ code: 'ARCHIVE_IMPORT', message: 'Reading the backup: EACCES' });
  });
});
