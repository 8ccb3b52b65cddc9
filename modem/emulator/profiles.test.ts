/** Each quirk profile shows its quirks, as the real device in its cited source does. */
import { describe, expect, it } from 'vitest';
import { VirtualNetwork } from './network';
import { PROFILES, type ProfileId } from './profiles';
import { ManualScheduler } from './scheduler';
import { TestDte } from './test-dte';
import { VirtualModem } from './virtual-modem';

// SMS-SUBMIT to +46708251358 ("hellohello"), TP-SRR set; see emulator.test.ts for its source.
const SUBMIT_WITH_REPORT = '0031000B916407281553F80000AA0AE8329BFD4697D9EC37';

function rig(profile: ProfileId) {
  const clock = new ManualScheduler();
  const network = new VirtualNetwork({ scheduler: clock, submitLatencyMs: 500, deliveryDelayMs: 500, reportDelayMs: 500 });
  const modem = new VirtualModem({
    profile: PROFILES[profile],
    subscriber: {
      msisdn: '+46700000001',
      imsi: '001010000000001',
      iccid: '89010100000000000001',
      imei: '350000000000001',
      pin: null,
      puk: '12345678',
    },
    network,
    scheduler: clock,
    portBase: 'ttyQ',
  });
  const peer = new VirtualModem({
    profile: PROFILES.generic,
    subscriber: {
      msisdn: '+46708251358',
      imsi: '001010000000002',
      iccid: '89010100000000000002',
      imei: '350000000000002',
      pin: null,
      puk: '12345678',
    },
    network,
    scheduler: clock,
    portBase: 'ttyP',
  });
  network.attach(modem);
  network.attach(peer);
  const urcPort = modem.ports.find((p) => p.urcs)!;
  const dte = new TestDte(urcPort, clock);
  dte.at('ATE0', 1_000);
  dte.take();
  return { clock, network, modem, peer, dte };
}

function sendWithReport(dte: TestDte): void {
  dte.type('AT+CMGS=23\r');
  dte.type(`${SUBMIT_WITH_REPORT}\x1a`);
}

describe('generic profile', () => {
  it('answers ERROR to an unknown command and keeps status reports in SR', () => {
    const { dte, clock } = rig('generic');
    expect(dte.at('AT+CPROT=?')).toBe('\r\nERROR\r\n');
    dte.at('AT+CNMI=2,1,0,2,0');
    sendWithReport(dte);
    clock.advance(2_000);
    expect(dte.take()).toMatch(/\+CDSI: "SR",1\r\n$/);
  });
});

describe('huawei-e173 profile', () => {
  it('answers COMMAND NOT SUPPORT to an unknown command', () => {
    const { dte } = rig('huawei-e173');
    expect(dte.at('AT+CPROT=?')).toBe('\r\nCOMMAND NOT SUPPORT\r\n');
  });

  it('prints ^RSSI/^MODE/^BOOT on its own, even between a response and its OK, until ^CURC=0', () => {
    const { dte, clock } = rig('huawei-e173');
    clock.advance(10_000);
    expect(dte.take()).toBe('\r\n^RSSI:21\r\n');
    // The network takes 500 ms to answer +CMGS; the next status line (due at 20 s) falls inside it.
    clock.advance(8_800);
    dte.type('AT+CMGS=23\r');
    dte.type(`${SUBMIT_WITH_REPORT}\x1a`);
    clock.advance(500);
    expect(dte.take()).toBe('\r\n> \r\n+CMGS: 0\r\n\r\n^MODE:5,4\r\n\r\nOK\r\n');
    expect(dte.at('AT^CURC=0')).toBe('\r\nOK\r\n');
    clock.advance(60_000);
    expect(dte.take()).not.toContain('^');
  });

  it('announces new SMS only on its PC UI port (the third), not on the modem port', () => {
    const { modem, peer, clock } = rig('huawei-e173');
    const modemPort = new TestDte(modem.ports[0]!, clock);
    const uiPort = new TestDte(modem.ports[2]!, clock);
    modemPort.at('ATE0;+CNMI=2,1,0,0,0');
    modemPort.take();
    uiPort.take();
    const peerDte = new TestDte(peer.ports[0]!, clock);
    peerDte.at('ATE0');
    // peer → modem: "hellohello" to +46700000001
    peerDte.type('AT+CMGS=23\r');
    peerDte.type('0011000B916407000000F10000AA0AE8329BFD4697D9EC37\x1a');
    clock.advance(2_000);
    expect(uiPort.take()).toBe('\r\n+CMTI: "SM",1\r\n');
    expect(modemPort.take()).toBe('');
  });

  it('takes and answers USSD as hex of packed GSM 7-bit', () => {
    const { dte, network, clock } = rig('huawei-e173');
    network.ussdService('*100#', (s) => s.answer('Balance 5.00'));
    // "*100#" packed: AA 18 0C 36 02 (the form seen from real E-series sticks).
    expect(dte.at('AT+CUSD=1,"AA180C3602",15')).toBe('\r\nOK\r\n');
    dte.take();
    clock.advance(1_000);
    // "Balance 5.00" packed per TS 23.038 §6.1.2.1.1 (computed independently of the emulator).
    expect(dte.take()).toBe('\r\n+CUSD: 0,"C2303BEC1E974135170C06",15\r\n');
  });
});

