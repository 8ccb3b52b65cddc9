/** The service centre holds what it cannot deliver now: injected messages, unplugged modems, reports. */
import { describe, expect, it } from 'vitest';
import { encodeSubmit } from '../pdu';
import { Emulator } from './emulator';
import { fromHex } from './hex';
import { ManualScheduler } from './scheduler';
import { TestDte } from './test-dte';
import { readSubmit, writeDeliver } from './tpdu';

function deliverTpdu(text: string): Uint8Array {
  const bytes = fromHex(encodeSubmit({ to: '+491555000001', text }).parts[0]!.hex)!;
  const h = readSubmit(bytes.slice(1 + bytes[0]!));
  return writeDeliver({
    originator: '+4930111',
    scts: new Date(0),
    zoneMinutes: 0,
    statusReportIndication: false,
    moreToSend: false,
    pid: 0,
    dcs: h.dcs,
    hasUdh: false,
    replyPath: false,
    udl: h.udl,
    ud: h.ud,
  });
}

describe('held at the service centre', () => {
  it('an injected SMS for a full SIM waits and arrives once a slot is freed', () => {
    const clock = new ManualScheduler();
    const emu = new Emulator({ modems: [{}], scheduler: clock });
    const modem = emu.modems[0]!;
    for (let i = 0; i < modem.stores.SM.capacity; i++) modem.stores.SM.add({ stat: 1, pdu: new Uint8Array([0, 4]), tpduLength: 1 });
    const dte = new TestDte(modem.ports[0]!, clock);
    dte.at('ATE0;+CNMI=2,1,0,0,0');
    dte.take();
    expect(emu.network.injectDeliver(modem.msisdn, deliverTpdu('Captured message'))).toBe('memory-full');
    expect(emu.network.waitingFor(modem.msisdn)).toBe(1);
    dte.at('AT+CMGD=5');
    clock.runDue();
    expect(dte.take()).toBe('\r\nOK\r\n\r\n+CMTI: "SM",5\r\n');
    expect(emu.network.waitingFor(modem.msisdn)).toBe(0);
  });

  it('an unplugged modem is off the network: its SMS wait, and arrive after the replug', () => {
    const clock = new ManualScheduler();
    const emu = new Emulator({ modems: [{}], handsets: ['+4917000000001'], scheduler: clock, network: { retryMs: 30_000 } });
    const modem = emu.modems[0]!;
    modem.unplug();
    void emu.handsets[0]!.send(modem.msisdn, 'While you were away');
    clock.advance(1_000);
    expect(modem.stores.SM.used).toBe(0);
    expect(emu.network.waitingFor(modem.msisdn)).toBe(1);
    modem.replug();
    clock.advance(30_000);
    expect(modem.stores.SM.used).toBe(1);
    expect(emu.network.waitingFor(modem.msisdn)).toBe(0);
  });

  it('a modem without an SR store keeps status reports in the SIM (Huawei), never drops them', () => {
    const clock = new ManualScheduler();
    const emu = new Emulator({ modems: [{ profile: 'huawei-e173' }], handsets: ['+4917000000001'], scheduler: clock });
    const modem = emu.modems[0]!;
    const dte = new TestDte(modem.ports[2]!, clock);
    dte.at('ATE0;+CNMI=2,1,0,2,0');
    dte.take();
    const part = encodeSubmit({ to: '+4917000000001', text: 'report please', statusReport: true }).parts[0]!;
    dte.type(`AT+CMGS=${part.tpduLength}\r`);
    dte.type(`${part.hex}\x1a`);
    clock.advance(1_000);
    expect(dte.take()).toContain('+CDSI: "SM",1');
    expect(modem.stores.SM.used).toBe(1);
  });
});
