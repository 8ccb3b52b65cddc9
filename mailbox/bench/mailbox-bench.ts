/**
 * The mailbox benchmark: messages accepted and fanned out per second, and the latency from a
 * send to the push on the recipient's socket, with many push clients connected over loopback;
 * on SQLite and on PostgreSQL, next to a raw insert of the same rows in the same run.
 *
 *   npx tsx mailbox/bench/mailbox-bench.ts [--clients 1000] [--messages 20000] [--inflight 64] [--batch 20]
 *                                          [--only sqlite|pg] [--cpu-prof DIR]
 *
 * Each backend is measured twice on one server: single sends (POST /v1/messages, one message a
 * request, `--inflight` requests at once) and batched sends (POST /v1/messages/batch, `--batch`
 * messages a request, `--inflight` / `--batch` requests at once, so as many messages are in
 * flight). A batched message's latency runs from its batch's POST to its push.
 *
 * `--cpu-prof DIR` writes a V8 CPU profile of the server process to DIR (open it in Chrome's
 * DevTools or summarise it with mailbox/bench/profile-summary.ts) to see where a send's time goes.
 *
 * The server runs in its own process (as in production); this process is the load generator.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'node:http';
import WebSocket from 'ws';
import { createSession } from '../domain/sessions';
import type { Db } from '../store/db';
import { migrate } from '../store/migrate';
import { PgDb } from '../store/pg-db';
import { SqliteDb } from '../store/sqlite-db';
import { startPgCluster } from '../test/pg-cluster';

interface Options {
  readonly clients: number;
  readonly messages: number;
  readonly inflight: number;
  /** Messages per batch request in the batched phase. */
  readonly batch: number;
  readonly only: 'sqlite' | 'pg' | undefined;
  readonly cpuProfDir: string | undefined;
}

interface Result {
  readonly backend: string;
  readonly mode: string;
  readonly acceptedPerSec: number;
  readonly pushedPerSec: number;
  readonly p50: number;
  readonly p99: number;
  readonly rawInsertPerSec: number;
  /** CPU the server process spent per accepted message (user + system, all its threads). */
  readonly serverCpuMsPerMessage: number | undefined;
  /** The same for this load-generating process, which competes for the same cores. */
  readonly clientCpuMsPerMessage: number;
}

function parseArgs(): Options {
  const args = process.argv.slice(2);
  const num = (flag: string, dflt: number): number => {
    const i = args.indexOf(flag);
    const v = i >= 0 ? Number(args[i + 1]) : dflt;
    if (!Number.isInteger(v) || v <= 0) throw new Error(`${flag} needs a positive integer`);
    return v;
  };
  const i = args.indexOf('--only');
  const only = i >= 0 ? args[i + 1] : undefined;
  if (only !== undefined && only !== 'sqlite' && only !== 'pg') throw new Error('--only sqlite|pg');
  const p = args.indexOf('--cpu-prof');
  const cpuProfDir = p >= 0 ? args[p + 1] : undefined;
  if (p >= 0 && cpuProfDir === undefined) throw new Error('--cpu-prof DIR');
  return {
    clients: num('--clients', 1000),
    messages: num('--messages', 20_000),
    inflight: num('--inflight', 64),
    batch: num('--batch', 20),
    only,
    cpuProfDir,
  };
}

const number = (i: number): string => `+1415${String(2_000_000 + i).padStart(7, '0')}`;

/** Registered accounts with one session each, made straight in the store. */
async function seedAccounts(db: Db, count: number): Promise<{ ids: number[]; tokens: string[] }> {
  const ids: number[] = [];
  const tokens: string[] = [];
  await db.transaction(async (tx) => {
    for (let i = 0; i < count; i++) {
      const row = await tx.one<{ id: number }>(
        'INSERT INTO accounts (number, created_at, registered_at) VALUES ($1, $2, $2) RETURNING id',
        [number(i), Date.now()],
      );
      if (row === undefined) throw new Error('seed failed');
      ids.push(row.id);
      tokens.push((await createSession(tx, row.id, 'bench', Date.now())).token);
    }
  });
  return { ids, tokens };
}

