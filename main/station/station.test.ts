import { afterEach, describe, expect, it } from 'vitest';
import { openSerialTransport, type SerialBinding } from '../../modem/at/index';
import { ModemSupervisor } from '../../modem/driver/index';
import { deliversFor, DEMO_HANDSET_NUMBER, DEMO_MODEM_NUMBER } from '../../modem/emulator';
import { smscField } from '../../modem/emulator/hex';
import { bytesToHex } from '../../modem/pdu/index';
import type { StationEvent } from './events';
import { UNREADABLE_REPORT_TEXT, UNREADABLE_TEXT } from './incoming';
import { Station } from './station';
import { FAST_MODEM, makeStationRig, messagesWith, until, type StationRig } from './testing';

const LONG = 'This message is long enough to need three parts. '.repeat(7).trim();
const B_NUMBER = '+491555000002';

/** One SMS-DELIVER TPDU as the handset's network would write it (same bytes every time it is injected). */
function deliverTpdu(from: string, to: string, text: string): Uint8Array {
  return deliversFor({ from, to, text }, { scts: new Date(Date.UTC(2026, 10, 23, 12, 0, 0)), zoneMinutes: 60 })[0]!;
}

let rig: StationRig | undefined;
afterEach(async () => {
  await rig?.cleanup();
  rig = undefined;
});

describe('Station receive', () => {
  it('keeps two identical SMS (same sender, text and second) as two messages', async () => {
    rig = makeStationRig({ modems: [{ msisdn: DEMO_MODEM_NUMBER }], handsets: [DEMO_HANDSET_NUMBER] });
    const station = await rig.station('a', 0);
    const events: StationEvent[] = [];
    station.onEvent((e) => events.push(e));
    // Two deliveries with the same bytes: TP-SCTS counts seconds, so "ok" sent twice in one
    // second is two SMS whose PDUs are identical.
    const tpdu = deliverTpdu(DEMO_HANDSET_NUMBER, DEMO_MODEM_NUMBER, 'Hello from the demo phone');
    rig.emulator.network.injectDeliver(DEMO_MODEM_NUMBER, tpdu);
    rig.emulator.network.injectDeliver(DEMO_MODEM_NUMBER, tpdu);
    await rig.emulator.handsets[0]!.send(DEMO_MODEM_NUMBER, LONG);
    await until(() => messagesWith(station.archive, DEMO_HANDSET_NUMBER).length === 3, 'three messages');
    const modem = station.modems[0]!;
    await until(async () => (await modem.storage()).every((s) => s.used === 0), 'an empty modem store');
    await modem.sweep();
    const messages = messagesWith(station.archive, DEMO_HANDSET_NUMBER);
    expect(messages.map((m) => [m.body, m.status, m.partCount])).toEqual([
      ['Hello from the demo phone', 'received', 1],
      ['Hello from the demo phone', 'received', 1],
      [LONG, 'received', 3],
    ]);
    expect(events.filter((e) => e.kind === 'message-received')).toHaveLength(3);
  });

  it('stores an SMS read again before the modem deleted it once; the same bytes after the delete are a new SMS', async () => {
    rig = makeStationRig({ modems: [{ msisdn: DEMO_MODEM_NUMBER }], handsets: [DEMO_HANDSET_NUMBER] });
    const station = await rig.station('a', 0);
    const modem = station.modems[0]!;
    // The archive has it, but the delete never happens: what a crash between the two leaves.
    const crash = modem.onMessage(() => Promise.reject(new Error('the station died before the delete')));
    const tpdu = deliverTpdu(DEMO_HANDSET_NUMBER, DEMO_MODEM_NUMBER, 'Read twice');
    rig.emulator.network.injectDeliver(DEMO_MODEM_NUMBER, tpdu);
    await until(() => messagesWith(station.archive, DEMO_HANDSET_NUMBER).length === 1, 'the message stored');
    await modem.idle();
    expect(Math.max(...(await modem.storage()).map((s) => s.used))).toBe(1);
    crash.dispose();
    // The sweep after the restart reads the same slot again, hands it over, and deletes it.
    expect(await modem.sweep()).toBe(1);
    expect(Math.max(...(await modem.storage()).map((s) => s.used))).toBe(0);
    expect(messagesWith(station.archive, DEMO_HANDSET_NUMBER).map((m) => m.body)).toEqual(['Read twice']);
    // Deleted: the same bytes again (into the freed slot) are another SMS.
    rig.emulator.network.injectDeliver(DEMO_MODEM_NUMBER, tpdu);
    await until(() => messagesWith(station.archive, DEMO_HANDSET_NUMBER).length === 2, 'the second message');
    expect(messagesWith(station.archive, DEMO_HANDSET_NUMBER).map((m) => m.body)).toEqual(['Read twice', 'Read twice']);
  });

  it('keeps an SMS the codec cannot read, raw and with the reason, and deletes it from the modem so it is not read forever', async () => {
    rig = makeStationRig({ modems: [{ msisdn: DEMO_MODEM_NUMBER }], handsets: [DEMO_HANDSET_NUMBER] });
    const station = await rig.station('a', 0);
    const logs: string[] = [];
    station.onEvent((e) => {
      if (e.kind === 'log') logs.push(e.text);
    });
    const modem = station.modems[0]!;
    // A DELIVER whose user data is cut short (TP-UDL says more than there is): the header,
    // sender included, is intact; the text is not.
    const whole = deliverTpdu(DEMO_HANDSET_NUMBER, DEMO_MODEM_NUMBER, 'This text will be cut off in the middle');
    const broken = whole.slice(0, whole.length - 10);
    rig.emulator.network.injectDeliver(DEMO_MODEM_NUMBER, broken);
    const [message] = await until(() => {
      const list = messagesWith(station.archive, DEMO_HANDSET_NUMBER);
      return list.length > 0 && list;
    }, 'the unreadable message');
    expect(message).toMatchObject({ direction: 'in', status: 'received', body: UNREADABLE_TEXT });
    expect(message!.statusReason).toMatch(/^SMSDesk could not decode this SMS \(.+\); its raw PDU is kept as it came\.$/);
    const parts = station.archive.outbox.parts(message!.id);
    expect(parts).toHaveLength(1);
    expect(bytesToHex(parts[0]!.pdu!).endsWith(bytesToHex(broken))).toBe(true);
    await modem.idle();
    expect(Math.max(...(await modem.storage()).map((s) => s.used))).toBe(0);
    // Later sweeps find nothing: it is neither read again nor stored twice.
    expect(await modem.sweep()).toBe(0);
    expect(messagesWith(station.archive, DEMO_HANDSET_NUMBER)).toHaveLength(1);
    expect(logs.filter((l) => l.includes('could not be read'))).toHaveLength(1);
  });
});

