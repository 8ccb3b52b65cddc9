import { describe, expect, it } from 'vitest';
import { decodeAddress } from '../pdu/address';
import { fromHex } from './hex';
import { VirtualNetwork } from './network';
import { PROFILES, type ProfileId } from './profiles';
import { ManualScheduler } from './scheduler';
import { TestDte } from './test-dte';
import { VirtualModem } from './virtual-modem';

function setup(profiles: ProfileId[] = ['generic', 'generic'], pin: string | null = null) {
  const clock = new ManualScheduler();
  const network = new VirtualNetwork({ scheduler: clock, submitLatencyMs: 1_000, deliveryDelayMs: 2_000, reportDelayMs: 1_000 });
  const numbers = ['+46700000001', '+46708251358', '+46700000003'];
  const modems = profiles.map((id, i) => {
    const modem = new VirtualModem({
      profile: PROFILES[id],
      subscriber: {
        msisdn: numbers[i]!,
        imsi: `00101000000000${i}`,
        iccid: `8901010000000000000${i}`,
        imei: `35000000000000${i}`,
        pin,
        puk: '12345678',
      },
      network,
      scheduler: clock,
      portBase: `ttyVM${i}.`,
    });
    network.attach(modem);
    return modem;
  });
  const dtes = modems.map(
    (m) =>
      new TestDte(
        m.ports.find((p) => p.urcs)!,
        clock,
      ),
  );
  return { clock, network, modems, dtes };
}

// The classic SMS-SUBMIT example: to +46708251358, "hellohello", relative validity AA.
// Source: "SMS and the PDU format", dreamfabric.com/sms (the example TPDU used by many guides).
const HELLO_SUBMIT = '0011000B916407281553F80000AA0AE8329BFD4697D9EC37';

describe('virtual modem: basics', () => {
  it('echoes, identifies, and answers with the result codes of V.250', () => {
    const { dtes } = setup(['generic']);
    const dte = dtes[0]!;
    expect(dte.at('AT')).toBe('AT\r\r\nOK\r\n');
    expect(dte.at('ATE0')).toBe('ATE0\r\r\nOK\r\n');
    expect(dte.at('AT+CGMI')).toBe('\r\nSMSDesk\r\n\r\nOK\r\n');
    expect(dte.at('AT+CGSN')).toBe('\r\n350000000000000\r\n\r\nOK\r\n');
    expect(dte.at('AT+CGMM;+CGMR')).toBe('\r\nVirtual GSM Modem\r\nVM 1.0\r\n\r\nOK\r\n');
    expect(dte.at('AT+NOPE')).toBe('\r\nERROR\r\n');
  });

  it('reports errors numerically or verbosely as +CMEE says', () => {
    const { dtes, modems } = setup(['generic']);
    const dte = dtes[0]!;
    dte.at('ATE0');
    modems[0]!.removeSim();
    expect(dte.at('AT+CIMI')).toBe('\r\nERROR\r\n');
    dte.at('AT+CMEE=1');
    expect(dte.at('AT+CIMI')).toBe('\r\n+CME ERROR: 10\r\n');
    dte.at('AT+CMEE=2');
    expect(dte.at('AT+CIMI')).toBe('\r\n+CME ERROR: SIM not inserted\r\n');
    expect(dte.at('AT+CPMS?')).toBe('\r\n+CMS ERROR: SIM not inserted\r\n');
  });

  it('counts wrong PINs down to the PUK state and unblocks with the PUK', () => {
    const { dtes } = setup(['generic'], '1234');
    const dte = dtes[0]!;
    dte.at('ATE0;+CMEE=1');
    expect(dte.at('AT+CPIN?')).toBe('\r\n+CPIN: SIM PIN\r\n\r\nOK\r\n');
    expect(dte.at('AT+CMGL=4')).toBe('\r\n+CMS ERROR: 311\r\n');
    for (let i = 0; i < 3; i++) expect(dte.at('AT+CPIN="0000"')).toBe('\r\n+CME ERROR: 16\r\n');
    expect(dte.at('AT+CPIN?')).toBe('\r\n+CPIN: SIM PUK\r\n\r\nOK\r\n');
    expect(dte.at('AT+CPIN="12345678","4321"')).toBe('\r\nOK\r\n');
    expect(dte.at('AT+CPIN?')).toBe('\r\n+CPIN: READY\r\n\r\nOK\r\n');
  });
});

