/** Faults on demand, USSD sessions and calls: the behaviour drivers must survive. */
import { describe, expect, it } from 'vitest';
import { VirtualNetwork } from './network';
import { PROFILES } from './profiles';
import { ManualScheduler } from './scheduler';
import { TestDte } from './test-dte';
import { SUBMIT_TIMEOUT_MS, VirtualModem } from './virtual-modem';

const TO_PEER = '0011000B916407281553F80000AA0AE8329BFD4697D9EC37'; // to +46708251358, "hellohello"

function rig() {
  const clock = new ManualScheduler();
  const network = new VirtualNetwork({ scheduler: clock, submitLatencyMs: 1_000 });
  const make = (msisdn: string, n: number) => {
    const m = new VirtualModem({
      profile: PROFILES.generic,
      subscriber: {
        msisdn,
        imsi: `00101000000000${n}`,
        iccid: `8901010000000000000${n}`,
        imei: `35000000000000${n}`,
        pin: null,
        puk: '12345678',
      },
      network,
      scheduler: clock,
      portBase: `ttyF${n}.`,
    });
    network.attach(m);
    return m;
  };
  const modem = make('+46700000001', 1);
  const peer = make('+46708251358', 2);
  const dte = new TestDte(modem.ports[0]!, clock);
  dte.at('ATE0;+CMEE=1');
  dte.take();
  return { clock, network, modem, peer, dte };
}

describe('faults', () => {
  it('noise: stray bytes appear on the line', () => {
    const { modem, dte } = rig();
    modem.injectNoise(new Uint8Array([0x00, 0xff, 0x7e, 0x0d]));
    dte.clock.runDue();
    expect([...new TextEncoder().encode(dte.take())]).toEqual([0x00, 0xef, 0xbf, 0xbd, 0x7e, 0x0d]); // 0xff shows as U+FFFD when decoded
  });

  it('truncated reply: the next answer stops short', () => {
    const { modem, dte } = rig();
    modem.truncateNextReply(5);
    expect(dte.at('AT+CGMI')).toBe('\r\nSMS');
    expect(dte.at('AT')).toBe('\r\nOK\r\n');
  });

  it('hang: no answer at all until the modem is power-cycled', () => {
    const { modem, dte, clock } = rig();
    modem.hang();
    expect(dte.at('AT', 60_000)).toBe('');
    modem.unplug();
    modem.replug();
    clock.runDue();
    dte.take();
    expect(dte.at('AT')).toBe('AT\r\r\nOK\r\n'); // echo is back on after the power cycle
  });

  it('slow replies: answers arrive after the injected delay', () => {
    const { modem, dte, clock } = rig();
    modem.extraDelayMs = 4_000;
    expect(dte.at('AT', 3_999)).toBe('');
    clock.advance(1);
    expect(dte.take()).toBe('\r\nOK\r\n');
  });

  it('SIM removed: SIM commands fail and incoming SMS wait at the network', () => {
    const { modem, peer, dte, network, clock } = rig();
    modem.removeSim();
    expect(dte.at('AT+CPIN?')).toBe('\r\n+CME ERROR: 10\r\n');
    const peerDte = new TestDte(peer.ports[0]!, clock);
    peerDte.at('ATE0');
    peerDte.type('AT+CMGS=23\r');
    peerDte.type('0011000B916407000000F10000AA0AE8329BFD4697D9EC37\x1a');
    clock.advance(2_000);
    expect(network.waitingFor('+46700000001')).toBe(1);
  });

  it('the network refuses a submit: +CMS ERROR with the network’s cause', () => {
    const { dte, network, clock } = rig();
    network.injectSubmitFault({ kind: 'refuse', cms: 331 });
    dte.type('AT+CMGS=23\r');
    dte.type(`${TO_PEER}\x1a`);
    clock.advance(1_000);
    expect(dte.take()).toBe('\r\n> \r\n+CMS ERROR: 331\r\n');
  });

  it('an answer lost after delivery: the modem times out although the message arrived (the ambiguous case)', () => {
    const { dte, network, clock, peer } = rig();
    network.injectSubmitFault({ kind: 'swallow-answer' });
    dte.type('AT+CMGS=23\r');
    dte.type(`${TO_PEER}\x1a`);
    clock.advance(SUBMIT_TIMEOUT_MS);
    expect(dte.take()).toBe('\r\n> \r\n+CMS ERROR: 332\r\n');
    expect(peer.stores.SM.used).toBe(1);
  });

  it('unplugged during a send: the port vanishes, the message still goes out', () => {
    const { dte, modem, peer, clock } = rig();
    let vanished = false;
    modem.ports[0]!.onVanish(() => (vanished = true));
    dte.type('AT+CMGS=23\r');
    dte.type(`${TO_PEER}\x1a`);
    modem.unplug();
    clock.advance(5_000);
    expect(vanished).toBe(true);
    expect(dte.take()).toBe('\r\n> ');
    expect(peer.stores.SM.used).toBe(1);
  });

  it('no +CNMA in time: routing to the TE is switched off and the message is delivered again later', () => {
    const { dte, peer, clock, network } = rig();
    dte.at('AT+CSMS=1;+CNMI=2,2,0,0,0');
    dte.take();
    const peerDte = new TestDte(peer.ports[0]!, clock);
    peerDte.at('ATE0');
    peerDte.type('AT+CMGS=23\r');
    peerDte.type('0011000B916407000000F10000AA0AE8329BFD4697D9EC37\x1a');
    clock.advance(1_000);
    expect(dte.take()).toMatch(/^\r\n\+CMT: ,28\r\n[0-9A-F]+\r\n$/); // header, then the PDU on the very next line
    clock.advance(15_000);
    expect(dte.at('AT+CNMI?')).toBe('\r\n+CNMI: 2,0,0,0,0\r\n\r\nOK\r\n');
    expect(network.waitingFor('+46700000001')).toBe(1);
    expect(dte.at('AT+CNMA')).toBe('\r\n+CMS ERROR: 340\r\n');
  });
});

