/**
 * A mailbox server in its own OS process, for the multi-process tests and the benchmark:
 * started with `--pg URL` or `--db FILE`, it prints `{"url": ...}` on one line when listening
 * and closes cleanly on SIGTERM. `--open` turns the HTTP rate limits off (benchmarks).
 */
import { serveMailbox } from '../server/serve';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const value = (flag: string): string | undefined => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const pg = value('--pg');
  const db = value('--db');
  if (pg === undefined && db === undefined) throw new Error('usage: serve-process --pg URL | --db FILE');
  const server = await serveMailbox({
    port: 0,
    ...(pg !== undefined ? { pg } : { db: db ?? '' }),
    http: { requestsPerMinute: false },
    sweepMs: 200,
    pgPoolSize: 20,
  });
  process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
  process.once('SIGTERM', () => {
    void server.close().then(() => process.exit(0));
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
