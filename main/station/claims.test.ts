/**
 * Claims on long sends, against the emulator: a message that takes longer than its claim
 * keeps it (renewed part by part), and a claim that is lost anyway stops the sending at
 * once. The network's record of SMS-SUBMITs is the evidence that no part went out twice.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_HANDSET_NUMBER, DEMO_MODEM_NUMBER } from '../../modem/emulator';
import { openArchive, type Archive } from '../archive/index';
import { Station } from './station';
import { makeStationRig, until, type StationRig } from './testing';

/** Eight parts of GSM 7-bit text (153 characters a part). */
const EIGHT_PARTS = 'Eight parts take longer than the claim of this test lasts. '.repeat(20).trim();

let rig: StationRig | undefined;
afterEach(async () => {
  await rig?.cleanup();
  rig = undefined;
});

/** SMS-SUBMITs the network took from the demo modem. */
function submits(rig: StationRig): number {
  return rig.emulator.network.events.filter((e) => e.kind === 'submit' && e.from === DEMO_MODEM_NUMBER).length;
}

function claims(archive: Archive, messageId: number): (string | null)[] {
  return archive.events
    .forMessage(messageId)
    .filter((e) => e.kind === 'job-state' && e.to === 'claimed')
    .map((e) => e.detail);
}

function jobStates(archive: Archive, messageId: number): string[] {
  return archive.events
    .forMessage(messageId)
    .filter((e) => e.kind === 'job-state')
    .map((e) => e.to);
}

describe('claims on long sends', () => {
  it('a slow modem sends a message longer than its claim: claimed once, each part once, while a second station watches', async () => {
    rig = makeStationRig({ modems: [{ msisdn: DEMO_MODEM_NUMBER }], handsets: [DEMO_HANDSET_NUMBER] });
    const received: string[] = [];
    rig.emulator.handsets[0]!.onMessage((m) => received.push(m.text));
    // Each part takes about 2 × 350 ms (the prompt and the answer): the eight take about
    // 5.6 s, twice the claim and the lease. A claim of 2.5 s leaves room for a loaded machine
    // (tests run side by side) to stall between two parts without the claim lapsing for real.
    const short = { claimMs: 2_500, leaseMs: 2_500, statusReports: false };
    const a = await rig.station('shared', 0, { holder: 'a', ...short });
    // B drives the same modem and recovers run-out claims on every poll: had A's claim or
    // lease lapsed, B would take the message over, or call it unconfirmed.
    const b = new Station({ archive: rig.archive('shared'), holder: 'b', pollMs: 20, ratePerMinute: 1_000, ...short });
    try {
      b.addModem(a.modems[0]!);
      rig.emulator.modems[0]!.extraDelayMs = 350;
      const { message } = a.queue({ to: DEMO_HANDSET_NUMBER, text: EIGHT_PARTS });
      expect(message.partCount).toBe(8);
      await until(() => a.archive.outbox.jobForMessage(message.id)?.state === 'done' || undefined, 'the job done', 30_000);
      expect(a.archive.messages.get(message.id)?.status).toBe('sent');
      expect(claims(a.archive, message.id)).toEqual(['a']);
      // Never recovered on the way: not requeued, not unconfirmed.
      expect(jobStates(a.archive, message.id)).toEqual(['queued', 'claimed', 'done']);
      expect(submits(rig)).toBe(8);
      await until(() => received.length > 0, 'the handset to get it');
      expect(received).toEqual([EIGHT_PARTS]);
    } finally {
      await b.stop();
    }
  });

  it('a claim lost mid-way stops the sending: the message is unconfirmed and no later part goes out', async () => {
    rig = makeStationRig({ modems: [{ msisdn: DEMO_MODEM_NUMBER }], handsets: [DEMO_HANDSET_NUMBER] });
    const station = await rig.station('a', 0, { statusReports: false });
    const logs: string[] = [];
    station.onEvent((e) => {
      if (e.kind === 'log') logs.push(e.text);
    });
    // Another station whose clock is an hour ahead sees every claim as run out.
    const ahead = openArchive(join(rig.dir, 'a.sqlite'), { now: () => Date.now() + 3_600_000 });
    try {
      const modem = station.modems[0]!;
      const send = modem.send.bind(modem);
      let calls = 0;
      // While part 3 is recorded as in flight, the other station recovers the claim.
      modem.send = (request, options) => {
        if (++calls === 3) expect(ahead.outbox.recoverExpiredClaims().map((j) => j.state)).toEqual(['unconfirmed']);
        return send(request, options);
      };
      const { message } = station.queue({ to: DEMO_HANDSET_NUMBER, text: EIGHT_PARTS });
      await until(() => logs.find((l) => l.startsWith(`Stopped sending message ${message.id}`)), 'the worker to stop');
      await station.flush();
      await station.flush();
      expect(logs.find((l) => l.startsWith(`Stopped sending message ${message.id}`))).toBe(
        `Stopped sending message ${message.id} before part 4 of 8: its claim ran out and the outbox took it back (now unconfirmed), so nothing goes out twice.`,
      );
      expect(calls).toBe(3);
      expect(submits(rig)).toBe(3);
      // Part 3 left after the recovery: its TP-MR still came back and is kept.
      expect(station.archive.outbox.parts(message.id).map((p) => p.status)).toEqual(['sent', 'sent', 'sent']);
      expect(station.archive.outbox.jobForMessage(message.id)?.state).toBe('unconfirmed');
      expect(station.archive.messages.get(message.id)?.status).toBe('unconfirmed');
      expect(claims(station.archive, message.id)).toHaveLength(1);
    } finally {
      ahead.close();
    }
  });
});
