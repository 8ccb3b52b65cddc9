import { describe, expect, it } from 'vitest';
import type { AutomaticMessage } from './rules';
import { T0, testArchive, type TestArchive } from './test-support';

const HOUR = 3_600_000;

function reply(archive: TestArchive, ruleId: number, to: string, extra: Partial<AutomaticMessage> = {}): AutomaticMessage {
  return { ruleId, triggerPeer: to, to, body: 'We are open 9 to 5.', encoding: 'gsm7', partCount: 1, flash: false, ...extra };
}

describe('rules', () => {
  it('stores rules of each kind with normalised numbers, and removes them', () => {
    const archive = testArchive();
    const info = archive.rules.add({ kind: 'auto-reply', keyword: ' INFO ', text: 'Open 9 to 5' });
    const fwd = archive.rules.add({ kind: 'forward', senders: ['0170 1234567'], forwardTo: '0171 7654321', perHour: 20 });
    const call = archive.rules.add({ kind: 'missed-call', text: 'In a meeting', flash: true, rejectCall: true });
    expect(info).toMatchObject({ kind: 'auto-reply', keyword: 'INFO', senders: null, text: 'Open 9 to 5', perHour: 3, enabled: true });
    expect(fwd).toMatchObject({ kind: 'forward', keyword: null, senders: ['+491701234567'], forwardTo: '+491717654321', text: null });
    expect(call).toMatchObject({ kind: 'missed-call', flash: true, rejectCall: true, keyword: null, perHour: 3 });
    expect(archive.rules.add({ kind: 'forward', forwardTo: '+491717654321' }).perHour).toBe(30);
    expect(archive.rules.list().map((r) => r.id)).toEqual([info.id, fwd.id, call.id, call.id + 1]);
    expect(archive.rules.setEnabled(fwd.id, false)).toBe(true);
    expect(archive.rules.enabled().map((r) => r.id)).toEqual([info.id, call.id, call.id + 1]);
    expect(archive.rules.remove(info.id)).toBe(true);
    expect(archive.rules.remove(info.id)).toBe(false);
    expect(archive.rules.list().map((r) => r.id)).toEqual([fwd.id, call.id, call.id + 1]);
  });

  it('refuses a keyword of two words, an empty text, no listened numbers and a cap out of range', () => {
    const archive = testArchive();
    expect(() => archive.rules.add({ kind: 'auto-reply', keyword: 'OPEN HOURS', text: 'x' })).toThrow(/one word/);
    expect(() => archive.rules.add({ kind: 'auto-reply', text: '  ' })).toThrow(/needs a text/);
    expect(() => archive.rules.add({ kind: 'auto-reply', text: 'x', senders: [] })).toThrow(/at least one number/);
    expect(() => archive.rules.add({ kind: 'missed-call', text: 'x', perHour: 0 })).toThrow(/1 to 1000/);
    expect(archive.rules.list()).toEqual([]);
  });

  it('caps automatic messages per number per hour, counting every rule, and records the refusals', () => {
    const archive = testArchive();
    const a = archive.rules.add({ kind: 'auto-reply', text: 'x', perHour: 2 });
    const b = archive.rules.add({ kind: 'missed-call', text: 'y', perHour: 2 });
    const to = '+491701234567';
    expect(archive.rules.fire(reply(archive, a.id, to)).outcome).toBe('queued');
    archive.clock.now = T0 + 10 * 60_000;
    expect(archive.rules.fire(reply(archive, b.id, '0170 1234567')).outcome).toBe('queued');
    expect(archive.rules.fire(reply(archive, a.id, to))).toEqual({ outcome: 'capped', sentLastHour: 2, limit: 2 });
    // Another number has its own count.
    expect(archive.rules.fire(reply(archive, a.id, '+491709999999')).outcome).toBe('queued');
    // An hour after the first, one slot is free again.
    archive.clock.now = T0 + HOUR + 1;
    expect(archive.rules.fire(reply(archive, a.id, to)).outcome).toBe('queued');
    expect(archive.rules.fire(reply(archive, a.id, to)).outcome).toBe('capped');
    expect(archive.rules.sentSince(to, archive.clock.now - HOUR)).toBe(2);
    expect(archive.rules.hits().map((h) => [h.ruleId, h.peer, h.outcome])).toEqual([
      [a.id, to, 'capped'],
      [a.id, to, 'queued'],
      [a.id, '+491709999999', 'queued'],
      [a.id, to, 'capped'],
      [b.id, to, 'queued'],
      [a.id, to, 'queued'],
    ]);
    expect(archive.db.prepare(`SELECT count(*) FROM outbox_jobs`).pluck().get()).toBe(4);
  });

  it('answers one message once per rule, and queues the reply pinned, flash and planned as given', () => {
    const archive = testArchive();
    const modem = archive.modems.seen({ imei: '356938035643809' });
    const rule = archive.rules.add({ kind: 'auto-reply', keyword: 'INFO', text: 'Open', flash: true });
    const incoming = archive.messages.insert({ direction: 'in', peer: '+491701234567', body: 'INFO', status: 'received' })!;
    const first = archive.rules.fire(
      reply(archive, rule.id, incoming.peer, { triggerMessageId: incoming.id, flash: true, modemId: modem.id, partCount: 2, body: 'Open' }),
    );
    expect(first.outcome).toBe('queued');
    if (first.outcome !== 'queued') return;
    expect(first.message).toMatchObject({ peer: '+491701234567', body: 'Open', flash: true, partCount: 2, modemId: modem.id });
    expect(archive.outbox.jobForMessage(first.message.id)?.modemId).toBe(modem.id);
    expect(archive.rules.fire(reply(archive, rule.id, incoming.peer, { triggerMessageId: incoming.id }))).toEqual({ outcome: 'duplicate' });
    expect(() => archive.rules.fire(reply(archive, 999, incoming.peer))).toThrow(expect.objectContaining({ code: 'ARCHIVE_NOT_FOUND' }));
  });

  it('finds a rule by its uid and refuses to forward to a service or a short code', () => {
    const archive = testArchive();
    const rule = archive.rules.add({ kind: 'auto-reply', keyword: 'INFO', text: 'Open' });
    expect(archive.rules.getByUid(rule.uid)).toEqual(rule);
    expect(archive.rules.getByUid('no-such-uid')).toBeUndefined();
    expect(() => archive.rules.add({ kind: 'forward', forwardTo: 'DHL' })).toThrow(
      'Forward to a phone number (7 to 20 digits), not "DHL".',
    );
    expect(() => archive.rules.add({ kind: 'forward', forwardTo: '22333' })).toThrow(/not "22333"/);
    expect(archive.rules.list()).toHaveLength(1);
  });
});
