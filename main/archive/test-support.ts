/** Helpers for the archive's own tests: an in-memory archive with a clock the test moves. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openArchive, type Archive, type OpenArchiveOptions } from './archive';

export interface TestArchive extends Archive {
  clock: { now: number };
}

export const T0 = Date.UTC(2026, 0, 15, 12, 0, 0);

export function testArchive(options: OpenArchiveOptions & { file?: string } = {}): TestArchive {
  const clock = { now: T0 };
  const archive = openArchive(options.file ?? ':memory:', { defaultCountry: 'DE', now: () => clock.now, ...options });
  return Object.assign(archive, { clock });
}

/** A temporary directory removed by the returned function. */
export function tempDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'archive-test-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Query-plan details of a statement, for index assertions. */
export function queryPlan(archive: Archive, sql: string, ...params: unknown[]): string {
  return archive.db
    .prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .all(...params)
    .map((r) => (r as { detail: string }).detail)
    .join('\n');
}
