/** `smsdesk station --demo --mailbox URL`: the headless station serves a real mailbox server (SQLite) as a gateway. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addStation, serveMailbox, type MailboxServer } from '../../../mailbox/index';
import { DEMO_HANDSET_NUMBER } from '../../../modem/emulator';
import { until } from '../../station/testing';
import { memoryTokenStore, MailboxClient } from '../../sync/index';
import { runCli } from '../main';
import { fakeIo } from '../testing';

let dir: string | undefined;
let server: MailboxServer | undefined;
afterEach(async () => {
  delete process.env['SMSDESK_STATION_TOKEN'];
  await server?.close();
  server = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('smsdesk station --mailbox', () => {
  it('connects as the mailbox’s station and sends its login codes by SMS', async () => {
    dir = mkdtempSync(join(tmpdir(), 'cli-station-mailbox-'));
    server = await serveMailbox({ port: 0, db: join(dir, 'mailbox.sqlite'), http: { requestsPerMinute: false }, sweepMs: 200 });
    const { token } = await addStation(server.internals.ctx.db, 'cli gateway');
    process.env['SMSDESK_STATION_TOKEN'] = token;
    let stop = (): void => undefined;
    const io = fakeIo(new Promise<void>((resolve) => (stop = resolve)));
    const running = runCli(['station', '--demo', '--db', join(dir, 'archive.sqlite'), '--mailbox', server.url], io);

    await until(() => io.text().includes('connected as station "cli gateway"'), 'the station connected to the mailbox', 20_000);
    await new MailboxClient({ url: server.url, tokens: memoryTokenStore() }).requestCode(DEMO_HANDSET_NUMBER);
    await until(() => io.text().includes(`to ${DEMO_HANDSET_NUMBER}: delivered`), 'the login code delivered', 20_000);
    stop();
    expect(await running).toBe(0);
    expect(io.text()).toContain('Stopped.');
    expect(io.text()).not.toContain(token);
  }, 60_000);

  it('refuses without the token or with an address that is not http(s), in words', async () => {
    const noToken = fakeIo();
    expect(await runCli(['station', '--demo', '--mailbox', 'https://mailbox.example.org'], noToken)).toBe(2);
    expect(noToken.err.join('')).toContain('SMSDESK_STATION_TOKEN');
    process.env['SMSDESK_STATION_TOKEN'] = 'anything';
    const badUrl = fakeIo();
    expect(await runCli(['station', '--demo', '--mailbox', 'ftp://mailbox.example.org'], badUrl)).toBe(2);
    expect(badUrl.err.join('')).toContain('--mailbox: ');
  });
});
