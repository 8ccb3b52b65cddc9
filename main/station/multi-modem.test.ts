/**
 * Several modems on one station, against the emulator: routing by rule, by turn and by load,
 * a chosen sender, a modem that goes away mid-queue, per-message status reports, and
 * multi-part messages that stay incomplete. What the network and the handsets saw is the
 * evidence: who sent each text, and whether its SMS-SUBMIT asked for a report (TP-SRR).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { deliversFor, type ReceivedText } from '../../modem/emulator';
import { MISSING_PART, type Archive, type Message } from '../archive/index';
import type { StationEvent } from './events';
import { queueText } from './queue';
import type { Station } from './station';
import { makeStationRig, messagesWith, until, type StationRig } from './testing';

const A = '+491555000001';
const B = '+491555000002';
const DE = '+491555012345';
const UK = '+447700900123';
const LONG = 'This message is long enough to need three parts. '.repeat(7).trim();

let rig: StationRig | undefined;
afterEach(async () => {
  await rig?.cleanup();
  rig = undefined;
});

/** Two modems (A, B) and two handsets; every text a handset receives, with the number it came from. */
function world(): { rig: StationRig; received: ReceivedText[] } {
  rig = makeStationRig({ modems: [{ msisdn: A }, { msisdn: B }], handsets: [DE, UK] });
  const received: ReceivedText[] = [];
  for (const h of rig.emulator.handsets) h.onMessage((m) => received.push(m));
  return { rig, received };
}

function modemId(archive: Archive, number: string): number {
  const modem = archive.modems.find(number);
  if (!modem) throw new Error(`no modem ${number}`);
  return modem.id;
}

function settled(station: Station, ids: readonly number[], status: Message['status'] = 'delivered'): Promise<true> {
  return until(() => ids.every((id) => station.archive.messages.get(id)?.status === status), `${ids.length} message(s) ${status}`);
}

/** text → the number it came from, as the handsets saw it. */
const senders = (received: readonly ReceivedText[]) => Object.fromEntries(received.map((m) => [m.text, m.from]));

/** TP-SRR of every SMS-SUBMIT the network saw, by destination, in order. */
function reportRequests(rig: StationRig): boolean[] {
  return rig.emulator.network.events.flatMap((e) => (e.kind === 'submit' ? [(parseInt(e.tpdu.slice(0, 2), 16) & 0x20) !== 0] : []));
}