describe('virtual network: SMS between two modems', () => {
  it('delivers a submitted PDU as SMS-DELIVER with +CMTI, and returns a status report with +CDSI', () => {
    const { dtes, network, clock } = setup();
    const [a, b] = dtes as [TestDte, TestDte];
    for (const d of [a, b]) d.at('ATE0;+CMEE=1;+CMGF=0;+CNMI=2,1,0,2,0');
    a.take();
    b.take();

    // Ask for a status report: TP-SRR (bit 5) on top of the example's first octet 0x11.
    const submit = HELLO_SUBMIT.replace(/^0011/, '0031');
    a.type('AT+CMGS=23\r');
    expect(a.take()).toBe('\r\n> ');
    a.type(`${submit}\x1a`);
    expect(a.take()).toBe(''); // the network has not answered yet
    clock.advance(1_000);
    expect(a.take()).toBe('\r\n+CMGS: 0\r\n\r\nOK\r\n');
    expect(b.take()).toBe('');
    clock.advance(2_000);
    expect(b.take()).toBe('\r\n+CMTI: "SM",1\r\n');
    const read = b.at('AT+CMGR=1');
    const m = /^\r\n\+CMGR: 0,,(\d+)\r\n([0-9A-F]+)\r\n\r\nOK\r\n$/.exec(read);
    expect(m, read).not.toBeNull();
    const pdu = fromHex(m![2]!)!;
    const smscLen = pdu[0]!;
    const tpdu = pdu.subarray(1 + smscLen);
    expect(Number(m![1])).toBe(tpdu.length);
    expect(tpdu[0]! & 0x03).toBe(0); // SMS-DELIVER
    expect(tpdu[0]! & 0x20).toBe(0x20); // TP-SRI: a report was asked for
    expect(decodeAddress(tpdu, 1).address.text).toBe('+46700000001'); // the sender, A
    expect(m![2]!.endsWith('0AE8329BFD4697D9EC37')).toBe(true); // user data passed through untouched
    // Read once, the message is REC READ.
    expect(b.at('AT+CMGL=0')).toBe('\r\nOK\r\n');

    expect(a.take()).toBe('');
    clock.advance(1_000);
    expect(a.take()).toBe('\r\n+CDSI: "SR",1\r\n');
    a.at('AT+CPMS="SR"');
    const report = a.at('AT+CMGR=1');
    expect(report).toMatch(/^\r\n\+CMGR: 0,,\d+\r\n[0-9A-F]+0{2}\r\n\r\nOK\r\n$/); // TP-ST 00: delivered
    expect(network.events.map((e) => e.kind)).toEqual(['submit', 'deliver', 'status-report']);
  });

  it('holds messages for a full SIM and delivers them once space is freed', () => {
    const { dtes, modems, network, clock } = setup();
    const [a, b] = dtes as [TestDte, TestDte];
    for (const d of [a, b]) d.at('ATE0;+CMGF=0;+CNMI=2,1,0,0,0');
    // Fill B's 30-slot SIM.
    const store = modems[1]!.stores.SM;
    for (let i = 0; i < store.capacity; i++) store.add({ stat: 1, pdu: new Uint8Array([0, 4]), tpduLength: 1 });
    b.take();
    a.type('AT+CMGS=23\r');
    a.type(`${HELLO_SUBMIT}\x1a`);
    clock.advance(3_000);
    expect(a.take()).toContain('+CMGS: 0');
    expect(b.take()).toBe(''); // a full SIM gives no +CMTI: reception silently stops
    expect(network.waitingFor('+46708251358')).toBe(1);
    expect(b.at('AT+CMGD=1,1')).toBe('\r\nOK\r\n'); // delete all read messages
    clock.advance(2_000);
    expect(b.take()).toContain('\r\n+CMTI: "SM",1\r\n');
    expect(network.waitingFor('+46708251358')).toBe(0);
  });

  it('rejects a PDU whose length does not match, and cancels on ESC', () => {
    const { dtes } = setup();
    const a = dtes[0]!;
    a.at('ATE0;+CMEE=1');
    a.take();
    a.type('AT+CMGS=22\r');
    a.type(`${HELLO_SUBMIT}\x1a`);
    expect(a.take()).toBe('\r\n> \r\n+CMS ERROR: 304\r\n');
    a.type('AT+CMGS=23\r');
    a.type('0011\x1b');
    expect(a.take()).toBe('\r\n> \r\nOK\r\n');
  });
});
