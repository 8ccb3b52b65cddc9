import { describe, expect, it } from 'vitest';
import { backoffDelay } from './outbox';
import { T0, testArchive } from './test-support';

describe('outbox', () => {
  it('queues a message and its job in one transaction, with events', () => {
    const archive = testArchive();
    const { message, job } = archive.outbox.queue({ to: '0170 1234567', body: 'hello' });
    expect(message).toMatchObject({ direction: 'out', peer: '+491701234567', status: 'queued', channel: 'sms' });
    expect(message.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/);
    expect(job).toMatchObject({ messageId: message.id, state: 'queued', attempts: 0, notBefore: T0 });
    expect(archive.events.forMessage(message.id).map((e) => `${e.kind}:${e.to}`)).toEqual(['message-status:queued', 'job-state:queued']);
  });

  it('leaves nothing behind when queueing fails half-way', () => {
    const archive = testArchive();
    // A pinned modem that does not exist breaks the job insert after the message insert.
    expect(() => archive.outbox.queue({ to: '+491701234567', body: 'x', modemId: 999 })).toThrow(/FOREIGN KEY/);
    expect(archive.db.prepare('SELECT count(*) FROM messages').pluck().get()).toBe(0);
    expect(archive.db.prepare('SELECT count(*) FROM outbox_jobs').pluck().get()).toBe(0);
  });

  it('queues a client id once however often it is sent', () => {
    const archive = testArchive();
    const uid = '0192f0c1-0000-7000-8000-000000000001';
    const a = archive.outbox.queue({ to: '+491701234567', body: 'x', uid });
    const b = archive.outbox.queue({ to: '+491701234567', body: 'x', uid });
    expect(b.message.id).toBe(a.message.id);
    expect(archive.db.prepare('SELECT count(*) FROM outbox_jobs').pluck().get()).toBe(1);
  });

  it('holds scheduled sends until their time and gives a job to one claimer only', () => {
    const archive = testArchive();
    archive.outbox.queue({ to: '+491701234567', body: 'later', notBefore: T0 + 60_000 });
    expect(archive.outbox.claimNext('station-a', { claimMs: 30_000 })).toBeUndefined();
    archive.clock.now = T0 + 60_000;
    const claimed = archive.outbox.claimNext('station-a', { claimMs: 30_000 });
    expect(claimed?.job).toMatchObject({ state: 'claimed', claimedBy: 'station-a', attempts: 1 });
    expect(claimed?.message.status).toBe('sending');
    expect(archive.outbox.claimNext('station-b', { claimMs: 30_000 })).toBeUndefined();
  });

  it('gives a pinned job only to a station that drives that modem', () => {
    const archive = testArchive();
    const modem = archive.modems.seen({ imei: '356938035643809' });
    archive.outbox.queue({ to: '+491701234567', body: 'x', modemId: modem.id });
    expect(archive.outbox.claimNext('s', { claimMs: 1000, modemIds: [modem.id + 1] })).toBeUndefined();
    expect(archive.outbox.claimNext('s', { claimMs: 1000, modemIds: [modem.id] })).toBeDefined();
  });

  it('records TP-MR per part and marks the message sent when every part is in', () => {
    const archive = testArchive();
    const modem = archive.modems.seen({ imei: '356938035643809' });
    const { message, job } = archive.outbox.queue({ to: '+491701234567', body: 'long', partCount: 2 });
    archive.outbox.claimNext('s', { claimMs: 30_000 });
    archive.outbox.beginPart(message.id, 1, { pdu: new Uint8Array([1, 2]), modemId: modem.id });
    archive.outbox.partSubmitted(message.id, 1, { tpMr: 17, modemId: modem.id });
    expect(archive.messages.get(message.id)?.status).toBe('sending');
    archive.outbox.partSubmitted(message.id, 2, { tpMr: 18, modemId: modem.id });
    archive.outbox.done(job.id);
    expect(archive.messages.get(message.id)).toMatchObject({ status: 'sent', sentAt: T0 });
    expect(archive.outbox.parts(message.id).map((p) => [p.seq, p.tpMr, p.status])).toEqual([
      [1, 17, 'sent'],
      [2, 18, 'sent'],
    ]);
    expect(archive.modems.submittedSince(modem.id, T0 - 60_000)).toBe(2);
    expect(() => archive.outbox.partSubmitted(message.id, 1, { tpMr: 256 })).toThrow(/0 to 255/);
  });

  it('retries transient errors with backoff and fails after the last attempt, in words', () => {
    const archive = testArchive();
    const { message, job } = archive.outbox.queue({ to: '+491701234567', body: 'x', maxAttempts: 2 });
    archive.outbox.claimNext('s', { claimMs: 30_000 });
    expect(archive.outbox.retryLater(job.id, 'The network is not available')).toBe('queued');
    expect(archive.outbox.job(job.id)).toMatchObject({
      state: 'queued',
      notBefore: T0 + backoffDelay(1),
      lastError: 'The network is not available',
    });
    expect(archive.messages.get(message.id)?.status).toBe('queued');
    archive.clock.now += backoffDelay(1);
    archive.outbox.claimNext('s', { claimMs: 30_000 });
    expect(archive.outbox.retryLater(job.id, 'The network is not available')).toBe('failed');
    expect(archive.messages.get(message.id)).toMatchObject({
      status: 'failed',
      statusReason: 'The network is not available (gave up after 2 attempts)',
    });
  });

  it('fails permanently with the reason', () => {
    const archive = testArchive();
    const { message, job } = archive.outbox.queue({ to: '+491701234567', body: 'x' });
    archive.outbox.claimNext('s', { claimMs: 30_000 });
    archive.outbox.fail(job.id, 'The number does not exist');
    expect(archive.messages.get(message.id)).toMatchObject({ status: 'failed', statusReason: 'The number does not exist' });
  });

  it('never resends an unconfirmed message by itself, only when a person asks', () => {
    const archive = testArchive();
    const { message, job } = archive.outbox.queue({ to: '+491701234567', body: 'x' });
    archive.outbox.claimNext('s', { claimMs: 30_000 });
    archive.outbox.unconfirmed(job.id, 'The modem did not answer after the message was handed over');
    archive.clock.now += 86_400_000;
    expect(archive.outbox.claimNext('s', { claimMs: 30_000 })).toBeUndefined();
    expect(archive.messages.get(message.id)?.status).toBe('unconfirmed');
    archive.outbox.resendUnconfirmed(job.id);
    expect(archive.outbox.claimNext('s', { claimMs: 30_000 })?.message.id).toBe(message.id);
  });

  it('after a crash requeues claims that sent nothing and marks the others unconfirmed', () => {
    const archive = testArchive();
    const idle = archive.outbox.queue({ to: '+491701111111', body: 'a' });
    const busy = archive.outbox.queue({ to: '+491702222222', body: 'b' });
    archive.outbox.claimNext('s', { claimMs: 1000 });
    archive.outbox.claimNext('s', { claimMs: 1000 });
    archive.outbox.beginPart(busy.message.id, 1, { pdu: new Uint8Array([9]) });
    archive.clock.now += 1001;
    const touched = archive.outbox.recoverExpiredClaims();
    expect(touched.map((j) => [j.messageId, j.state])).toEqual([
      [idle.message.id, 'queued'],
      [busy.message.id, 'unconfirmed'],
    ]);
    expect(archive.messages.get(busy.message.id)?.status).toBe('unconfirmed');
  });

  it('does not call a message unconfirmed when its earlier attempt was refused and the new claim sent nothing', () => {
    const archive = testArchive();
    const { message } = archive.outbox.queue({ to: '+491701111111', body: 'refused once' });
    const first = archive.outbox.claimNext('s', { claimMs: 1000 })!.job;
    archive.outbox.beginPart(message.id, 1, { pdu: new Uint8Array([9]) });
    archive.outbox.retryLater(first.id, 'The network refused it for now.', 0); // the part never left
    archive.outbox.claimNext('s', { claimMs: 1000 });
    archive.clock.now += 1001; // the station died before beginning the part again
    expect(archive.outbox.recoverExpiredClaims().map((j) => j.state)).toEqual(['queued']);
    expect(archive.messages.get(message.id)?.status).toBe('queued');
  });

  it('keeps parts sent in an earlier attempt and calls only a part begun in this claim in flight', () => {
    const archive = testArchive();
    const { message } = archive.outbox.queue({ to: '+491701111111', body: 'two parts', partCount: 2 });
    const first = archive.outbox.claimNext('s', { claimMs: 1000 })!.job;
    archive.outbox.beginPart(message.id, 1, { pdu: new Uint8Array([1]) });
    archive.outbox.partSubmitted(message.id, 1, { tpMr: 7 });
    archive.outbox.beginPart(message.id, 2, { pdu: new Uint8Array([2]) });
    archive.outbox.retryLater(first.id, 'Part 2 was refused for now.', 0);
    expect(archive.outbox.parts(message.id).map((p) => [p.seq, p.status])).toEqual([[1, 'sent']]);
    archive.outbox.claimNext('s', { claimMs: 1000 });
    archive.outbox.beginPart(message.id, 2, { pdu: new Uint8Array([2]) });
    archive.clock.now += 1001; // died while part 2 was with the modem
    expect(archive.outbox.recoverExpiredClaims().map((j) => j.state)).toEqual(['unconfirmed']);
  });

  it('takes a claim back without counting an attempt when the station stops before sending', () => {
    const archive = testArchive();
    const { message } = archive.outbox.queue({ to: '+491701111111', body: 'patience', maxAttempts: 2 });
    for (let i = 0; i < 5; i++) {
      const claim = archive.outbox.claimNext('s', { claimMs: 1000 })!;
      archive.outbox.release(claim.job.id, 'The station stopped before this message was sent.');
    }
    const job = archive.outbox.jobForMessage(message.id)!;
    expect([job.state, job.attempts]).toEqual(['queued', 0]);
    expect(archive.messages.get(message.id)?.status).toBe('queued');
  });

  it('cancels only what no station has claimed', () => {
    const archive = testArchive();
    const a = archive.outbox.queue({ to: '+491701111111', body: 'a' });
    expect(archive.outbox.cancel(a.message.id)).toBe(true);
    expect(archive.messages.get(a.message.id)?.status).toBe('cancelled');
    const b = archive.outbox.queue({ to: '+491701111111', body: 'b' });
    archive.outbox.claimNext('s', { claimMs: 1000 });
    expect(archive.outbox.cancel(b.message.id)).toBe(false);
  });

  it('backs off 30 s, 1 min, 2 min … up to an hour', () => {
    expect([1, 2, 3, 4, 20].map(backoffDelay)).toEqual([30_000, 60_000, 120_000, 240_000, 3_600_000]);
  });
});

