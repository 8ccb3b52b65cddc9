import { describe, expect, it } from 'vitest';
import { decodePdu, encodeSubmit, type SmsDeliver } from '../pdu';
import { createDemo, DEMO_HANDSET_NUMBER, DEMO_MODEM_NUMBER } from './demo';
import { ManualScheduler } from './scheduler';
import { TestDte } from './test-dte';

describe('demo world', () => {
  it('has a modem whose messages the demo phone answers', () => {
    const clock = new ManualScheduler();
    const emu = createDemo({ scheduler: clock });
    expect(emu.modems[0]!.msisdn).toBe(DEMO_MODEM_NUMBER);
    const dte = new TestDte(emu.modems[0]!.ports[0]!, clock);
    dte.at('ATE0;+CNMI=2,1,0,2,0');
    dte.take();
    const part = encodeSubmit({ to: DEMO_HANDSET_NUMBER, text: 'hello there', statusReport: true }).parts[0]!;
    dte.type(`AT+CMGS=${part.tpduLength}\r`);
    dte.type(`${part.hex}\x1a`);
    clock.advance(10_000);
    const out = dte.take();
    expect(out).toContain('+CMGS: 0');
    expect(out).toContain('+CDSI: "SR",1');
    expect(out).toContain('+CMTI: "SM",1');
    const read = dte.at('AT+CMGR=1');
    const [, len, hex] = /\+CMGR: \d,,(\d+)\r\n([0-9A-F]+)/.exec(read)!;
    const reply = decodePdu(hex!, { tpduLength: Number(len) }) as SmsDeliver;
    expect(reply.address.text).toBe(DEMO_HANDSET_NUMBER);
    expect(reply.userData.text).toBe('Hi! This is the SMSDesk demo phone. Write me anything and I will answer.');
    emu.dispose();
  });
});