describe('simcom-sim800 profile', () => {
  it('prints its start-up lines after a power cycle and shows an empty alpha as ""', () => {
    const { dte, modem, clock, peer } = rig('simcom-sim800');
    modem.unplug();
    modem.replug();
    clock.runDue();
    expect(dte.take()).toBe('\r\nRDY\r\n\r\n+CFUN: 1\r\n\r\n+CPIN: READY\r\n\r\nCall Ready\r\n\r\nSMS Ready\r\n');
    dte.at('ATE0;+CNMI=2,1,0,0,0');
    const peerDte = new TestDte(peer.ports[0]!, clock);
    peerDte.type('AT+CMGS=23\r');
    peerDte.type('0011000B916407000000F10000AA0AE8329BFD4697D9EC37\x1a');
    clock.advance(2_000);
    dte.take();
    expect(dte.at('AT+CMGR=1')).toMatch(/^\r\n\+CMGR: 0,"",\d+\r\n/);
  });

  it('stores status reports in SM and says so in +CDSI', () => {
    const { dte, clock, modem } = rig('simcom-sim800');
    dte.at('AT+CNMI=2,1,0,2,0');
    sendWithReport(dte);
    clock.advance(2_000);
    expect(dte.take()).toMatch(/\+CDSI: "SM",1\r\n$/);
    expect(modem.stores.SM.used).toBe(1);
  });
});

describe('simcom-sim7600 profile', () => {
  it('prints PB DONE and SMS DONE at start-up', () => {
    const { dte, modem, clock } = rig('simcom-sim7600');
    modem.unplug();
    modem.replug();
    clock.runDue();
    expect(dte.take()).toBe('\r\nRDY\r\n\r\n+CPIN: READY\r\n\r\nSMS DONE\r\n\r\nPB DONE\r\n');
  });
});

describe('quectel-ec25 profile', () => {
  it('stores a status report in SR but announces it as +CDSI: "SM",0', () => {
    const { dte, clock, modem } = rig('quectel-ec25');
    dte.at('AT+CNMI=2,1,0,2,0');
    sendWithReport(dte);
    clock.advance(2_000);
    expect(dte.take()).toMatch(/\+CDSI: "SM",0\r\n$/);
    expect(modem.stores.SR.used).toBe(1);
    expect(modem.stores.SM.used).toBe(0);
    // Trusting the notice reads an empty SIM slot.
    expect(dte.at('AT+CMGR=0')).toBe('\r\n+CMS ERROR: 321\r\n');
  });
});

describe('wavecom-fastrack profile', () => {
  it('identifies as the Fastrack does and prints +WIND at start-up', () => {
    const { dte, modem, clock } = rig('wavecom-fastrack');
    expect(dte.at('AT+CGMM')).toBe('\r\nMULTIBAND  900E  1800\r\n\r\nOK\r\n');
    dte.take();
    modem.unplug();
    modem.replug();
    clock.runDue();
    expect(dte.take()).toBe('\r\n+WIND: 3\r\n\r\n+WIND: 1\r\n\r\n+WIND: 7\r\n\r\n+WIND: 4\r\n');
  });
});

describe('phone profile', () => {
  it('has ME storage only, routes nothing directly, and answers slowly', () => {
    const { dte, clock } = rig('phone');
    expect(dte.at('AT+CPMS=?')).toBe(''); // nothing yet: a phone takes its time
    clock.advance(250);
    expect(dte.take()).toBe('\r\n+CPMS: ("ME"),("ME"),("ME")\r\n\r\nOK\r\n');
    dte.at('AT+CMEE=1');
    clock.advance(250);
    dte.take();
    dte.at('AT+CNMI=2,2,0,0,0');
    clock.advance(250);
    expect(dte.take()).toBe('\r\n+CMS ERROR: 303\r\n');
  });
});
