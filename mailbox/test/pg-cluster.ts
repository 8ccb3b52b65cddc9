import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, chownSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throwaway PostgreSQL cluster for tests: initdb + pg_ctl on a temp dir, unix socket only
 * (no TCP port to collide with parallel test files). PostgreSQL refuses to run as root, so as
 * root the cluster belongs to the `postgres` system user that the Debian package creates.
 *
 * When PostgreSQL is missing this throws: PG tests must fail loudly, never skip.
 */
export interface PgCluster {
  /** A connection string for database `name` (default `postgres`). */
  url(name?: string): string;
  stop(): void;
}

const PG_BIN_DIRS = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin'];

function findPgBin(): string {
  const fromEnv = process.env['SMSDESK_PG_BIN'];
  const dirs = fromEnv !== undefined ? [fromEnv, ...PG_BIN_DIRS] : PG_BIN_DIRS;
  for (const dir of dirs) if (existsSync(join(dir, 'pg_ctl'))) return dir;
  throw new Error(
    `PostgreSQL is not installed: no pg_ctl in ${dirs.join(', ')}. ` +
      'Install the Debian package `postgresql` (or set SMSDESK_PG_BIN) to run the PostgreSQL tests.',
  );
}

export function startPgCluster(): PgCluster {
  const bin = findPgBin();
  const dir = mkdtempSync(join(tmpdir(), 'smsdesk-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const run = (tool: string, args: string[]): void => {
    const cmd = join(bin, tool);
    if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: 'pipe' });
    else execFileSync(cmd, args, { stdio: 'pipe' });
  };
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  try {
    run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
    // fsync off: a test cluster never needs to survive a power cut, and it is much faster.
    const opts = `-k ${dir} -c listen_addresses= -c fsync=off -c max_connections=200`;
    run('pg_ctl', ['-D', data, '-o', opts, '-w', '-l', join(dir, 'log'), 'start']);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    const detail = err instanceof Error && 'stderr' in err ? String(err.stderr) : String(err);
    throw new Error(`Could not start a throwaway PostgreSQL cluster: ${detail}`, { cause: err });
  }
  let stopped = false;
  return {
    url: (name = 'postgres') => `postgresql://postgres@localhost/${name}?host=${encodeURIComponent(dir)}`,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