describe('Station receive: unreadable status reports', () => {
  it('keeps a status report the codec cannot read, raw, and deletes it from the modem', async () => {
    rig = makeStationRig({ modems: [{ msisdn: DEMO_MODEM_NUMBER }], handsets: [DEMO_HANDSET_NUMBER] });
    const station = await rig.station('a', 0);
    const modem = station.modems[0]!;
    if (!modem.setup?.storage.sweep.includes('SR')) return expect(modem.setup?.storage.sweep).toContain('SR');
    // An SMS-STATUS-REPORT cut short inside its recipient address.
    const broken = new Uint8Array([...smscField('+99900000000'), 0x06, 0x01, 0x0b, 0x91, 0x94]);
    const sr = rig.emulator.modems[0]!.stores.SR;
    sr.add({ stat: 0, pdu: broken, tpduLength: broken.length - 7 });
    const logs: string[] = [];
    station.onEvent((e) => {
      if (e.kind === 'log') logs.push(e.text);
    });
    await modem.sweep();
    await modem.idle();
    expect(sr.used).toBe(0);
    const [message] = messagesWith(station.archive, 'Unknown sender');
    expect(message).toMatchObject({ direction: 'in', body: UNREADABLE_REPORT_TEXT });
    expect(message!.statusReason).toMatch(/^SMSDesk could not decode this delivery report \(.+\); its raw PDU is kept as it came\.$/);
    expect(bytesToHex(station.archive.outbox.parts(message!.id)[0]!.pdu!)).toBe(bytesToHex(broken));
    expect(await modem.sweep()).toBe(0);
    expect(messagesWith(station.archive, 'Unknown sender')).toHaveLength(1);
    expect(logs.filter((l) => l.startsWith('A delivery report could not be read'))).toHaveLength(1);
  });
});

