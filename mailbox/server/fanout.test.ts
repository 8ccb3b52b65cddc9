import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../store/migrations';
import { useBackends } from '../test/backends';
import { startHarness } from '../test/harness';
import { serveMailbox } from './serve';

const backends = useBackends();
beforeAll(() => backends.start());
afterAll(() => backends.stop());

const ALICE = '+14155550101';
const BOB = '+14155550102';

/** Starts `test/serve-process.ts` under tsx and waits for the URL it prints. */
async function serverProcess(pgUrl: string): Promise<{ url: string; child: ChildProcess }> {
  const script = fileURLToPath(new URL('../test/serve-process.ts', import.meta.url));
  const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
  const child = spawn(tsx, [script, '--pg', pgUrl], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const [line] = (await Promise.race([
    once(lines, 'line'),
    once(child, 'exit').then(([code]) => {
      throw new Error(`server process exited with ${String(code)}`);
    }),
  ])) as [string];
  return { url: (JSON.parse(line) as { url: string }).url, child };
}

describe('several server processes on one PostgreSQL', () => {
  it('pushes a message accepted by one process to a client connected to another', async () => {
    const pgUrl = await backends.freshPgUrl();
    // Process A: this test process (with the gateway station). Process B: a separate OS process.
    const a = await startHarness(backends, 'pg', { pg: pgUrl });
    const b = await serverProcess(pgUrl);
    try {
      const bob = await a.login(BOB);
      // Alice asks for her code at B; the station connected to A sends it (jobs fan out too).
      const asked = await fetch(`${b.url}/v1/auth/code`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ number: ALICE }),
      });
      expect(asked.status).toBe(202);
      const sms = await a.station.nextSms(ALICE, 'login-code');
      const code = /\d{6}/.exec(sms.text)?.[0];
      const login = await fetch(`${b.url}/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ number: ALICE, code, device: 'on B' }),
      });
      const alice = ((await login.json()) as { token: string }).token;

      const bobPush = await a.push(bob);
      await bobPush.waitFor(0);
      const before = Number(bobPush.states.at(-1));
      const sent = await fetch(`${b.url}/v1/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${alice}` },
        body: JSON.stringify({ clientId: 'cross-1', to: [BOB], text: 'from process B' }),
      });
      expect(sent.status).toBe(200);
      await bobPush.waitFor(before + 1);
      const inbox = await a.call('GET', `/v1/changes?since=${before}`, undefined, bob);
      expect(inbox.body.items).toEqual([expect.objectContaining({ from: ALICE, text: 'from process B' })]);
    } finally {
      b.child.kill('SIGTERM');
      await once(b.child, 'exit');
      await a.close();
    }
  }, 30_000);

  it('lets only one of two processes migrate a new database and both serve it', async () => {
    const pgUrl = await backends.freshPgUrl();
    const [one, two] = await Promise.all([serveMailbox({ port: 0, pg: pgUrl }), serveMailbox({ port: 0, pg: pgUrl })]);
    try {
      for (const s of [one, two]) {
        const res = await fetch(`${s.url}/healthz`);
        expect(await res.json()).toEqual({ ok: true, schemaVersion: LATEST_SCHEMA_VERSION });
      }
    } finally {
      await one.close();
      await two.close();
    }
  });
});
