/** Rules against the emulator: keyword auto-reply, forwarding, missed calls, and two stations that cannot loop. */
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_MODEM_NUMBER } from '../../modem/emulator';
import type { ReceivedText } from '../../modem/emulator';
import type { Archive } from '../archive/index';
import type { Station } from './station';
import { makeStationRig, messagesWith, until, type StationRig } from './testing';

const ANNA = '+491555012345';
const BOSS = '+491555099999';
const CAROL = '+491555077777';
const B_NUMBER = '+491555000002';

let rig: StationRig | undefined;
afterEach(async () => {
  await rig?.cleanup();
  rig = undefined;
});

/** What each handset received, in order. */
function inboxes(r: StationRig): Map<string, ReceivedText[]> {
  const seen = new Map<string, ReceivedText[]>();
  for (const h of r.emulator.handsets) {
    seen.set(h.msisdn, []);
    h.onMessage((m) => seen.get(h.msisdn)!.push(m));
  }
  return seen;
}

/** Every automatic message of the archive has left the outbox and its report is in. */
function settled(archive: Archive): boolean {
  const waiting = archive.db
    .prepare(`SELECT count(*) FROM messages WHERE direction = 'out' AND status IN ('queued', 'sending', 'sent')`)
    .pluck()
    .get() as number;
  return waiting === 0;
}

/** Gives the station's poll (20 ms) several chances to do what it should not. */
async function severalPolls(...stations: Station[]): Promise<void> {
  await new Promise((r) => setTimeout(r, 150));
  for (const s of stations) await s.flush();
}