describe('Station send', () => {
  it('sends a long message part by part, stores each TP-MR, and marks it delivered from the reports', async () => {
    rig = makeStationRig({ modems: [{ msisdn: DEMO_MODEM_NUMBER }], handsets: [DEMO_HANDSET_NUMBER] });
    const received: string[] = [];
    rig.emulator.handsets[0]!.onMessage((m) => received.push(`${m.parts}:${m.text}`));
    const station = await rig.station('a', 0);
    const statuses: string[] = [];
    station.onEvent((e) => {
      if (e.kind === 'message-status') statuses.push(e.message.status);
    });
    const { message } = station.queue({ to: DEMO_HANDSET_NUMBER, text: LONG });
    expect(message.partCount).toBe(3);
    const done = await until(() => {
      const m = station.archive.messages.get(message.id);
      return m?.status === 'delivered' && m;
    }, 'delivered');
    const parts = station.archive.outbox.parts(message.id);
    expect(parts.map((p) => p.status)).toEqual(['delivered', 'delivered', 'delivered']);
    expect(parts.every((p) => p.tpMr !== null && p.tpMr >= 0 && p.tpMr <= 255)).toBe(true);
    expect(new Set(parts.map((p) => p.tpMr)).size).toBe(3);
    expect(done.deliveredAt).not.toBeNull();
    expect(station.archive.outbox.jobForMessage(message.id)?.state).toBe('done');
    expect(received).toEqual([`3:${LONG}`]);
    expect(statuses).toContain('sending');
    expect(statuses).toContain('sent');
    expect(statuses.at(-1)).toBe('delivered');
  });

  it('retries a refused send, then fails it with the reason in words', async () => {
    rig = makeStationRig({ modems: [{ msisdn: DEMO_MODEM_NUMBER }], handsets: [DEMO_HANDSET_NUMBER] });
    const station = await rig.station('a', 0);
    // 42 congestion is transient; 21 "short message transfer rejected" is permanent (TS 24.011 §8.2.5.4).
    rig.emulator.network.injectSubmitFault({ kind: 'refuse', cms: 42 }, { kind: 'refuse', cms: 21 });
    const { message } = station.queue({ to: DEMO_HANDSET_NUMBER, text: 'Refused twice' });
    const failed = await until(() => {
      const m = station.archive.messages.get(message.id);
      return m?.status === 'failed' && m;
    }, 'failed');
    expect(failed.statusReason).toBe('The network refused the message.');
    const job = station.archive.outbox.jobForMessage(message.id)!;
    expect(job.state).toBe('failed');
    expect(job.attempts).toBe(2);
    expect(station.archive.outbox.parts(message.id).map((p) => p.status)).toEqual(['failed']);
  });

  it('marks a send whose answer was swallowed unconfirmed and does not send it again', async () => {
    rig = makeStationRig({ modems: [{ msisdn: DEMO_MODEM_NUMBER }], handsets: [DEMO_HANDSET_NUMBER] });
    const received: string[] = [];
    rig.emulator.handsets[0]!.onMessage((m) => received.push(m.text));
    const station = await rig.station('a', 0, { statusReports: false });
    rig.emulator.network.injectSubmitFault({ kind: 'swallow-answer' });
    const { message } = station.queue({ to: DEMO_HANDSET_NUMBER, text: 'Did it go?' });
    await until(() => station.archive.messages.get(message.id)?.status === 'unconfirmed', 'unconfirmed');
    // More passes of the outbox find nothing to send.
    await station.flush();
    await station.flush();
    const job = station.archive.outbox.jobForMessage(message.id)!;
    expect(job.state).toBe('unconfirmed');
    expect(job.attempts).toBe(1);
    expect(station.archive.messages.get(message.id)?.statusReason).toMatch(/may|no answer|did not answer/i);
    expect(received).toEqual(['Did it go?']);
  });
  it('fails a message from a failed status report, with TP-ST in words', async () => {
    rig = makeStationRig({ modems: [{ msisdn: DEMO_MODEM_NUMBER }] });
    const station = await rig.station('a', 0);
    // Nobody has this number on the virtual network: the SC reports "not obtainable" (TP-ST 0x43).
    const { message } = station.queue({ to: '+491559999999', text: 'Anyone there?' });
    const failed = await until(() => {
      const m = station.archive.messages.get(message.id);
      return m?.status === 'failed' && m;
    }, 'failed');
    expect(failed.statusReason).toBe('Not obtainable');
    expect(station.archive.outbox.parts(message.id).map((p) => p.status)).toEqual(['failed']);
  });
});