describe('USSD', () => {
  it('answers a code, walks a menu, and ends a session the subscriber leaves unanswered', () => {
    const { dte, network, clock } = rig();
    network.ussdService('*100#', (s) => s.answer('Your balance is 12.34 EUR'));
    network.ussdService('*123#', (s) =>
      s.ask('1 Offers\n2 Help', (s2, choice) => s2.answer(choice === '1' ? 'No offers today' : 'Call 123')),
    );
    dte.at('AT+CUSD=1,"*100#",15');
    clock.advance(1_000);
    expect(dte.take()).toBe('\r\nOK\r\n\r\n+CUSD: 0,"Your balance is 12.34 EUR",15\r\n');
    dte.at('AT+CUSD=1,"*123#",15');
    clock.advance(1_000);
    expect(dte.take()).toBe('\r\nOK\r\n\r\n+CUSD: 1,"1 Offers\n2 Help",15\r\n');
    dte.at('AT+CUSD=1,"1",15');
    clock.advance(1_000);
    expect(dte.take()).toBe('\r\nOK\r\n\r\n+CUSD: 0,"No offers today",15\r\n');
    dte.at('AT+CUSD=1,"*123#",15');
    clock.advance(1_000);
    dte.take();
    clock.advance(network.ussdTimeoutMs);
    expect(dte.take()).toBe('\r\n+CUSD: 2\r\n');
    dte.at('AT+CUSD=1,"*999#",15');
    clock.advance(1_000);
    expect(dte.take()).toBe('\r\nOK\r\n\r\n+CUSD: 4\r\n'); // no such service
  });
});

describe('calls', () => {
  it('rings with caller ID every 3 s until rejected', () => {
    const { dte, network, clock, modem } = rig();
    dte.at('AT+CLIP=1');
    dte.take();
    network.call('+4930123456', '+46700000001');
    clock.runDue();
    expect(dte.take()).toBe('\r\nRING\r\n\r\n+CLIP: "+4930123456",145,"",,"",0\r\n');
    clock.advance(3_000);
    expect(dte.take()).toContain('RING');
    expect(dte.at('ATH')).toBe('\r\nOK\r\n');
    dte.take();
    clock.advance(10_000);
    expect(dte.take()).toBe('');
    expect(modem.log).toContain('call from +4930123456 rejected');
  });
});