describe('leases and routes', () => {
  it('lets one holder at a time drive a port until its lease expires', () => {
    const archive = testArchive();
    expect(archive.leases.acquire('port:/dev/ttyUSB0', 'station', 10_000)).toBe(true);
    expect(archive.leases.acquire('port:/dev/ttyUSB0', 'cli', 10_000)).toBe(false);
    expect(archive.leases.acquire('port:/dev/ttyUSB0', 'station', 10_000)).toBe(true);
    expect(archive.leases.holder('port:/dev/ttyUSB0')).toBe('station');
    archive.clock.now += 10_001;
    expect(archive.leases.acquire('port:/dev/ttyUSB0', 'cli', 10_000)).toBe(true);
    expect(archive.leases.release('port:/dev/ttyUSB0', 'station')).toBe(false);
    expect(archive.leases.release('port:/dev/ttyUSB0', 'cli')).toBe(true);
    expect(archive.leases.holder('port:/dev/ttyUSB0')).toBeUndefined();
  });

  it('routes by the best matching prefix rule', () => {
    const archive = testArchive();
    const de = archive.modems.seen({ imei: '111111111111111' });
    const any = archive.modems.seen({ iccid: '8949000000000000001' });
    archive.modems.addRoute({ prefix: '+49', modemId: de.id, priority: 1 });
    archive.modems.addRoute({ prefix: '', modemId: any.id, priority: 9 });
    expect(archive.modems.routeFor('+491701234567')).toEqual([de.id, any.id]);
    expect(archive.modems.routeFor('+33612345678')).toEqual([any.id]);
  });

  it('recognises a modem again by IMEI and keeps what it learnt', () => {
    const archive = testArchive();
    const a = archive.modems.seen({ imei: '356938035643809', iccid: '8949' });
    archive.clock.now += 5000;
    const b = archive.modems.seen({ imei: '356938035643809', ownNumber: '+491701234567' });
    expect(b).toMatchObject({ id: a.id, iccid: '8949', ownNumber: '+491701234567', firstSeenAt: T0, lastSeenAt: T0 + 5000 });
    expect(() => archive.modems.seen({})).toThrow(expect.objectContaining({ code: 'ARCHIVE_INVALID' }));
  });
});
