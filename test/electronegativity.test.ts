/** The Electron security audit that CI runs: clean on SMSDesk, failing on an unsafe window. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const SCRIPT = join(ROOT, 'scripts/electronegativity.mjs');

function audit(...args: string[]): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [SCRIPT, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 240_000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('electronegativity audit', () => {
  it('finds no high-severity issue left unexplained in SMSDesk', () => {
    const r = audit();
    expect(r.out).toMatch(/0 high without an explanation/);
    expect(r.status).toBe(0);
  }, 240_000);

  it('fails on a window with Node integration, no context isolation and web security off', () => {
    const r = audit('--input', join(ROOT, 'test/fixtures/electronegativity-bad'));
    expect(r.out).toContain('UNEXPLAINED');
    expect(r.out).toMatch(/NODE_INTEGRATION|CONTEXT_ISOLATION|WEB_SECURITY/);
    expect(r.status).toBe(1);
  }, 240_000);
});
