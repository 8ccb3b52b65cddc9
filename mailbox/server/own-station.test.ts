import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, useBackends } from '../test/backends';
import { startHarness, type Harness } from '../test/harness';
import { TestStation } from '../test/station-client';

const backends = useBackends();
beforeAll(() => backends.start());
afterAll(() => backends.stop());

const ALICE = '+14155550101';
const BOB = '+14155550102';
const ERIN = '+14155550105';

describe.each(DIALECTS)('own stations on %s', (dialect) => {
  let h: Harness;
  const mine: TestStation[] = [];
  afterEach(async () => {
    for (const s of mine.splice(0)) await s.close();
    await h?.close();
  });

  /** Links a station for the account and proves it by uploading the code SMS it "received". */
  async function link(token: string, number: string, prove = true): Promise<{ station: TestStation; id: number }> {
    const res = await h.call('POST', '/v1/stations', { name: 'my desk' }, token);
    expect(res.status).toBe(201);
    expect(res.body.station).toMatchObject({ name: 'my desk', verified: false });
    const station = await TestStation.connect(h.url, res.body.token);
    mine.push(station);
    const codeSms = await h.station.nextSms(number, 'link-code');
    if (prove) {
      station.send({ v: 1, type: 'received', id: 'in-1', from: '+14155559999', text: codeSms.text, receivedAt: h.clock.now() });
      await station.next((f) => f.type === 'ack' && f.of === 'received');
    }
    return { station, id: res.body.station.id };
  }

  it('verifies a station that received the link code through the owner SIM, then sends "from my number" through it', async () => {
    h = await startHarness(backends, dialect);
    const alice = await h.login(ALICE);
    const refused = await h.call('POST', '/v1/messages', { clientId: 'o-0', to: [ERIN], text: 'hi', via: 'own-station' }, alice);
    expect([refused.status, refused.body.error.code]).toEqual([404, 'not-found']);

    const { station } = await link(alice, ALICE);
    expect((await h.call('GET', '/v1/stations', undefined, alice)).body.stations).toEqual([
      expect.objectContaining({ name: 'my desk', verified: true }),
    ]);
    const text = 'A long message sent as a real SMS from my own number, with every word kept intact.';
    const sent = await h.call('POST', '/v1/messages', { clientId: 'o-1', to: [ERIN], text, via: 'own-station' }, alice);
    expect(sent.status).toBe(200);
    expect(sent.body.deliveries).toEqual([expect.objectContaining({ number: ERIN, channel: 'sms', status: 'queued' })]);
    const sms = await station.nextSms(ERIN, 'message');
    expect(sms.text).toBe(text);
    // The gateway never saw it.
    expect(h.station.frames.some((f) => f.type === 'offer' && f.job.to === ERIN)).toBe(false);
    station.send({ v: 1, type: 'report', jobId: sms.jobId, status: 'delivered' });
    await station.next((f) => f.type === 'ack' && f.of === 'report');
    const mineNow = await h.call('GET', '/v1/changes', undefined, alice);
    expect(mineNow.body.items.at(-1).deliveries).toEqual([expect.objectContaining({ status: 'delivered' })]);
  });

  it('uploads SMS the own station receives into its owner mailbox', async () => {
    h = await startHarness(backends, dialect);
    const alice = await h.login(ALICE);
    const { station } = await link(alice, ALICE);
    station.send({ v: 1, type: 'received', id: 'in-2', from: '+1 415 555 0105', text: 'Running late', receivedAt: 1_700_000_000_000 });
    await station.next((f) => f.type === 'ack' && f.of === 'received');
    const box = await h.call('GET', '/v1/changes', undefined, alice);
    expect(box.body.items).toEqual([
      expect.objectContaining({ direction: 'in', from: ERIN, text: 'Running late', createdAt: 1_700_000_000_000 }),
    ]);
  });

  it('trusts nothing from a station that has not proved the SIM', async () => {
    h = await startHarness(backends, dialect);
    const alice = await h.login(ALICE);
    const { station } = await link(alice, ALICE, false);
    station.send({ v: 1, type: 'received', id: 'x', from: ERIN, text: 'code 000000 and 123456', receivedAt: 1 });
    await station.next((f) => f.type === 'ack' && f.of === 'received');
    expect((await h.call('GET', '/v1/changes', undefined, alice)).body.items).toEqual([]);
    expect((await h.call('GET', '/v1/stations', undefined, alice)).body.stations[0].verified).toBe(false);
    const refused = await h.call('POST', '/v1/messages', { clientId: 'o', to: [ERIN], text: 'hi', via: 'own-station' }, alice);
    expect(refused.status).toBe(404);
  });

  it('lets nobody but the owner make the station send or unlink it', async () => {
    h = await startHarness(backends, dialect);
    const alice = await h.login(ALICE);
    const bob = await h.login(BOB);
    const { station, id } = await link(alice, ALICE);
    const viaBob = await h.call('POST', '/v1/messages', { clientId: 'b', to: [ERIN], text: 'spam', via: 'own-station' }, bob);
    expect(viaBob.status).toBe(404);
    expect((await h.call('DELETE', `/v1/stations/${id}`, undefined, bob)).status).toBe(404);
    // Bob's ordinary sends go through the gateway, never through Alice's station.
    await h.call('POST', '/v1/messages', { clientId: 'b2', to: [ERIN], text: 'invite' }, bob);
    await h.station.nextSms(ERIN, 'invite');
    expect(station.frames.filter((f) => f.type === 'offer')).toEqual([]);
    const closed = new Promise<number>((resolve) => station.socket.once('close', (code) => resolve(code)));
    expect((await h.call('DELETE', `/v1/stations/${id}`, undefined, alice)).status).toBe(204);
    expect(await closed).toBe(4001);
  });
});
