import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addStation, listStations, revokeStation } from '../domain/stations';
import { DIALECTS, useBackends } from '../test/backends';
import { startHarness, type Harness } from '../test/harness';
import { TestStation } from '../test/station-client';

const backends = useBackends();
beforeAll(() => backends.start());
afterAll(() => backends.stop());

const DAN = '+14155550104';

describe.each(DIALECTS)('gateway stations on %s', (dialect) => {
  let h: Harness;
  const extra: TestStation[] = [];
  afterEach(async () => {
    for (const s of extra.splice(0)) await s.close();
    await h?.close();
  });

  async function second(name: string): Promise<TestStation> {
    const { token } = await addStation(h.server.internals.ctx.db, name);
    const station = await TestStation.connect(h.url, token);
    extra.push(station);
    return station;
  }

  async function jobState(id: number): Promise<{ state: string; station_id: number | null; attempts: number }> {
    const row = await h.server.internals.ctx.db.one<{ state: string; station_id: number | null; attempts: number }>(
      'SELECT state, station_id, attempts FROM jobs WHERE id = $1',
      [id],
    );
    if (row === undefined) throw new Error('no job');
    return row;
  }

  it('lists and revokes stations; a revoked token is refused and its live socket closed', async () => {
    h = await startHarness(backends, dialect);
    const db = h.server.internals.ctx.db;
    const { station, token } = await addStation(db, '  office modem  ');
    expect(station.name).toBe('office modem');
    expect(token).toMatch(/^smsd_st_/);
    const live = await TestStation.connect(h.url, token);
    extra.push(live);
    expect((await listStations(db)).map((s) => [s.name, s.revokedAt === null])).toEqual([
      ['test gateway', true],
      ['office modem', true],
    ]);
    const closed = new Promise<number>((resolve) => live.socket.once('close', (code) => resolve(code)));
    expect(await revokeStation(db, station.id)).toBe(true);
    expect(await revokeStation(db, station.id)).toBe(false);
    expect(await closed).toBe(4001);
    await expect(TestStation.connect(h.url, token)).rejects.toThrow('refused: 401');
  });

  it('refuses forged tokens and session tokens on the station socket', async () => {
    h = await startHarness(backends, dialect);
    await expect(TestStation.connect(h.url, 'smsd_st_forgedforgedforgedforgedforgedforgedfor')).rejects.toThrow('refused: 401');
    const session = await h.login(DAN);
    await expect(TestStation.connect(h.url, session)).rejects.toThrow('refused: 401');
  });

  it('gives a job to exactly one of several stations', async () => {
    h = await startHarness(backends, dialect);
    const others = [await second('b'), await second('c')];
    await h.call('POST', '/v1/auth/code', { number: DAN });
    const all = [h.station, ...others];
    const leases = await Promise.all(all.map((s) => s.next((f) => f.type === 'lease' || f.type === 'taken').then((f) => f.type)));
    expect(leases.filter((t) => t === 'lease')).toHaveLength(1);
    expect(leases.filter((t) => t === 'taken')).toHaveLength(2);
  });

  it('hands a job held by a station that disconnects to another station', async () => {
    h = await startHarness(backends, dialect);
    h.station.behaviour = 'hold';
    await h.call('POST', '/v1/auth/code', { number: DAN });
    const lease = await h.station.next((f) => f.type === 'lease');
    const jobId = lease.type === 'lease' ? lease.jobId : 0;
    expect((await jobState(jobId)).state).toBe('leased');
    await h.station.close();
    const other = await second('backup');
    const sms = await other.nextSms(DAN, 'login-code');
    expect(sms.jobId).toBe(jobId);
    expect(await jobState(jobId)).toMatchObject({ state: 'done', attempts: 2 });
  });

  it('re-offers a job whose lease expired while its station stayed silent', async () => {
    h = await startHarness(backends, dialect);
    h.station.behaviour = 'hold';
    await h.call('POST', '/v1/auth/code', { number: DAN });
    const lease = await h.station.next((f) => f.type === 'lease');
    const jobId = lease.type === 'lease' ? lease.jobId : 0;
    // Silent from here on: it neither finishes the job nor claims offers.
    h.station.behaviour = 'ignore';
    const other = await second('backup');
    h.clock.advance(h.server.internals.ctx.policy.jobLeaseMs + 1);
    // The silent station's late result is refused: it no longer holds the job.
    const sms = await other.nextSms(DAN, 'login-code');
    expect(sms.jobId).toBe(jobId);
    h.station.send({ v: 1, type: 'result', jobId, outcome: 'sent' });
    const ack = await h.station.next((f) => f.type === 'ack' && f.of === 'result');
    expect(ack).toMatchObject({ ok: false });
  });

  it('answers malformed, unknown and other-version frames with typed errors and stays up', async () => {
    h = await startHarness(backends, dialect);
    h.station.send('not json');
    expect(await h.station.next((f) => f.type === 'error')).toMatchObject({ code: 'bad-frame' });
    h.station.send({ v: 2, type: 'claim', jobId: 1 });
    expect(await h.station.next((f) => f.type === 'error')).toMatchObject({ code: 'unsupported-version' });
    h.station.send({ v: 1, type: 'claim', jobId: 1, extra: "'; DROP TABLE jobs; --" });
    expect(await h.station.next((f) => f.type === 'error')).toMatchObject({ code: 'bad-frame' });
    h.station.send({ v: 1, type: 'claim', jobId: 999 });
    expect(await h.station.next((f) => f.type === 'taken')).toMatchObject({ jobId: 999 });
    await h.call('POST', '/v1/auth/code', { number: DAN });
    expect((await h.station.nextSms(DAN)).kind).toBe('login-code');
  });

  it('fails the delivery when no station can send the SMS', async () => {
    h = await startHarness(backends, dialect, { policy: { maxJobAttempts: 2 } });
    const alice = await h.login('+14155550101');
    h.station.behaviour = 'fail';
    await h.call('POST', '/v1/messages', { clientId: 'x1', to: [DAN], text: 'hello' }, alice);
    await waitFor(async () => {
      const res = await h.call('GET', '/v1/changes', undefined, alice);
      return res.body.items[0]?.deliveries[0]?.status === 'failed';
    });
    const jobs = await h.server.internals.ctx.db.all<{ state: string }>("SELECT state FROM jobs WHERE kind = 'invite'");
    expect(jobs).toEqual([{ state: 'failed' }]);
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
