/**
 * The mailbox server benchmark (mailbox/bench/mailbox-bench.ts) as part of `npm run bench`:
 * accepted and pushed messages per second and p50/p99 latency with many push clients, on
 * SQLite and PostgreSQL, for single sends and for batched sends (POST /v1/messages/batch), next
 * to a raw insert of the same rows. `--quick`: 200 clients, 2,000 messages a mode.
 */
const quick = process.argv.includes('--quick');
process.argv = [process.argv[0]!, process.argv[1]!, ...(quick ? ['--clients', '200', '--messages', '2000'] : [])];
await import('../mailbox/bench/mailbox-bench');

// A module, so the top-level await above is allowed.
export {};
