/** StationLink: real Stations on the emulator serving a real mailbox server (SQLite). */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addStation, listStations, revokeStation } from '../../mailbox/index';
import type { StationLinkEvent } from './station-link';
import {
  B_NUMBER,
  C_NUMBER,
  codeIn,
  D_NUMBER,
  GATEWAY_NUMBER,
  sqliteBackends,
  startWorld,
  thread,
  until,
  waitForMessage,
  type World,
} from './testing';

const backends = sqliteBackends();
beforeAll(() => backends.start());
afterAll(() => backends.stop());

/** A second gateway SIM. */
const G2_NUMBER = '+491555000002';
/** Nobody on the virtual network has this number: the service centre reports "not obtainable". */
const NOBODY = '+491559999999';

let world: World | undefined;
afterEach(async () => {
  await world?.cleanup();
  world = undefined;
});

const jobEvent = (events: StationLinkEvent[], state: string) =>
  events.find((e): e is Extract<StationLinkEvent, { kind: 'job' }> => e.kind === 'job' && e.state === state);

describe('StationLink', () => {
  it('keeps a job it took across a restart: its SMS is queued once, sent once, and reported', async () => {
    world = await startWorld(backends, 'sqlite', { sims: [G2_NUMBER] });
    // Only the station under test serves jobs.
    await world.gateway.link.stop();
    const { token } = await addStation(world.server.internals.ctx.db, 'slow gateway');
    const slow = await world.rig.station('slow', 1, { ratePerMinute: 1 });
    // Its one SMS a minute is spent, so the next job waits in its outbox.
    slow.queue({ to: D_NUMBER, text: 'warming up' });
    await until(() => world?.handset(D_NUMBER).inbox.length === 1, 'the warm-up SMS');
    const first = world.link(slow, token);
    await until(() => first.link.connected, 'connected');

    const b = world.core('b', { start: false });
    await b.client.requestCode(B_NUMBER);
    const accepted = await until(() => jobEvent(first.events, 'accepted'), 'the job accepted');
    expect(slow.archive.messages.getByUid(accepted.uid)).toMatchObject({ status: 'queued', peer: B_NUMBER });
    // The station goes down with the job taken and its SMS unsent.
    await first.link.stop();
    await slow.stop();

    const again = await world.rig.station('slow', 1);
    const second = world.link(again, token);
    const sms = await until(() => world?.handset(B_NUMBER).inbox.find((m) => m.from === G2_NUMBER), 'the code at B');
    // The restarted station sends what its outbox holds by itself; the link tells the server.
    const reported = await until(() => jobEvent(second.events, 'reported'), 'the job reported');
    expect([reported.jobId, reported.uid, reported.detail]).toEqual([accepted.jobId, accepted.uid, 'accepted']);
    expect(jobEvent(second.events, 'resumed')?.uid).toBe(accepted.uid);
    expect(second.link.openJobs).toBe(0);
    expect(jobEvent(second.events, 'accepted')).toBeUndefined();
    expect(thread(again.archive, B_NUMBER).map((m) => [m.uid, m.status])).toEqual([[accepted.uid, 'delivered']]);
    expect(world.handset(B_NUMBER).inbox).toHaveLength(1);
    await b.client.login({ number: B_NUMBER, code: codeIn(sms.text) }, 'B');
  });

  it('shares the work with another gateway: every SMS goes out exactly once', async () => {
    world = await startWorld(backends, 'sqlite', { sims: [G2_NUMBER] });
    const { token } = await addStation(world.server.internals.ctx.db, 'second gateway');
    const other = world.link(await world.rig.station('second', 1), token);
    await until(() => other.link.connected, 'the second gateway connected');
    const d = world.core('d');
    await world.loginByHandset(d, D_NUMBER);
    const texts = ['one', 'two', 'three', 'four', 'five', 'six'];
    for (const text of texts) d.engine.send({ to: text.length % 2 === 0 ? B_NUMBER : C_NUMBER, text });
    await until(
      () =>
        thread(d.archive, B_NUMBER)
          .concat(thread(d.archive, C_NUMBER))
          .filter((m) => m.status === 'delivered').length === 6,
      'all delivered',
    );
    const invitations = [...world.handset(B_NUMBER).inbox, ...world.handset(C_NUMBER).inbox];
    for (const text of texts) expect(invitations.filter((m) => m.text.includes(`"${text}"`))).toHaveLength(1);
    await until(() => world?.gateway.link.openJobs === 0 && other.link.openJobs === 0, 'both gateways done');
  });

  it('reports a failed status report: the sender sees the message failed', async () => {
    world = await startWorld(backends, 'sqlite');
    const d = world.core('d');
    await world.loginByHandset(d, D_NUMBER);
    const sent = d.engine.send({ to: NOBODY, text: 'Anyone there?' });
    const failed = await waitForMessage(d.archive, NOBODY, (m) => m.uid === sent.uid && m.status === 'failed', 'failed at D');
    expect(failed.statusReason).toBe('The SMS could not be delivered.');
    expect(thread(world.gateway.station.archive, NOBODY).map((m) => m.status)).toEqual(['failed']);
  });

  it('uploads the SMS that arrived while the server was down, once it is back', async () => {
    world = await startWorld(backends, 'sqlite');
    const phoneD = world.handset(D_NUMBER);
    await world.restartServer(async () => {
      await until(() => !world?.gateway.link.connected, 'the link down');
      await phoneD.send(GATEWAY_NUMBER, 'are you there?');
      await until(() => thread(world!.gateway.station.archive, D_NUMBER).length === 1, 'stored at the station');
    });
    const stored = thread(world.gateway.station.archive, D_NUMBER)[0]!;
    await until(() => world?.gateway.events.find((e) => e.kind === 'uploaded' && e.uid === stored.uid), 'the upload acknowledged');
    const rows = await world.server.internals.ctx.db.all<{ station_message_id: string; body: string }>(
      'SELECT station_message_id, body FROM received_sms',
      [],
    );
    expect(rows).toEqual([{ station_message_id: stored.uid, body: 'are you there?' }]);
  });

  it('stops for good when its token is revoked', async () => {
    world = await startWorld(backends, 'sqlite');
    const db = world.server.internals.ctx.db;
    const [gateway] = await listStations(db);
    if (gateway === undefined) throw new Error('no gateway');
    await revokeStation(db, gateway.id);
    await until(() => world?.gateway.events.find((e) => e.kind === 'refused'), 'refused');
    expect(world.gateway.link.connected).toBe(false);
  });
});