/** The rows one accepted message makes (message, delivery, two mailbox entries), inserted bare. */
async function rawInsert(db: Db, ids: readonly number[], messages: number): Promise<number> {
  const start = performance.now();
  const inflight = new Set<Promise<void>>();
  for (let i = 0; i < messages; i++) {
    const from = ids[i % ids.length] ?? 0;
    const to = ids[(i * 7 + 1) % ids.length] ?? 0;
    const p = db
      .transaction(async (tx) => {
        const m = await tx.one<{ id: number }>(
          `INSERT INTO messages (sender_account_id, sender_number, client_id, body, created_at)
           VALUES ($1, $2, $3, $4, $5) RETURNING id`,
          [from, number(0), `raw-${i}`, 'benchmark message text', Date.now()],
        );
        await tx.run(
          `INSERT INTO deliveries (message_id, recipient_number, recipient_account_id, channel, status, status_rank, updated_at)
           VALUES ($1, $2, $3, 'internet', 'sent', 1, $4)`,
          [m?.id ?? 0, number(1), to, Date.now()],
        );
        await tx.run('INSERT INTO mailbox (account_id, message_id, direction, seq) VALUES ($1, $2, $3, $4)', [
          from,
          m?.id ?? 0,
          'out',
          1_000_000 + i,
        ]);
        await tx.run('INSERT INTO mailbox (account_id, message_id, direction, seq) VALUES ($1, $2, $3, $4)', [
          to,
          m?.id ?? 0,
          'in',
          1_000_000 + i,
        ]);
      })
      .finally(() => inflight.delete(p));
    inflight.add(p);
    if (inflight.size >= 64) await Promise.race(inflight);
  }
  await Promise.all(inflight);
  return messages / ((performance.now() - start) / 1000);
}

/**
 * CPU time (ms) used so far by a process and its descendants (any worker it may start),
 * read from /proc; undefined where there is none. Less sensitive than throughput to other load
 * on a shared machine, so before/after comparisons stay meaningful.
 */
function cpuMsOfTree(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const pids = [pid];
    for (let i = 0; i < pids.length; i++) {
      const children = readFileSync(`/proc/${pids[i]}/task/${pids[i]}/children`, 'utf8').trim();
      if (children !== '') pids.push(...children.split(' ').map(Number));
    }
    let ticks = 0;
    for (const p of pids) {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      // Fields after the command name: state is 0, utime 11, stime 12 (in USER_HZ = 100 ticks/s).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    }
    return ticks * 10;
  } catch {
    return undefined;
  }
}

async function startServer(args: string[], cpuProfDir: string | undefined): Promise<{ url: string; child: ChildProcess }> {
  const script = fileURLToPath(new URL('../test/serve-process.ts', import.meta.url));
  // Node itself with tsx as a loader (not the tsx binary, which forks a second process), so
  // the profile flags reach the process that serves.
  const profile = cpuProfDir !== undefined ? ['--cpu-prof', '--cpu-prof-dir', cpuProfDir] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const [line] = (await once(lines, 'line')) as [string];
  return { url: (JSON.parse(line) as { url: string }).url, child };
}