describe('rules on the emulator', () => {
  it('answers a keyword (any case) from the modem that was texted, and nothing else', async () => {
    rig = makeStationRig({ modems: [{ msisdn: DEMO_MODEM_NUMBER }], handsets: [ANNA] });
    const seen = inboxes(rig);
    const station = await rig.station('a', 0);
    station.archive.rules.add({ kind: 'auto-reply', keyword: 'INFO', text: 'We are open 9 to 5.' });
    const anna = rig.emulator.handsets[0]!;
    await anna.send(DEMO_MODEM_NUMBER, 'Hello there');
    await anna.send(DEMO_MODEM_NUMBER, 'info: when are you open?');
    await until(() => seen.get(ANNA)!.length === 1, 'the reply');
    await until(() => settled(station.archive), 'the reply delivered');
    await severalPolls(station);
    expect(seen.get(ANNA)!.map((m) => [m.text, m.messageClass])).toEqual([['We are open 9 to 5.', null]]);
    const thread = messagesWith(station.archive, ANNA);
    expect(thread.map((m) => [m.direction, m.body, m.status])).toEqual([
      ['in', 'Hello there', 'received'],
      ['in', 'info: when are you open?', 'received'],
      ['out', 'We are open 9 to 5.', 'delivered'],
    ]);
    const modemId = station.archive.modems.list()[0]!.id;
    expect(station.archive.outbox.jobForMessage(thread[2]!.id)?.modemId).toBe(modemId);
    expect(station.archive.rules.hits().map((h) => [h.peer, h.outcome, h.triggerMessageId])).toEqual([[ANNA, 'queued', thread[1]!.id]]);
  });

  it('forwards with the original sender in the text: from listed numbers, or on a keyword from anyone', async () => {
    rig = makeStationRig({ modems: [{ msisdn: DEMO_MODEM_NUMBER }], handsets: [ANNA, BOSS, CAROL] });
    const seen = inboxes(rig);
    const station = await rig.station('a', 0);
    station.archive.contacts.upsert({ displayName: 'Anna Berg', addresses: [{ value: ANNA }] });
    station.archive.rules.add({ kind: 'forward', senders: [ANNA], forwardTo: BOSS, perHour: 10 });
    station.archive.rules.add({ kind: 'forward', keyword: 'URGENT', forwardTo: BOSS, perHour: 10 });
    const [anna, boss, carol] = rig.emulator.handsets;
    await anna!.send(DEMO_MODEM_NUMBER, 'Order 5 boxes');
    await carol!.send(DEMO_MODEM_NUMBER, 'Just saying hi');
    await carol!.send(DEMO_MODEM_NUMBER, 'urgent: call me back');
    // The boss's own message is not sent back to the boss.
    await boss!.send(DEMO_MODEM_NUMBER, 'URGENT meeting at 3');
    await until(() => messagesWith(station.archive, BOSS).filter((m) => m.direction === 'in').length === 1, 'the boss’s message');
    await until(() => seen.get(BOSS)!.length === 2, 'two forwards');
    await until(() => settled(station.archive), 'the forwards delivered');
    await severalPolls(station);
    expect(
      seen
        .get(BOSS)!
        .map((m) => m.text)
        .sort(),
    ).toEqual([`From ${CAROL}: urgent: call me back`, `From Anna Berg (${ANNA}): Order 5 boxes`]);
    expect(seen.get(ANNA)).toEqual([]);
    expect(seen.get(CAROL)).toEqual([]);
  });

  it('refuses a call and answers it with a flash SMS carrying the status text', async () => {
    rig = makeStationRig({ modems: [{ msisdn: DEMO_MODEM_NUMBER }], handsets: [ANNA] });
    const seen = inboxes(rig);
    const station = await rig.station('a', 0);
    station.archive.rules.add({ kind: 'missed-call', text: 'Closed today, back Monday.', flash: true, rejectCall: true });
    rig.emulator.network.call(ANNA, DEMO_MODEM_NUMBER);
    await until(() => seen.get(ANNA)!.length === 1, 'the flash SMS');
    expect(seen.get(ANNA)!.map((m) => [m.text, m.messageClass])).toEqual([['Closed today, back Monday.', 0]]);
    expect(rig.emulator.modems[0]!.log).toContain(`call from ${ANNA} rejected`);
    const out = messagesWith(station.archive, ANNA);
    expect(out.map((m) => [m.direction, m.flash])).toEqual([['out', true]]);
    expect(station.archive.rules.hits().map((h) => [h.triggerMessageId, h.triggerPeer, h.outcome])).toEqual([[null, ANNA, 'queued']]);
  });

  it('answers a missed call when its rings stop, not while it rings', async () => {
    rig = makeStationRig({ modems: [{ msisdn: DEMO_MODEM_NUMBER }], handsets: [ANNA] });
    const seen = inboxes(rig);
    const station = await rig.station('a', 0, { rules: { callEndMs: 300 } });
    station.archive.rules.add({ kind: 'missed-call', text: 'Sorry we missed you.' });
    const rings: string[] = [];
    station.modems[0]!.onCall((e) => rings.push(e.kind));
    rig.emulator.network.call(ANNA, DEMO_MODEM_NUMBER);
    await until(() => rings.includes('caller-id'), 'the caller id');
    // Nothing is sent while it rings.
    expect(messagesWith(station.archive, ANNA)).toEqual([]);
    rig.emulator.network.hangUp(DEMO_MODEM_NUMBER);
    await until(() => seen.get(ANNA)!.length === 1, 'the reply');
    await until(() => settled(station.archive), 'the reply delivered');
    await severalPolls(station);
    expect(seen.get(ANNA)!.map((m) => [m.text, m.messageClass])).toEqual([['Sorry we missed you.', null]]);
    expect(rig.emulator.modems[0]!.log).not.toContain(`call from ${ANNA} rejected`);
  });

  it('two stations that auto-reply to each other stop at the per-number cap', { timeout: 40_000 }, async () => {
    // A second per hop: each station's replies are the same text, and two SMS with the same text
    // from one sender in the same second of SC time have the same PDU, which the inbox stores once.
    rig = makeStationRig({ modems: [{ msisdn: DEMO_MODEM_NUMBER }, { msisdn: B_NUMBER }], network: { deliveryDelayMs: 1_000 } });
    const a = await rig.station('a', 0);
    const b = await rig.station('b', 1);
    // Two out-of-office replies: the classic loop.
    a.archive.rules.add({ kind: 'auto-reply', text: 'A is away until Monday.', perHour: 3 });
    b.archive.rules.add({ kind: 'auto-reply', text: 'B is away until Monday.', perHour: 3 });
    a.queue({ to: B_NUMBER, text: 'Hello B' });

    await until(() => b.archive.rules.hits().some((h) => h.outcome === 'capped'), 'B to hold back its fourth reply', 30_000);
    await until(() => settled(a.archive) && settled(b.archive), 'every message delivered');
    await severalPolls(a, b);
    const atA = messagesWith(a.archive, B_NUMBER);
    const atB = messagesWith(b.archive, DEMO_MODEM_NUMBER);
    expect(atA.filter((m) => m.direction === 'out').map((m) => m.body)).toEqual(['Hello B', ...Array(3).fill('A is away until Monday.')]);
    expect(atA.filter((m) => m.direction === 'in').map((m) => m.body)).toEqual(Array(3).fill('B is away until Monday.'));
    expect(atB.filter((m) => m.direction === 'out')).toHaveLength(3);
    expect(atB.filter((m) => m.direction === 'in')).toHaveLength(4);
    expect(a.archive.rules.hits().map((h) => h.outcome)).toEqual(['queued', 'queued', 'queued']);
    expect(b.archive.rules.hits().map((h) => h.outcome)).toEqual(['capped', 'queued', 'queued', 'queued']);
  });
});
