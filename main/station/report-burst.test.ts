/**
 * A burst of sends with delivery reports on a modem whose report store holds 20: the reports
 * are read and applied while the burst is still sending, so the store never fills. Before the
 * driver held the AT channel for each read (modem/at AtChannel.hold), a read got one command in
 * per submit, the store filled after about 20 sends, and the network held the rest for its
 * one-minute retry.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { makeStationRig, until, type StationRig } from './testing';

let rig: StationRig | undefined;
afterEach(async () => {
  await rig?.cleanup();
  rig = undefined;
});

const BURST = 30;

describe('status reports during a burst of sends', () => {
  it('are read as they come, so the report store never fills and every message is delivered', async () => {
    // Each submit waits on the network; the report for it comes while the next one is in flight.
    rig = makeStationRig({
      modems: [{ profile: 'generic' }, { profile: 'generic' }],
      network: { submitLatencyMs: 80, deliveryDelayMs: 0, reportDelayMs: 40 },
    });
    const sender = rig.emulator.modems[0]!;
    const receiver = rig.emulator.modems[1]!;
    expect(sender.stores.SR.capacity).toBe(20);
    const station = await rig.station('a', 0, { statusReports: true });
    const archive = station.archive;
    for (let i = 0; i < BURST; i++) station.queue({ to: receiver.msisdn, text: `burst ${i}` });

    let mostWaiting = 0;
    const delivered = await until(
      () => {
        mostWaiting = Math.max(mostWaiting, sender.stores.SR.used);
        const n = archive.db
          .prepare(`SELECT count(*) FROM messages WHERE direction = 'out' AND status = 'delivered'`)
          .pluck()
          .get() as number;
        return n === BURST && n;
      },
      `${BURST} delivered`,
      30_000,
    );
    expect(delivered).toBe(BURST);
    // Every report came straight through: none was ever offered to a full store and held back.
    expect(rig.emulator.network.events.filter((e) => e.kind === 'status-report')).toHaveLength(BURST);
    expect(mostWaiting).toBeLessThanOrEqual(3);
    expect(sender.stores.SR.used).toBe(0);
  }, 40_000);
});