describe('routing over several modems', () => {
  it('round-robin: jobs go to the modems in turn, each sent once', async () => {
    const { rig, received } = world();
    const station = await rig.station('office', [0, 1]);
    expect(station.routing).toBe('round-robin');
    const ids = ['one', 'two', 'three', 'four'].map((text) => station.queue({ to: DE, text }).message.id);
    await settled(station, ids);
    expect(senders(received)).toEqual({ one: A, two: B, three: A, four: B });
    expect(received).toHaveLength(4);
    const a = modemId(station.archive, A);
    const b = modemId(station.archive, B);
    expect(ids.map((id) => station.archive.outbox.parts(id).map((p) => p.modemId))).toEqual([[a], [b], [a], [b]]);
  });

  it('least-busy: the modem that sent fewer parts in the last minute gets the next jobs', async () => {
    const { rig, received } = world();
    const station = await rig.station('office', [0, 1], { routing: 'least-busy' });
    // Three parts through A first (a chosen sender), so A has sent 3 parts this minute and B none.
    const long = station.queue({ to: DE, text: LONG, from: A }).message.id;
    await settled(station, [long]);
    const ids = ['x', 'y'].map((text) => station.queue({ to: DE, text }).message.id);
    await settled(station, ids);
    expect(senders(received)).toEqual({ [LONG]: A, x: B, y: B });
  });

  it('prefix rules: +44 through B, +49 through A', async () => {
    const { rig, received } = world();
    const station = await rig.station('office', [0, 1]);
    const archive = station.archive;
    const uk = archive.modems.addRoute({ prefix: '+44', modemId: modemId(archive, B), priority: 10 });
    archive.modems.addRoute({ prefix: '+49', modemId: modemId(archive, A), priority: 10 });
    expect(archive.modems.routes().map((r) => r.prefix)).toEqual(['+44', '+49']);
    const ids = [
      station.queue({ to: UK, text: 'uk 1' }),
      station.queue({ to: DE, text: 'de 1' }),
      station.queue({ to: UK, text: 'uk 2' }),
      station.queue({ to: DE, text: 'de 2' }),
    ].map((q) => q.message.id);
    await settled(station, ids);
    expect(senders(received)).toEqual({ 'uk 1': B, 'de 1': A, 'uk 2': B, 'de 2': A });
    // Without the +44 rule, UK numbers go to any modem again, in turn (after A, the last chosen).
    expect(archive.modems.removeRoute(uk.id)).toBe(true);
    const more = ['uk 3', 'uk 4'].map((text) => station.queue({ to: UK, text }).message.id);
    await settled(station, more);
    expect(senders(received)).toEqual({ 'uk 1': B, 'de 1': A, 'uk 2': B, 'de 2': A, 'uk 3': B, 'uk 4': A });
  });

  it('a chosen sender (SIM number or IMEI) sends the message, whatever the rules say', async () => {
    const { rig, received } = world();
    const station = await rig.station('office', [0, 1]);
    const archive = station.archive;
    archive.modems.addRoute({ prefix: '+49', modemId: modemId(archive, A) });
    const viaB = station.queue({ to: DE, text: 'from B by number', from: '01555 000002' });
    expect(viaB.job.modemId).toBe(modemId(archive, B));
    const imeiA = rig.emulator.modems[0]!.subscriber.imei;
    const viaA = station.queue({ to: UK, text: 'from A by IMEI', from: imeiA });
    await settled(station, [viaB.message.id, viaA.message.id]);
    expect(senders(received)).toEqual({ 'from B by number': B, 'from A by IMEI': A });
    expect(() => station.queue({ to: DE, text: 'x', from: '+491559999999' })).toThrow(
      expect.objectContaining({ code: 'STATION_UNKNOWN_SENDER' }),
    );
  });

  it('a message from a modem that is not connected waits, says why, and goes once the modem is back', async () => {
    const { rig, received } = world();
    const station = await rig.station('office', [0, 1]);
    const modemB = station.modems[1]!;
    await station.removeModem(modemB);
    const waiting = station.queue({ to: DE, text: 'only from B', from: B }).message.id;
    const other = station.queue({ to: DE, text: 'anyone' }).message.id;
    await settled(station, [other]);
    const reason = await until(() => station.archive.messages.get(waiting)?.statusReason, 'the reason it waits');
    expect(reason).toBe(
      `Waiting for the modem with ${B} (IMEI ${rig.emulator.modems[1]!.subscriber.imei}): only it may send this message, and it is not connected.`,
    );
    expect(station.archive.messages.get(waiting)?.status).toBe('queued');

    const again = rig.modem(1);
    station.addModem(again, { owned: true });
    await again.open();
    await settled(station, [waiting]);
    expect(senders(received)).toEqual({ anyone: A, 'only from B': B });
    expect(station.archive.messages.get(waiting)?.statusReason).toBeNull();
  });

  it('the rest of a long message comes from the modem that sent its first part, also on a retry', async () => {
    const { rig, received } = world();
    const station = await rig.station('office', [0, 1]);
    const archive = station.archive;
    let faulted = false;
    station.onEvent((e) => {
      // Part 1 went out through A: the network refuses part 2 with congestion (transient, TS 24.011 §8.2.5.4).
      if (e.kind === 'message-status' && !faulted && archive.outbox.parts(e.message.id).filter((p) => p.status === 'sent').length === 1) {
        faulted = true;
        rig.emulator.network.injectSubmitFault({ kind: 'refuse', cms: 42 });
      }
    });
    const { message } = station.queue({ to: DE, text: LONG });
    await settled(station, [message.id]);
    expect(faulted).toBe(true);
    const a = modemId(archive, A);
    expect(archive.outbox.jobForMessage(message.id)).toMatchObject({ attempts: 2, modemId: a });
    expect(archive.outbox.parts(message.id).map((p) => p.modemId)).toEqual([a, a, a]);
    // Round-robin alone would have given the retry to B; the phone joined the parts because all came from A.
    expect(received.map((m) => [m.from, m.parts, m.text])).toEqual([[A, 3, LONG]]);
  });

  it('a modem unplugged mid-queue hands its jobs to the other; jobs only it may send wait for it', async () => {
    const { rig, received } = world();
    const station = await rig.station('office', [0, 1]);
    const archive = station.archive;
    const a = modemId(archive, A);
    archive.modems.addRoute({ prefix: '+49', modemId: a });
    // One part a minute for A: the first message goes, the others queue up behind A.
    archive.modems.setRatePerMinute(a, 1);
    const first = station.queue({ to: DE, text: 'first' }).message.id;
    const second = station.queue({ to: DE, text: 'second' }).message.id;
    const pinned = station.queue({ to: DE, text: 'pinned to A', from: A }).message.id;
    await settled(station, [first]);
    await station.flush();
    // The rule holds under load: B is free, but +49 waits for A while A is merely busy.
    expect([second, pinned].map((id) => archive.messages.get(id)?.status)).toEqual(['queued', 'queued']);

    rig.emulator.modems[0]!.unplug();
    await settled(station, [second]);
    const reason = await until(() => archive.messages.get(pinned)?.statusReason, 'the pinned message’s reason');
    expect(reason).toMatch(/^Waiting for the modem with \+491555000001 .*only it may send this message/);
    expect(archive.messages.get(pinned)?.status).toBe('queued');

    archive.modems.setRatePerMinute(a, null);
    rig.emulator.modems[0]!.replug();
    await settled(station, [pinned]);
    expect(senders(received)).toEqual({ first: A, second: B, 'pinned to A': A });
    expect(received).toHaveLength(3);
  });
});

