import { describe, expect, it } from 'vitest';
import { backoffDelay } from './outbox';
import { T0, testArchive } from './test-support';

describe('outbox', () => {
  it('queues a message and its job in one transaction, with events', () => {
    const archive = testArchive();
    const { message, job } = archive.outbox.queue({ to: '0170 1234567', body: 'hello', partCount: 1 });
    expect(message).toMatchObject({ direction: 'out', peer: '+491701234567', status: 'queued', channel: 'sms' });
    expect(message.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/);
    expect(job).toMatchObject({ messageId: message.id, state: 'queued', attempts: 0, notBefore: T0 });
    expect(archive.events.forMessage(message.id).map((e) => `${e.kind}:${e.to}`)).toEqual(['message-status:queued', 'job-state:queued']);
  });

  it('leaves nothing behind when queueing fails half-way', () => {
    const archive = testArchive();
    // A pinned modem that does not exist breaks the job insert after the message insert.
    expect(() => archive.outbox.queue({ to: '+491701234567', body: 'x', modemId: 999, partCount: 1 })).toThrow(/FOREIGN KEY/);
    expect(archive.db.prepare('SELECT count(*) FROM messages').pluck().get()).toBe(0);
    expect(archive.db.prepare('SELECT count(*) FROM outbox_jobs').pluck().get()).toBe(0);
  });

  it('queues a client id once however often it is sent', () => {
    const archive = testArchive();
    const uid = '0192f0c1-0000-7000-8000-000000000001';
    const a = archive.outbox.queue({ to: '+491701234567', body: 'x', uid, partCount: 1 });
    const b = archive.outbox.queue({ to: '+491701234567', body: 'x', uid, partCount: 1 });
    expect(b.message.id).toBe(a.message.id);
    expect(archive.db.prepare('SELECT count(*) FROM outbox_jobs').pluck().get()).toBe(1);
  });

  it('holds scheduled sends until their time and gives a job to one claimer only', () => {
    const archive = testArchive();
    archive.outbox.queue({ to: '+491701234567', body: 'later', notBefore: T0 + 60_000, partCount: 1 });
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
    archive.outbox.queue({ to: '+491701234567', body: 'x', modemId: modem.id, partCount: 1 });
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
    const { message, job } = archive.outbox.queue({ to: '+491701234567', body: 'x', maxAttempts: 2, partCount: 1 });
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
    const { message, job } = archive.outbox.queue({ to: '+491701234567', body: 'x', partCount: 1 });
    archive.outbox.claimNext('s', { claimMs: 30_000 });
    archive.outbox.fail(job.id, 'The number does not exist');
    expect(archive.messages.get(message.id)).toMatchObject({ status: 'failed', statusReason: 'The number does not exist' });
  });

  it('never resends an unconfirmed message by itself, only when a person asks', () => {
    const archive = testArchive();
    const { message, job } = archive.outbox.queue({ to: '+491701234567', body: 'x', partCount: 1 });
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
    const idle = archive.outbox.queue({ to: '+491701111111', body: 'a', partCount: 1 });
    const busy = archive.outbox.queue({ to: '+491702222222', body: 'b', partCount: 1 });
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
    const { message } = archive.outbox.queue({ to: '+491701111111', body: 'refused once', partCount: 1 });
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

  it('keeps a renewed claim past its first end; a claim recovered meanwhile cannot be renewed or begin a part', () => {
    const archive = testArchive();
    const modem = archive.modems.seen({ imei: '356938035643809' });
    const { message, job } = archive.outbox.queue({ to: '+491701111111', body: 'three parts', partCount: 3 });
    archive.outbox.claim(job.id, 'a', { claimMs: 1000, modemId: modem.id });
    const claim = { jobId: job.id, holder: 'a', claimMs: 1000 };
    expect(archive.outbox.beginClaimedPart(claim, 1, { pdu: new Uint8Array([1]), modemId: modem.id })).toBeTypeOf('number');
    archive.outbox.partSubmitted(message.id, 1, { tpMr: 1, modemId: modem.id });
    archive.clock.now += 800;
    expect(archive.outbox.renewClaim(job.id, 'a', 1000)).toBe(true);
    archive.clock.now += 800; // 1.6 s after the claim: alive only because it was renewed
    expect(archive.outbox.recoverExpiredClaims()).toEqual([]);
    expect(archive.outbox.renewClaim(job.id, 'b', 1000)).toBe(false); // not b's to renew
    archive.clock.now += 1001; // the holder stalled between parts
    expect(archive.outbox.recoverExpiredClaims().map((j) => j.state)).toEqual(['queued']);
    expect(archive.outbox.renewClaim(job.id, 'a', 1000)).toBe(false);
    expect(archive.outbox.beginClaimedPart(claim, 2, { pdu: new Uint8Array([2]), modemId: modem.id })).toBeUndefined();
    expect(archive.outbox.parts(message.id).map((p) => [p.seq, p.status])).toEqual([[1, 'sent']]);
    // Another claim of the same station is a new claim, not the lost one renewed.
    archive.outbox.claim(job.id, 'b', { claimMs: 1000, modemId: modem.id });
    expect(archive.outbox.renewClaim(job.id, 'a', 1000)).toBe(false);
    expect(archive.outbox.job(job.id)).toMatchObject({ state: 'claimed', claimedBy: 'b' });
  });

  it('marks a part in flight unconfirmed with the time it may have left, so the rate limit counts it', () => {
    const archive = testArchive();
    const modem = archive.modems.seen({ imei: '356938035643809' });
    const { message, job } = archive.outbox.queue({ to: '+491701111111', body: 'no answer', partCount: 1 });
    archive.outbox.claimNext('s', { claimMs: 1000 });
    archive.outbox.beginPart(message.id, 1, { pdu: new Uint8Array([1]), modemId: modem.id });
    expect(archive.modems.submittedWithin(modem.id, 60_000)).toBe(0);
    archive.outbox.unconfirmed(job.id, 'The modem did not answer.');
    expect(archive.outbox.parts(message.id).map((p) => [p.status, p.statusReason, p.submittedAt])).toEqual([
      ['unconfirmed', 'The modem did not answer.', T0],
    ]);
    expect(archive.modems.submittedWithin(modem.id, 60_000)).toBe(1);
    archive.clock.now += 60_001;
    expect(archive.modems.submittedWithin(modem.id, 60_000)).toBe(0);
    // Sent again on a person's word: the part is begun afresh.
    archive.outbox.resendUnconfirmed(job.id);
    archive.outbox.claimNext('s', { claimMs: 1000 });
    archive.outbox.beginPart(message.id, 1, { pdu: new Uint8Array([1]), modemId: modem.id });
    expect(archive.outbox.parts(message.id).map((p) => [p.status, p.submittedAt])).toEqual([['pending', null]]);
  });

  it('takes a claim back without counting an attempt when the station stops before sending', () => {
    const archive = testArchive();
    const { message } = archive.outbox.queue({ to: '+491701111111', body: 'patience', maxAttempts: 2, partCount: 1 });
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
    const a = archive.outbox.queue({ to: '+491701111111', body: 'a', partCount: 1 });
    expect(archive.outbox.cancel(a.message.id)).toBe(true);
    expect(archive.messages.get(a.message.id)?.status).toBe('cancelled');
    const b = archive.outbox.queue({ to: '+491701111111', body: 'b', partCount: 1 });
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

describe('outbox for routing', () => {
  it('refuses a part count outside 1 to 255 and keeps each message’s status-report choice', () => {
    const archive = testArchive();
    expect(() => archive.outbox.queue({ to: '+491701234567', body: 'x', partCount: 0 })).toThrow(
      expect.objectContaining({ code: 'ARCHIVE_INVALID' }),
    );
    const choices = [true, false, null, undefined].map(
      (statusReport) => archive.outbox.queue({ to: '+491701234567', body: 'x', partCount: 1, statusReport }).job,
    );
    expect(choices.map((j) => archive.outbox.job(j.id)?.statusReport)).toEqual([true, false, null, null]);
  });

  it('claims one given job once, only through a modem it may go by, and only when due', () => {
    const archive = testArchive();
    const a = archive.modems.seen({ imei: '111111111111111' });
    const b = archive.modems.seen({ imei: '222222222222222' });
    const free = archive.outbox.queue({ to: '+491701234567', body: 'any modem', partCount: 1 });
    const pinned = archive.outbox.queue({ to: '+491701234567', body: 'only b', partCount: 1, modemId: b.id });
    const later = archive.outbox.queue({ to: '+491701234567', body: 'later', partCount: 1, notBefore: T0 + 1000 });
    expect(archive.outbox.claim(pinned.job.id, 's', { claimMs: 1000, modemId: a.id })).toBeUndefined();
    expect(archive.outbox.claim(later.job.id, 's', { claimMs: 1000, modemId: a.id })).toBeUndefined();
    const claimed = archive.outbox.claim(free.job.id, 's', { claimMs: 1000, modemId: a.id });
    expect(claimed?.job).toMatchObject({ state: 'claimed', claimedBy: 's', attempts: 1 });
    expect(claimed?.message.status).toBe('sending');
    // A second claimer (another worker, another station) gets nothing.
    expect(archive.outbox.claim(free.job.id, 't', { claimMs: 1000, modemId: b.id })).toBeUndefined();
    expect(archive.outbox.claim(pinned.job.id, 's', { claimMs: 1000, modemId: b.id })?.job.state).toBe('claimed');
    expect(archive.events.forMessage(free.message.id).filter((e) => e.to === 'claimed')).toHaveLength(1);
  });

  it('lists due jobs in order with recipient and size, a page at a time, without jobs pinned elsewhere', () => {
    const archive = testArchive();
    const a = archive.modems.seen({ imei: '111111111111111' });
    const b = archive.modems.seen({ imei: '222222222222222' });
    const one = archive.outbox.queue({ to: '0170 1111111', body: 'one', partCount: 2 });
    archive.outbox.queue({ to: '+491702222222', body: 'for b', partCount: 1, modemId: b.id });
    const three = archive.outbox.queue({ to: '+491703333333', body: 'three', partCount: 1, modemId: a.id });
    archive.outbox.queue({ to: '+491704444444', body: 'tomorrow', partCount: 1, notBefore: T0 + 86_400_000 });
    const first = archive.outbox.due({ modemIds: [a.id], limit: 1 });
    expect(first.map((d) => [d.job.id, d.peer, d.partCount])).toEqual([[one.job.id, '+491701111111', 2]]);
    const rest = archive.outbox.due({ modemIds: [a.id], limit: 10, after: first[0]!.job });
    expect(rest.map((d) => d.job.id)).toEqual([three.job.id]);
    expect(archive.outbox.due({ modemIds: [a.id, b.id], limit: 10 })).toHaveLength(3);
  });

  it('keeps the rest of a long message on the modem that sent its first part', () => {
    const archive = testArchive();
    const a = archive.modems.seen({ imei: '111111111111111' });
    const b = archive.modems.seen({ imei: '222222222222222' });
    const long = archive.outbox.queue({ to: '+491701234567', body: 'long', partCount: 2 });
    const short = archive.outbox.queue({ to: '+491701234567', body: 'short', partCount: 1 });
    archive.outbox.claim(long.job.id, 's', { claimMs: 1000, modemId: a.id });
    archive.outbox.beginPart(long.message.id, 1, { modemId: a.id });
    archive.outbox.partSubmitted(long.message.id, 1, { tpMr: 1, modemId: a.id });
    archive.outbox.retryLater(long.job.id, 'Part 2 was refused for now.', 0);
    expect(archive.outbox.job(long.job.id)?.modemId).toBe(a.id);
    expect(archive.outbox.claim(long.job.id, 's', { claimMs: 1000, modemId: b.id })).toBeUndefined();
    // A single-part message stays free: it has no other parts to keep together.
    archive.outbox.claim(short.job.id, 's', { claimMs: 1000, modemId: a.id });
    archive.outbox.partSubmitted(short.message.id, 1, { tpMr: 2, modemId: a.id });
    expect(archive.outbox.job(short.job.id)?.modemId).toBeNull();
  });

  it('says why a queued message waits for its modem, until it is claimed', () => {
    const archive = testArchive();
    const a = archive.modems.seen({ imei: '111111111111111' });
    const b = archive.modems.seen({ imei: '222222222222222' });
    const forB = archive.outbox.queue({ to: '+491701234567', body: 'only b', partCount: 1, modemId: b.id });
    archive.outbox.queue({ to: '+491701234567', body: 'only a', partCount: 1, modemId: a.id });
    archive.outbox.queue({ to: '+491701234567', body: 'any', partCount: 1 });
    expect(archive.outbox.pinnedElsewhere([a.id]).map((j) => j.id)).toEqual([forB.job.id]);
    expect(archive.outbox.setWaitingReason(forB.job.id, 'Waiting for modem b.')).toBe(true);
    expect(archive.outbox.setWaitingReason(forB.job.id, 'Waiting for modem b.')).toBe(false);
    expect(archive.messages.get(forB.message.id)).toMatchObject({ status: 'queued', statusReason: 'Waiting for modem b.' });
    archive.outbox.claim(forB.job.id, 's', { claimMs: 1000, modemId: b.id });
    expect(archive.messages.get(forB.message.id)).toMatchObject({ status: 'sending', statusReason: null });
    expect(archive.outbox.setWaitingReason(forB.job.id, 'Waiting for modem b.')).toBe(false);
    expect(archive.outbox.pinnedElsewhere([a.id])).toEqual([]);
  });

  it('lists jobs newest first by keyset, all or by state', () => {
    const archive = testArchive();
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) {
      archive.clock.now = T0 + i * 1000;
      ids.push(archive.outbox.queue({ to: '+491701234567', body: `m${i}`, partCount: 1 }).job.id);
    }
    archive.clock.now = T0 + 10_000;
    archive.outbox.cancel(archive.outbox.job(ids[1]!)!.messageId);
    archive.outbox.cancel(archive.outbox.job(ids[3]!)!.messageId);
    const pages: number[][] = [];
    let after: string | undefined;
    do {
      const page = archive.outbox.list({ limit: 2, ...(after !== undefined ? { after } : {}) });
      pages.push(page.items.map((j) => j.id));
      after = page.next ?? undefined;
    } while (after !== undefined);
    expect(pages).toEqual([[ids[4], ids[3]], [ids[2], ids[1]], [ids[0]]]);
    expect(archive.outbox.list({ state: 'cancelled' }).items.map((j) => j.id)).toEqual([ids[3], ids[1]]);
    expect(archive.outbox.list({ state: 'queued', limit: 2 })).toMatchObject({ items: [{ id: ids[4] }, { id: ids[2] }] });
    expect(archive.outbox.list({ state: 'failed' })).toEqual({ items: [], next: null });
    expect(() => archive.outbox.list({ after: 'not-a-cursor' })).toThrow(expect.objectContaining({ code: 'ARCHIVE_QUERY' }));
  });
});

describe('modems and routing rules', () => {
  it('adds, lists and removes rules; refuses a prefix that is not the start of a number', () => {
    const archive = testArchive();
    const de = archive.modems.seen({ imei: '111111111111111' });
    const uk = archive.modems.seen({ imei: '222222222222222' });
    const a = archive.modems.addRoute({ prefix: '+49', modemId: de.id });
    const b = archive.modems.addRoute({ prefix: '+44 7', modemId: uk.id, priority: 5 });
    expect(archive.modems.routes()).toEqual([
      { id: b.id, priority: 5, prefix: '+447', modemId: uk.id },
      { id: a.id, priority: 100, prefix: '+49', modemId: de.id },
    ]);
    expect(() => archive.modems.addRoute({ prefix: 'DE', modemId: de.id })).toThrow(expect.objectContaining({ code: 'ARCHIVE_INVALID' }));
    expect(() => archive.modems.addRoute({ prefix: '+49', modemId: 999 })).toThrow(expect.objectContaining({ code: 'ARCHIVE_NOT_FOUND' }));
    expect(archive.modems.removeRoute(a.id)).toBe(true);
    expect(archive.modems.removeRoute(a.id)).toBe(false);
    expect(archive.modems.routes().map((r) => r.id)).toEqual([b.id]);
  });

  it('finds a modem by IMEI or by its SIM’s number as a person types it; the last one seen with a number wins', () => {
    const archive = testArchive();
    const old = archive.modems.seen({ imei: '111111111111111', ownNumber: '0170 1234567' });
    expect(old.ownNumber).toBe('+491701234567');
    archive.clock.now += 1000;
    // The SIM moved to another stick.
    const now = archive.modems.seen({ imei: '222222222222222', ownNumber: '+491701234567' });
    expect(archive.modems.find('+49 170 1234567')?.id).toBe(now.id);
    expect(archive.modems.find('111111111111111')?.id).toBe(old.id);
    expect(archive.modems.find('+491709999999')).toBeUndefined();
    expect(archive.modems.find(' ')).toBeUndefined();
    // A SIM that does not tell its number (AT+CNUM answers nothing) gets one from a person.
    const quiet = archive.modems.seen({ imei: '333333333333333' });
    archive.modems.setOwnNumber(quiet.id, '0171 7654321');
    expect(archive.modems.find('+491717654321')?.id).toBe(quiet.id);
    archive.modems.seen({ imei: '333333333333333' });
    expect(archive.modems.get(quiet.id)?.ownNumber).toBe('+491717654321');
    expect(() => archive.modems.setOwnNumber(999, '+491')).toThrow(expect.objectContaining({ code: 'ARCHIVE_NOT_FOUND' }));
  });
});
