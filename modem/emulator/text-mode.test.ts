/** Text mode basics (+CMGF=1, TS 27.005 §3.5.1 and §4), storage sends (+CMGW/+CMSS), answering calls, line rate. */
import { describe, expect, it } from 'vitest';
import { encodeSubmit } from '../pdu';
import { Emulator } from './emulator';
import { ManualScheduler } from './scheduler';
import { TestDte } from './test-dte';

function world() {
  const clock = new ManualScheduler();
  const emu = new Emulator({ modems: [{}, {}], handsets: ['+4917000000009'], scheduler: clock });
  const [a, b] = emu.modems.map((m) => {
    const d = new TestDte(m.ports[0]!, clock);
    d.at('ATE0;+CMEE=1;+CNMI=2,1,0,0,0');
    d.take();
    return d;
  }) as [TestDte, TestDte];
  return { clock, emu, a, b };
}

describe('text mode', () => {
  it('sends with AT+CMGS="<da>" and shows stored messages as text', () => {
    const { clock, emu, a, b } = world();
    a.at('AT+CMGF=1');
    a.take();
    a.type(`AT+CMGS="${emu.modems[1]!.msisdn}"\r`);
    expect(a.take()).toBe('\r\n> ');
    a.type('Hello in text mode\rsecond line\x1a');
    clock.runDue();
    expect(a.take()).toBe('\r\n> \r\n+CMGS: 0\r\n\r\nOK\r\n');
    expect(b.take()).toBe('\r\n+CMTI: "SM",1\r\n');
    b.at('AT+CMGF=1');
    b.take();
    expect(b.at('AT+CMGR=1')).toMatch(
      /^\r\n\+CMGR: "REC UNREAD","\+491555000001",,"\d\d\/\d\d\/\d\d,\d\d:\d\d:\d\d\+04"\r\nHello in text mode\nsecond line\r\n\r\nOK\r\n$/,
    );
    expect(b.at('AT+CMGL="REC READ"')).toMatch(
      /^\r\n\+CMGL: 1,"REC READ","\+491555000001",,"[^"]+"\r\nHello in text mode\nsecond line\r\n\r\nOK\r\n$/,
    );
    expect(b.at('AT+CMGL="REC UNREAD"')).toBe('\r\nOK\r\n');
  });

  it('refuses a text-mode message longer than one SMS, and a bad number', () => {
    const { a } = world();
    a.at('AT+CMGF=1');
    a.take();
    a.type('AT+CMGS="+491555000002"\r');
    a.type(`${'x'.repeat(161)}\x1a`);
    expect(a.take()).toBe('\r\n> \r\n+CMS ERROR: 305\r\n');
    expect(a.at('AT+CMGS="call me"')).toBe('\r\n+CMS ERROR: 305\r\n');
  });
});

describe('storage sends', () => {
  it('writes a PDU with +CMGW and sends it with +CMSS, marking it STO SENT', () => {
    const { clock, emu, a, b } = world();
    const part = encodeSubmit({ to: emu.modems[1]!.msisdn, text: 'Stored first' }).parts[0]!;
    a.type(`AT+CMGW=${part.tpduLength}\r`);
    a.type(`${part.hex}\x1a`);
    expect(a.take()).toBe('\r\n> \r\n+CMGW: 1\r\n\r\nOK\r\n');
    expect(a.at('AT+CMGL=2')).toMatch(/^\r\n\+CMGL: 1,2,,\d+\r\n[0-9A-F]+\r\n\r\nOK\r\n$/);
    a.take();
    a.type('AT+CMSS=1\r');
    clock.runDue();
    expect(a.take()).toBe('\r\n+CMSS: 0\r\n\r\nOK\r\n');
    expect(a.at('AT+CMGL=3')).toMatch(/^\r\n\+CMGL: 1,3,,/);
    expect(b.take()).toBe('\r\n+CMTI: "SM",1\r\n');
    expect(a.at('AT+CMSS=9')).toContain('+CMS ERROR: 321');
  });
});

describe('calls', () => {
  it('answers with ATA and reports NO CARRIER when the caller hangs up', () => {
    const { clock, emu, a } = world();
    emu.network.call('+4930555', emu.modems[0]!.msisdn);
    clock.runDue();
    expect(a.take()).toBe('\r\nRING\r\n');
    expect(a.at('ATA')).toBe('\r\nOK\r\n');
    a.take();
    clock.advance(10_000);
    expect(a.take()).toBe(''); // no more RING once answered
    emu.network.hangUp(emu.modems[0]!.msisdn);
    clock.runDue();
    expect(a.take()).toBe('\r\nNO CARRIER\r\n');
    expect(a.at('ATA')).toBe('\r\nNO CARRIER\r\n');
  });
});

describe('line rate', () => {
  it('throttles output to the configured baud rate (ten bits a byte)', () => {
    const { clock, emu, a } = world();
    emu.modems[0]!.ports[0]!.lineRate = 9600 / 10; // 960 bytes a second
    a.type('AT+CGMI\r'); // answer: 17 bytes in one chunk → 18 ms on the wire
    clock.runDue();
    expect(a.take()).toBe('\r\nSMSDesk\r\n\r\nOK\r\n');
    a.type('AT+CGMM\r');
    clock.runDue();
    expect(a.take()).toBe(''); // the line is still busy with the previous answer
    clock.advance(27);
    expect(a.take()).toBe('\r\nVirtual GSM Modem\r\n\r\nOK\r\n');
  });
});