describe('status reports per message', () => {
  it('asks the network for a report only when the message (or, without a choice, the station) wants one', async () => {
    rig = makeStationRig({ modems: [{ msisdn: A }], handsets: [DE] });
    const station = await rig.station('a', 0, { statusReports: false });
    const off = station.queue({ to: DE, text: 'station default (off)' });
    expect(off.job.statusReport).toBe(false);
    await settled(station, [off.message.id], 'sent');
    const on = station.queue({ to: DE, text: 'asked for', statusReport: true });
    expect(on.job.statusReport).toBe(true);
    await settled(station, [on.message.id], 'delivered');
    // Queued without a station (e.g. `smsdesk send`): no choice stored, the sending station's setting holds.
    const cli = queueText(station.archive, { to: DE, text: 'no choice' });
    expect(cli.job.statusReport).toBeNull();
    await settled(station, [cli.message.id], 'sent');
    // Asked for no report, so none comes: still "sent" after more passes.
    await station.flush();
    expect(station.archive.messages.get(off.message.id)?.status).toBe('sent');
    await station.stop();

    // The same modem under a station that asks by default.
    const reportsOn = await rig.station('b', 0, { statusReports: true });
    const refused = reportsOn.queue({ to: DE, text: 'not asked for', statusReport: false });
    await settled(reportsOn, [refused.message.id], 'sent');
    const byDefault = reportsOn.queue({ to: DE, text: 'station default (on)' });
    await settled(reportsOn, [byDefault.message.id], 'delivered');

    expect(reportRequests(rig)).toEqual([false, true, false, false, true]);
    const reports = rig.emulator.network.events.filter((e) => e.kind === 'status-report');
    expect(reports).toHaveLength(2);
  });
});

describe('incomplete multi-part messages', () => {
  it('shows a message whose part is overdue as incomplete, and completes it when the part arrives', async () => {
    rig = makeStationRig({ modems: [{ msisdn: A }], handsets: [DE] });
    const station = await rig.station('a', 0, { incompleteAfterMs: 200 });
    const events: StationEvent[] = [];
    station.onEvent((e) => events.push(e));
    const parts = deliversFor({ from: DE, to: A, text: LONG }, { scts: new Date(Date.UTC(2026, 10, 23, 12, 0, 0)), zoneMinutes: 60 });
    expect(parts).toHaveLength(3);
    rig.emulator.network.injectDeliver(A, parts[0]!);
    rig.emulator.network.injectDeliver(A, parts[2]!);
    const shown = await until(() => messagesWith(station.archive, DE)[0], 'the incomplete message');
    expect(shown).toMatchObject({
      status: 'incomplete',
      partCount: 3,
      partsReceived: 2,
      statusReason: '2 of 3 parts arrived; the rest may still come.',
    });
    expect(shown.body).toContain(MISSING_PART);

    rig.emulator.network.injectDeliver(A, parts[1]!);
    const done = await until(() => {
      const m = station.archive.messages.get(shown.id);
      return m?.status === 'received' && m;
    }, 'the late part');
    expect(done).toMatchObject({ body: LONG, partsReceived: 3, statusReason: null });
    expect(messagesWith(station.archive, DE)).toHaveLength(1);
    const received = events.flatMap((e) => (e.kind === 'message-received' ? [`${e.message.id}:${e.message.status}`] : []));
    expect(received).toEqual([`${shown.id}:incomplete`, `${shown.id}:received`]);
  });
});
