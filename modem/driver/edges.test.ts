/**
 * Edge paths of receiving: a PDU that does not decode, a direct delivery the handler
 * refuses, and a status report announced in a store that does not hold it.
 * Nothing received is lost, and nothing is deleted or acknowledged without the handler's word.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PROFILES } from '../emulator/profiles';
import { smscField } from '../emulator/hex';
import { deliverText, makeRig, waitFor, type Rig } from './testing';
import type { ReceivedMessage, ReceivedStatusReport } from './receive';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.cleanup();
  rig = undefined;
});

const ME = '+4915550000001';
const PEER = '+4915550000002';

describe('receiving edge paths', () => {
  it('hands over a PDU that does not decode, with the raw PDU and a typed error, and deletes it only after the handler', async () => {
    rig = makeRig([{ profile: 'generic', msisdn: ME }]);
    // An SMS-DELIVER cut short after its originator address: what a corrupted SIM slot can hold.
    const broken = new Uint8Array([...smscField('+99900000000'), 0x04, 0x0b, 0x91, 0x94, 0x51, 0x55, 0x00, 0x00, 0xf9]);
    rig.emulator.modems[0]!.stores.SM.add({ stat: 0, pdu: broken, tpduLength: broken.length - 7 });
    const modem = rig.modem(0, { sweepOnOpen: true });
    const seen: ReceivedMessage[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    modem.onMessage(async (m) => {
      seen.push(m);
      await gate;
    });
    await modem.open();
    await waitFor(() => seen.length === 1, 'the undecodable message');
    expect(seen[0]!.sms).toBeNull();
    expect(seen[0]!.error?.code).toBe('truncated');
    expect(seen[0]!.pdu).toBe('07919909000000F0040B919451550000F9'); // SMSC +99900000000 in swapped semi-octets
    expect(rig.emulator.modems[0]!.stores.SM.used).toBe(1); // still there while the handler works
    release();
    await modem.idle();
    expect(rig.emulator.modems[0]!.stores.SM.used).toBe(0);
  });

  it('does not acknowledge a direct delivery the handler refused', async () => {
    rig = makeRig([{ profile: 'generic', msisdn: ME }]);
    const modem = rig.modem(0, { receive: 'direct' });
    const seen: string[] = [];
    modem.onMessage(async (m) => {
      seen.push(m.sms?.userData.text ?? '');
      throw new Error('archive unavailable');
    });
    await modem.open();
    deliverText(rig.emulator, ME, 'refused for now');
    await waitFor(() => seen.length === 1, 'the +CMT');
    await modem.idle();
    const cnma = modem.channel!.trace.entries().filter((e) => e.dir === 'tx' && e.text.startsWith('AT+CNMA'));
    expect(cnma).toHaveLength(0); // without +CNMA the network keeps the message and delivers it again
  });

  it('finds a status report in SR when the modem announces it in a store that does not hold it', async () => {
    // A modem with generic identity (so no quirk record applies) that stores reports in SR
    // but announces them as "SM",0 — the EC25 behaviour on an unknown model.
    const misannouncing = { ...PROFILES.generic, statusReports: { store: 'SR' as const, announce: 'SM' as const } };
    rig = makeRig([
      { profile: misannouncing, msisdn: ME },
      { profile: 'generic', msisdn: PEER },
    ]);
    const modem = rig.modem(0);
    const reports: ReceivedStatusReport[] = [];
    modem.onStatusReport(async (r) => {
      reports.push(r);
    });
    await modem.open();
    if (modem.setup?.cnmi.reports !== 'store') return expect(modem.setup?.cnmi.reports).toBe('store');
    const sent = await modem.send({ to: PEER, text: 'report this', statusReport: true });
    expect(sent.ok).toBe(true);
    await waitFor(() => reports.length === 1, 'the status report', 8_000);
    expect(reports[0]!.report?.outcome).toBe('delivered');
    expect(reports[0]!.report?.messageReference).toBe(sent.ok ? sent.parts[0]!.mr : -1);
    await modem.idle();
    expect(rig.emulator.modems[0]!.stores.SR.used).toBe(0); // read, handed over, then deleted
  });
});