function post(agent: Agent, url: string, token: string, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    });
    req.once('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.once('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.once('error', reject);
    req.end(body);
  });
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function runOne(backend: 'sqlite' | 'pg', opts: Options): Promise<Result[]> {
  const dir = mkdtempSync(join(tmpdir(), 'smsdesk-bench-'));
  const cluster = backend === 'pg' ? startPgCluster() : undefined;
  const location = cluster !== undefined ? ['--pg', cluster.url()] : ['--db', join(dir, 'mailbox.sqlite')];
  const db: Db = cluster !== undefined ? new PgDb(cluster.url()) : new SqliteDb(join(dir, 'mailbox.sqlite'));
  let server: { url: string; child: ChildProcess } | undefined;
  const sockets: WebSocket[] = [];
  try {
    await migrate(db);
    const { ids, tokens } = await seedAccounts(db, opts.clients);
    server = await startServer(location, opts.cpuProfDir);
    const wsUrl = `${server.url.replace(/^http/, 'ws')}/v1/push`;
    // Latency is measured per message: from just before its POST to its push at the recipient.
    const sentAt = new Map<number, number>();
    const latencies: number[] = [];
    const lastState: number[] = new Array<number>(tokens.length).fill(0);
    const pending = new Map<number, number[]>(); // recipient index -> message numbers in flight to it
    let pushed = 0;
    await Promise.all(
      tokens.map(
        (token, i) =>
          new Promise<void>((resolve, reject) => {
            const ws = new WebSocket(wsUrl, { headers: { authorization: `Bearer ${token}` } });
            sockets.push(ws);
            let first = true;
            ws.on('message', (data) => {
              const state = Number((JSON.parse(data.toString()) as { state: string }).state);
              if (first) {
                first = false;
                lastState[i] = state;
                resolve();
                return;
              }
              if (state <= (lastState[i] ?? 0)) return;
              lastState[i] = state;
              const waiting = pending.get(i);
              const n = waiting?.shift();
              if (n === undefined) return;
              const t0 = sentAt.get(n);
              if (t0 !== undefined) {
                latencies.push(performance.now() - t0);
                sentAt.delete(n);
                pushed++;
              }
            });
            ws.once('error', reject);
          }),
      ),
    );
    const half = Math.floor(tokens.length / 2);
    const phase = async (mode: 'single' | 'batch', offset: number, count = opts.messages): Promise<Omit<Result, 'rawInsertPerSec'>> => {
      const size = mode === 'single' ? 1 : opts.batch;
      const concurrency = Math.max(1, Math.floor(opts.inflight / size));
      const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
      const url = `${server?.url}/v1/messages${mode === 'batch' ? '/batch' : ''}`;
      latencies.length = 0;
      pushed = 0;
      let accepted = 0;
      const cpuBefore = cpuMsOfTree(server?.child.pid);
      const clientCpuBefore = process.cpuUsage();
      const start = performance.now();
      let next = 0;
      const worker = async (): Promise<void> => {
        for (;;) {
          const first = next;
          next += size;
          if (first >= count) return;
          // Each sender's own mailbox also moves (its sent copy), so senders are kept apart from
          // recipients: the first half send, the second half receive. A batch comes from one sender.
          const from = (first / size) % half;
          const messages = [];
          for (let n = first; n < Math.min(first + size, count); n++) {
            const to = half + (n % (tokens.length - half));
            const list = pending.get(to) ?? [];
            list.push(offset + n);
            pending.set(to, list);
            sentAt.set(offset + n, performance.now());
            messages.push({ clientId: `b-${offset + n}`, to: [number(to)], text: 'benchmark message text' });
          }
          const body = JSON.stringify(mode === 'single' ? messages[0] : { messages });
          const res = await post(agent, url, tokens[from] ?? '', body);
          if (res.status !== 200) continue;
          accepted += mode === 'single' ? 1 : (JSON.parse(res.body) as { results: { ok: boolean }[] }).results.filter((r) => r.ok).length;
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
      const acceptedSecs = (performance.now() - start) / 1000;
      const until = Date.now() + 10_000;
      while (pushed < accepted && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      const pushedSecs = (performance.now() - start) / 1000;
      const cpuAfter = cpuMsOfTree(server?.child.pid);
      const clientCpu = process.cpuUsage(clientCpuBefore);
      agent.destroy();
      const sorted = [...latencies].sort((a, b) => a - b);
      return {
        backend,
        mode: mode === 'single' ? 'single' : `batch ${size}`,
        acceptedPerSec: accepted / acceptedSecs,
        pushedPerSec: pushed / pushedSecs,
        p50: percentile(sorted, 50),
        p99: percentile(sorted, 99),
        clientCpuMsPerMessage: (clientCpu.user + clientCpu.system) / 1000 / Math.max(1, accepted),
        serverCpuMsPerMessage:
          cpuBefore !== undefined && cpuAfter !== undefined && accepted > 0 ? (cpuAfter - cpuBefore) / accepted : undefined,
      };
    };
    // Unmeasured warm-up (the JIT, pooled connections, prepared statements) so the first measured mode is not charged for it.
    await phase('single', 2 * opts.messages, Math.min(500, opts.messages));
    const single = await phase('single', 0);
    const batched = await phase('batch', opts.messages);
    const raw = await rawInsert(db, ids, opts.messages);
    return [
      { ...single, rawInsertPerSec: raw },
      { ...batched, rawInsertPerSec: raw },
    ];
  } finally {
    for (const ws of sockets) ws.terminate();
    if (server !== undefined) {
      server.child.kill('SIGTERM');
      await once(server.child, 'exit');
    }
    await db.close();
    cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const opts = parseArgs();
  const results: Result[] = [];
  for (const backend of ['sqlite', 'pg'] as const) {
    if (opts.only !== undefined && opts.only !== backend) continue;
    results.push(...(await runOne(backend, opts)));
  }
  process.stdout.write(
    `mailbox: ${opts.messages} messages a mode, ${opts.clients} push clients, ${opts.inflight} messages in flight (single: one a request; batch: ${opts.batch} a request)\n`,
  );
  for (const r of results) {
    process.stdout.write(
      `${r.backend.padEnd(7)}${r.mode.padEnd(9)} accepted ${r.acceptedPerSec.toFixed(0).padStart(6)}/s  pushed ${r.pushedPerSec
        .toFixed(0)
        .padStart(6)}/s  p50 ${r.p50.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms  raw insert ${r.rawInsertPerSec
        .toFixed(0)
        .padStart(6)}/s  CPU/msg server ${r.serverCpuMsPerMessage?.toFixed(2) ?? '?'} ms, bench ${r.clientCpuMsPerMessage.toFixed(2)} ms\n`,
    );
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
