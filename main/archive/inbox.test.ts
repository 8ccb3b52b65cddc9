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

describe('inbox: the same PDU twice', () => {
  /** "ok" from one sender, twice in one second: TP-SCTS counts seconds, so both PDUs have the same bytes. */
  const ok = (modemId: number, heldAt: string | null) => ({ ...part(modemId, 1, 1, 'ok'), heldAt });
  const bodies = (archive: ReturnType<typeof testArchive>) => archive.db.prepare('SELECT body FROM messages ORDER BY id').pluck().all();

  it('stores the same SMS once while its slot is not deleted, and an identical one after the delete as another SMS', () => {
    const archive = testArchive();
    const modem = archive.modems.seen({ imei: '356938035643809' });
    expect(archive.inbox.receive(ok(modem.id, 'SM:0'))).toMatchObject({ stored: true });
    // Read again before AT+CMGD (a sweep after a crash, or a delete that failed): the same SMS.
    expect(archive.inbox.receive(ok(modem.id, 'SM:0'))).toMatchObject({ stored: false });
    expect(archive.inbox.released(modem.id, 'SM:0', ok(modem.id, null).pdu)).toBe(true);
    // Deleted; the second "ok" lands in the freed slot: another SMS.
    expect(archive.inbox.receive(ok(modem.id, 'SM:0'))).toMatchObject({ stored: true, complete: true });
    expect(bodies(archive)).toEqual(['ok', 'ok']);
  });

  it('keeps two identical SMS in two slots, and each once however often the sweep lists them', () => {
    const archive = testArchive();
    const modem = archive.modems.seen({ imei: '356938035643809' });
    for (let sweep = 0; sweep < 3; sweep++) {
      archive.inbox.receive(ok(modem.id, 'SM:0'));
      archive.inbox.receive(ok(modem.id, 'SM:1'));
    }
    expect(bodies(archive)).toEqual(['ok', 'ok']);
  });

  it('takes a direct delivery the network repeats for the same SMS until it is acknowledged, also when it comes into a slot', () => {
    const archive = testArchive();
    const modem = archive.modems.seen({ imei: '356938035643809' });
    archive.inbox.receive(ok(modem.id, 'direct'));
    expect(archive.inbox.receive(ok(modem.id, 'direct')).stored).toBe(false);
    expect(archive.inbox.receive(ok(modem.id, 'SM:4')).stored).toBe(false);
    // The copy in slot 4 is deleted: the modem acknowledged it when it stored it, so the
    // network stops repeating, and the next identical PDU is another SMS.
    expect(archive.inbox.released(modem.id, 'SM:4', ok(modem.id, null).pdu)).toBe(true);
    expect(archive.inbox.receive(ok(modem.id, 'direct')).stored).toBe(true);
    expect(archive.inbox.released(modem.id, 'direct', ok(modem.id, null).pdu)).toBe(true);
    expect(archive.inbox.receive(ok(modem.id, 'SM:4')).stored).toBe(true);
    expect(bodies(archive)).toEqual(['ok', 'ok', 'ok']);
  });

  it('frees a slot that holds another PDU now, though its delete was never heard of', () => {
    const archive = testArchive();
    const modem = archive.modems.seen({ imei: '356938035643809' });
    archive.inbox.receive(ok(modem.id, 'SM:2'));
    archive.inbox.receive({ ...part(modem.id, 1, 1, 'something else'), heldAt: 'SM:2' });
    // "ok" in slot 2 again can only be a new "ok": the slot held another SMS in between.
    expect(archive.inbox.receive(ok(modem.id, 'SM:2')).stored).toBe(true);
    expect(bodies(archive)).toEqual(['ok', 'something else', 'ok']);
  });

  it('keeps one text to two of the station’s SIMs on both', () => {
    const archive = testArchive();
    const a = archive.modems.seen({ imei: '111111111111111' });
    const b = archive.modems.seen({ imei: '222222222222222' });
    expect(archive.inbox.receive(ok(a.id, 'SM:0')).stored).toBe(true);
    expect(archive.inbox.receive(ok(b.id, 'SM:0')).stored).toBe(true);
    expect(archive.db.prepare('SELECT modem_id FROM messages ORDER BY id').pluck().all()).toEqual([a.id, b.id]);
  });

  it('keeps a part that could not be read, raw, with the reason on its message', () => {
    const archive = testArchive();
    const modem = archive.modems.seen({ imei: '356938035643809' });
    const raw = new Uint8Array([0x00, 0x04, 0x0b, 0x91]);
    const unreadable = { ...part(modem.id, 1, 1, '[unreadable]'), pdu: raw, heldAt: 'SM:7', problem: 'The PDU ends too early.' };
    const stored = archive.inbox.receive(unreadable);
    expect(stored.message).toMatchObject({ body: '[unreadable]', status: 'received', statusReason: 'The PDU ends too early.' });
    expect(archive.inbox.receive(unreadable).stored).toBe(false);
    expect(archive.outbox.parts(stored.message!.id).map((p) => [p.pdu, p.statusReason])).toEqual([[raw, 'The PDU ends too early.']]);
  });
});