describe('Two stations and restarts', () => {
  it('station A sends a long message to station B: B stores it once, complete; A marks it delivered', async () => {
    rig = makeStationRig({ modems: [{ msisdn: DEMO_MODEM_NUMBER }, { msisdn: B_NUMBER }] });
    const a = await rig.station('a', 0);
    const b = await rig.station('b', 1);
    const { message } = a.queue({ to: B_NUMBER, text: LONG });
    await until(() => a.archive.messages.get(message.id)?.status === 'delivered', 'delivered at A');
    const atB = await until(() => {
      const list = messagesWith(b.archive, DEMO_MODEM_NUMBER);
      return list.length > 0 && list;
    }, 'the message at B');
    expect(atB.map((m) => [m.direction, m.status, m.body, m.partCount])).toEqual([['in', 'received', LONG, 3]]);
    expect(messagesWith(a.archive, B_NUMBER).map((m) => [m.direction, m.status])).toEqual([['out', 'delivered']]);
  });

  it('a station stopped mid-way and a new one on the same archive: nothing duplicated, nothing lost', async () => {
    rig = makeStationRig({ modems: [{ msisdn: DEMO_MODEM_NUMBER }], handsets: [DEMO_HANDSET_NUMBER] });
    const handset = rig.emulator.handsets[0]!;
    const received: string[] = [];
    handset.onMessage((m) => received.push(m.text));
    // One part a minute: the first message goes, the second waits for the rate limit when we stop.
    const first = await rig.station('shared', 0, { ratePerMinute: 1 });
    const queued = ['one', 'two', 'three'].map((text) => first.queue({ to: DEMO_HANDSET_NUMBER, text }).message.id);
    await until(() => first.archive.messages.get(queued[0]!)?.status === 'delivered', 'the first message delivered');
    await first.stop();
    // While no station runs, an SMS arrives and waits on the modem.
    await handset.send(DEMO_MODEM_NUMBER, 'sent while the station was down');

    const second = await rig.station('shared', 0);
    await until(() => queued.every((id) => second.archive.messages.get(id)?.status === 'delivered'), 'all delivered');
    await until(() => messagesWith(second.archive, DEMO_HANDSET_NUMBER).some((m) => m.direction === 'in'), 'the incoming SMS');
    expect(received).toEqual(['one', 'two', 'three']);
    const thread = messagesWith(second.archive, DEMO_HANDSET_NUMBER);
    expect(thread.filter((m) => m.direction === 'in').map((m) => m.body)).toEqual(['sent while the station was down']);
    expect(thread.filter((m) => m.direction === 'out').map((m) => m.body)).toEqual(['one', 'two', 'three']);
    expect(queued.map((id) => second.archive.outbox.parts(id).length)).toEqual([1, 1, 1]);
  });

  it('a second station on the same archive does not send through a modem another one leases', async () => {
    rig = makeStationRig({ modems: [{ msisdn: DEMO_MODEM_NUMBER }], handsets: [DEMO_HANDSET_NUMBER] });
    const received: string[] = [];
    rig.emulator.handsets[0]!.onMessage((m) => received.push(m.text));
    const first = await rig.station('shared', 0, { holder: 'first' });
    await first.flush(); // takes the lease on the modem's IMEI
    const second = new Station({ archive: rig.archive('shared'), holder: 'second', pollMs: 20 });
    const logs: string[] = [];
    second.onEvent((e) => {
      if (e.kind === 'log') logs.push(e.text);
    });
    try {
      second.addModem(first.modems[0]!);
      const { message } = second.queue({ to: DEMO_HANDSET_NUMBER, text: 'once' });
      await until(() => second.archive.messages.get(message.id)?.status === 'delivered', 'delivered');
      expect(second.archive.events.forMessage(message.id).find((e) => e.to === 'claimed')?.detail).toBe('first');
      expect(received).toEqual(['once']);
      expect(logs.some((l) => l.includes('is driven by first'))).toBe(true);
    } finally {
      await second.stop();
    }
  });

  it('leaves no timer running after stop', async () => {
    rig = makeStationRig({ modems: [] });
    const timers = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timers();
    const station = new Station({ archive: rig.archive('idle'), pollMs: 20 });
    expect(timers()).toBe(before + 1);
    await station.stop();
    expect(timers()).toBe(before);
  });

  it('leaves nothing listening after stop', async () => {
    rig = makeStationRig({ modems: [{ msisdn: DEMO_MODEM_NUMBER }] });
    const station = await rig.station('a', 0);
    const modem = station.modems[0]!;
    station.onEvent(() => undefined);
    await station.stop();
    expect(station.modems).toHaveLength(0);
    expect(modem.state).toBe('closed');
    expect(() => station.queue({ to: DEMO_HANDSET_NUMBER, text: 'late' })).toThrow(expect.objectContaining({ code: 'STATION_STOPPED' }));
  });
});

