import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openArchive } from './archive';
import type { IncomingPart } from './inbox';
import { T0, tempDir, testArchive } from './test-support';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function part(modemId: number, seq: number, total: number, text: string, extra: Partial<IncomingPart> = {}): IncomingPart {
  return {
    modemId,
    originator: '+491701234567',
    concatRef: total > 1 ? 42 : null,
    total,
    seq,
    // Distinct bytes per part, like distinct real PDUs.
    pdu: new TextEncoder().encode(`pdu:${extra.concatRef ?? 42}:${seq}/${total}:${text}`),
    text,
    encoding: 'gsm7',
    scAt: T0,
    ...extra,
  };
}

describe('inbox', () => {
  it('stores a single SMS and assembles it in one call', () => {
    const archive = testArchive();
    const modem = archive.modems.seen({ imei: '356938035643809' });
    const result = archive.inbox.receive(part(modem.id, 1, 1, 'Hallo'));
    expect(result).toMatchObject({ stored: true, complete: true, received: 1, total: 1 });
    expect(result.message).toMatchObject({
      direction: 'in',
      peer: '+491701234567',
      body: 'Hallo',
      status: 'received',
      partCount: 1,
      modemId: modem.id,
    });
    expect(archive.outbox.parts(result.message!.id)).toHaveLength(1);
  });

  it('assembles parts that arrive out of order, and a PDU read twice is stored once', () => {
    const archive = testArchive();
    const modem = archive.modems.seen({ imei: '356938035643809' });
    expect(archive.inbox.receive(part(modem.id, 3, 3, 'three')).complete).toBe(false);
    const again = archive.inbox.receive(part(modem.id, 3, 3, 'three'));
    expect(again).toMatchObject({ stored: false, received: 1 });
    archive.inbox.receive(part(modem.id, 1, 3, 'one '));
    const done = archive.inbox.receive(part(modem.id, 2, 3, 'two '));
    expect(done.message).toMatchObject({ body: 'one two three', status: 'received', partCount: 3, partsReceived: 3 });
    expect(archive.db.prepare('SELECT count(*) FROM parts').pluck().get()).toBe(3);
    expect(archive.db.prepare('SELECT count(*) FROM messages').pluck().get()).toBe(1);
  });

  it('keeps groups of different modems, senders or references apart', () => {
    const archive = testArchive();
    const a = archive.modems.seen({ imei: '111111111111111' });
    const b = archive.modems.seen({ imei: '222222222222222' });
    archive.inbox.receive(part(a.id, 1, 2, 'A1'));
    archive.inbox.receive(part(b.id, 2, 2, 'B2'));
    archive.inbox.receive(part(a.id, 2, 2, 'X2', { concatRef: 7 }));
    archive.inbox.receive(part(a.id, 2, 2, 'Y2', { originator: '+491709999999' }));
    expect(archive.db.prepare('SELECT count(*) FROM inbound_groups').pluck().get()).toBe(4);
    expect(archive.inbox.receive(part(a.id, 2, 2, 'A2')).message?.body).toBe('A1A2');
  });

  it('starts a new group when a sender reuses a reference after the old group completed', () => {
    const archive = testArchive();
    const modem = archive.modems.seen({ imei: '356938035643809' });
    archive.inbox.receive(part(modem.id, 1, 2, 'old1 '));
    archive.inbox.receive(part(modem.id, 2, 2, 'old2'));
    archive.clock.now += 86_400_000;
    archive.inbox.receive(part(modem.id, 1, 2, 'new1 ', { pdu: new TextEncoder().encode('later-1') }));
    const later = archive.inbox.receive(part(modem.id, 2, 2, 'new2', { pdu: new TextEncoder().encode('later-2') }));
    expect(later.message?.body).toBe('new1 new2');
    expect(archive.db.prepare('SELECT count(*) FROM messages').pluck().get()).toBe(2);
  });

  it('shows a group as incomplete after a timeout and completes it when the late part arrives', () => {
    const archive = testArchive();
    const modem = archive.modems.seen({ imei: '356938035643809' });
    archive.inbox.receive(part(modem.id, 1, 3, 'one '));
    archive.inbox.receive(part(modem.id, 3, 3, ' three'));
    expect(archive.inbox.waiting(T0 - 1)).toEqual([]);
    archive.clock.now = T0 + 600_000;
    const [waiting] = archive.inbox.waiting(archive.clock.now - 300_000);
    expect(waiting).toMatchObject({ received: 2, total: 3, complete: false, messageId: null });
    expect(archive.inbox.assemble(waiting!.id)).toBeUndefined();
    const shown = archive.inbox.assemble(waiting!.id, { allowIncomplete: true })!;
    expect(shown).toMatchObject({ status: 'incomplete', partsReceived: 2, partCount: 3, body: 'one […] three' });
    expect(archive.inbox.waiting(archive.clock.now)).toEqual([]);
    const late = archive.inbox.receive(part(modem.id, 2, 3, 'two'));
    expect(late.message).toMatchObject({ id: shown.id, status: 'received', partsReceived: 3, body: 'one two three' });
    expect(archive.events.forMessage(shown.id).map((e) => `${e.from}>${e.to}`)).toEqual(['null>incomplete', 'incomplete>received']);
  });

  it('shows every overdue group as incomplete with how many parts came, and the reason goes when it completes', () => {
    const archive = testArchive();
    const modem = archive.modems.seen({ imei: '356938035643809' });
    archive.inbox.receive(part(modem.id, 1, 3, 'one '));
    archive.inbox.receive(part(modem.id, 2, 2, 'B2', { concatRef: 7 }));
    archive.clock.now = T0 + 3_600_000;
    archive.inbox.receive(part(modem.id, 3, 3, 'x', { concatRef: 9 })); // new: not overdue yet
    const shown = archive.inbox.showIncomplete(archive.clock.now - 3_600_000);
    expect(shown.map((m) => [m.body, m.status, m.statusReason])).toEqual([
      ['one […][…]', 'incomplete', '1 of 3 parts arrived; the rest may still come.'],
      ['[…]B2', 'incomplete', '1 of 2 parts arrived; the rest may still come.'],
    ]);
    // Each group is shown once: a later sweep finds only the one that has become overdue since.
    expect(archive.inbox.showIncomplete(archive.clock.now)).toHaveLength(1);
    const more = archive.inbox.receive(part(modem.id, 2, 3, 'two '));
    expect(more.message).toMatchObject({
      id: shown[0]!.id,
      status: 'incomplete',
      statusReason: '2 of 3 parts arrived; the rest may still come.',
    });
    const done = archive.inbox.receive(part(modem.id, 3, 3, 'three'));
    expect(done.message).toMatchObject({ id: shown[0]!.id, status: 'received', statusReason: null, body: 'one two three' });
  });

  it('keeps incomplete groups across a restart and completes them afterwards', () => {
    const t = tempDir();
    cleanups.push(t.remove);
    const file = join(t.dir, 'archive.sqlite');
    const first = openArchive(file, { defaultCountry: 'DE' });
    const modem = first.modems.seen({ imei: '356938035643809' });
    first.inbox.receive(part(modem.id, 1, 2, 'before '));
    first.close();
    const second = openArchive(file);
    cleanups.push(() => second.close());
    expect(second.inbox.waiting(Number.MAX_SAFE_INTEGER)).toHaveLength(1);
    const done = second.inbox.receive(part(modem.id, 2, 2, 'after'));
    expect(done.message?.body).toBe('before after');
  });

  it('refuses an impossible part number with the reason', () => {
    const archive = testArchive();
    const modem = archive.modems.seen({ imei: '356938035643809' });
    expect(() => archive.inbox.storePart(part(modem.id, 4, 3, 'x'))).toThrow(expect.objectContaining({ code: 'ARCHIVE_INVALID' }));
  });
});
