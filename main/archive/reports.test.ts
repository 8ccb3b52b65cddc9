import { describe, expect, it } from 'vitest';
import { T0, testArchive } from './test-support';

function sentMessage(archive: ReturnType<typeof testArchive>, to: string, tpMrs: number[], modemId?: number) {
  const { message, job } = archive.outbox.queue({ to, body: 'x', partCount: tpMrs.length });
  archive.outbox.claimNext('s', { claimMs: 60_000 });
  tpMrs.forEach((tpMr, i) => archive.outbox.partSubmitted(message.id, i + 1, { tpMr, modemId }));
  archive.outbox.done(job.id);
  return message;
}

describe('status reports', () => {
  it('match by TP-MR, recipient and time, and deliver the message', () => {
    const archive = testArchive();
    const m = sentMessage(archive, '+491701234567', [5]);
    const result = archive.reports.apply({
      tpMr: 5,
      recipient: '0170 1234567',
      scAt: T0 + 2000,
      dischargedAt: T0 + 5000,
      outcome: 'delivered',
    });
    expect(result?.part).toMatchObject({ messageId: m.id, status: 'delivered', deliveredAt: T0 + 5000 });
    expect(result?.message).toMatchObject({ status: 'delivered', deliveredAt: T0 + 5000 });
  });

  it('tell apart two sends with the same TP-MR after it wrapped at 255', () => {
    const archive = testArchive();
    const older = sentMessage(archive, '+491701234567', [200]);
    archive.clock.now = T0 + 3_600_000; // 256 sends later the modem's TP-MR is 200 again
    const newer = sentMessage(archive, '+491701234567', [200]);
    const match = archive.reports.match({ tpMr: 200, recipient: '+491701234567', scAt: T0 + 3_600_500 });
    expect(match?.messageId).toBe(newer.id);
    const old = archive.reports.match({ tpMr: 200, recipient: '+491701234567', scAt: T0 + 300 });
    expect(old?.messageId).toBe(older.id);
  });

  it('match nothing for another recipient, another TP-MR or outside the window', () => {
    const archive = testArchive();
    sentMessage(archive, '+491701234567', [9]);
    expect(archive.reports.match({ tpMr: 9, recipient: '+491709999999', scAt: T0 })).toBeUndefined();
    expect(archive.reports.match({ tpMr: 10, recipient: '+491701234567', scAt: T0 })).toBeUndefined();
    expect(archive.reports.match({ tpMr: 9, recipient: '+491701234567', scAt: T0 + 3_600_000 })).toBeUndefined();
    expect(archive.reports.apply({ tpMr: 9, recipient: '+491709999999', scAt: T0, outcome: 'delivered' })).toBeUndefined();
  });

  it('deliver a multi-part message only when every part is delivered, and fail it on a failed part', () => {
    const archive = testArchive();
    const m = sentMessage(archive, '+491701234567', [1, 2, 3]);
    archive.reports.apply({ tpMr: 1, recipient: '+491701234567', scAt: T0, outcome: 'delivered' });
    archive.reports.apply({ tpMr: 2, recipient: '+491701234567', scAt: T0, outcome: 'delivered' });
    expect(archive.messages.get(m.id)?.status).toBe('sent');
    archive.reports.apply({
      tpMr: 3,
      recipient: '+491701234567',
      scAt: T0,
      outcome: 'failed',
      reason: 'The message expired before the phone was reachable',
    });
    expect(archive.messages.get(m.id)).toMatchObject({
      status: 'failed',
      statusReason: 'The message expired before the phone was reachable',
    });
  });

  it('never move backwards: a late failure after delivery changes nothing', () => {
    const archive = testArchive();
    const m = sentMessage(archive, '+491701234567', [4]);
    archive.reports.apply({ tpMr: 4, recipient: '+491701234567', scAt: T0, outcome: 'delivered' });
    const late = archive.reports.apply({ tpMr: 4, recipient: '+491701234567', scAt: T0, outcome: 'failed' });
    expect(late?.part.status).toBe('delivered');
    expect(archive.messages.get(m.id)?.status).toBe('delivered');
  });

  it('keep "pending" reports in the log without changing the status', () => {
    const archive = testArchive();
    const m = sentMessage(archive, '+491701234567', [6]);
    archive.reports.apply({
      tpMr: 6,
      recipient: '+491701234567',
      scAt: T0,
      outcome: 'pending',
      reason: 'The phone is busy; the centre keeps trying',
    });
    expect(archive.messages.get(m.id)?.status).toBe('sent');
    expect(archive.events.forMessage(m.id).at(-1)).toMatchObject({
      kind: 'part-status',
      from: 'sent',
      to: 'sent',
      detail: 'The phone is busy; the centre keeps trying',
    });
  });

  it('settle an unconfirmed send when its report arrives', () => {
    const archive = testArchive();
    const { message, job } = archive.outbox.queue({ to: '+491701234567', body: 'x', partCount: 1 });
    archive.outbox.claimNext('s', { claimMs: 60_000 });
    archive.outbox.beginPart(message.id, 1);
    archive.outbox.partSubmitted(message.id, 1, { tpMr: 77 });
    archive.outbox.unconfirmed(job.id, 'No final answer from the modem');
    archive.reports.apply({ tpMr: 77, recipient: '+491701234567', scAt: T0, outcome: 'delivered' });
    expect(archive.messages.get(message.id)?.status).toBe('delivered');
    expect(archive.outbox.job(job.id)?.state).toBe('done');
  });

  it('count TP-MR per modem when the report says which modem it came from', () => {
    const archive = testArchive();
    const a = archive.modems.seen({ imei: '111111111111111' });
    const b = archive.modems.seen({ imei: '222222222222222' });
    const viaA = sentMessage(archive, '+491701234567', [3], a.id);
    const viaB = sentMessage(archive, '+491701234567', [3], b.id);
    expect(archive.reports.match({ tpMr: 3, recipient: '+491701234567', scAt: T0, modemId: a.id })?.messageId).toBe(viaA.id);
    expect(archive.reports.match({ tpMr: 3, recipient: '+491701234567', scAt: T0, modemId: b.id })?.messageId).toBe(viaB.id);
  });
});