describe('Station scheduling, rate limit and supervisor', () => {
  it('holds a scheduled message until its time while sending what is due', async () => {
    rig = makeStationRig({ modems: [{ msisdn: DEMO_MODEM_NUMBER }], handsets: [DEMO_HANDSET_NUMBER] });
    const station = await rig.station('a', 0);
    const later = station.queue({ to: DEMO_HANDSET_NUMBER, text: 'Tomorrow', notBefore: Date.now() + 86_400_000 });
    const now = station.queue({ to: DEMO_HANDSET_NUMBER, text: 'Now' });
    await until(() => station.archive.messages.get(now.message.id)?.status === 'delivered', 'the due message delivered');
    await station.flush();
    expect(station.archive.messages.get(later.message.id)?.status).toBe('queued');
    expect(station.archive.outbox.jobForMessage(later.message.id)?.attempts).toBe(0);
  });

  it('sends no more parts per minute than the modem’s rate allows', async () => {
    rig = makeStationRig({ modems: [{ msisdn: DEMO_MODEM_NUMBER }], handsets: [DEMO_HANDSET_NUMBER] });
    const received: string[] = [];
    rig.emulator.handsets[0]!.onMessage((m) => received.push(m.text));
    const station = await rig.station('a', 0, { ratePerMinute: 2 });
    const ids = ['a', 'b', 'c'].map((text) => station.queue({ to: DEMO_HANDSET_NUMBER, text }).message.id);
    await until(() => ids.slice(0, 2).every((id) => station.archive.messages.get(id)?.status === 'delivered'), 'two messages delivered');
    await station.flush();
    expect(ids.map((id) => station.archive.messages.get(id)?.status)).toEqual(['delivered', 'delivered', 'queued']);
    expect(received).toEqual(['a', 'b']);
  });

  it('takes the modems a supervisor finds and stores what they receive', async () => {
    rig = makeStationRig({ modems: [{ msisdn: DEMO_MODEM_NUMBER }], handsets: [DEMO_HANDSET_NUMBER] });
    const binding = rig.emulator.binding() as unknown as SerialBinding;
    const supervisor = new ModemSupervisor({
      list: async () => (await rig!.emulator.binding().list()).map((p) => p.path),
      opener: (path) => openSerialTransport(path, 115200, binding),
      modem: FAST_MODEM,
    });
    const station = new Station({ archive: rig.archive('sup'), pollMs: 20 });
    try {
      station.useSupervisor(supervisor);
      await supervisor.scan();
      expect(station.modems).toHaveLength(1);
      await rig.emulator.handsets[0]!.send(DEMO_MODEM_NUMBER, 'found you');
      await until(() => messagesWith(station.archive, DEMO_HANDSET_NUMBER).length === 1, 'the message');
      expect(station.archive.modems.list().map((m) => m.imei)).toEqual([station.modems[0]!.identity?.imei]);
    } finally {
      await station.stop();
      for (const m of supervisor.modems.values()) await m.close();
      supervisor.dispose();
    }
  });
});
