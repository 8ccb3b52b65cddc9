/** Multipart traffic between virtual modems and scripted handsets, with status reports. */
import { describe, expect, it } from 'vitest';
import { decodePdu, encodeSubmit, type SmsDeliver, type SmsStatusReport } from '../pdu';
import { Emulator } from './emulator';
import { ManualScheduler } from './scheduler';
import { TestDte } from './test-dte';

const LONG = 'Meeting moved to Thursday 10:00, room 4.12 — bring the Q3 figures 📊 and the signed contract. '.repeat(3);

function world() {
  const clock = new ManualScheduler();
  const emu = new Emulator({
    modems: [{ profile: 'generic' }, { profile: 'generic' }],
    handsets: ['+4917000000001'],
    scheduler: clock,
    network: {
      submitLatencyMs: 500,
      deliveryDelayMs: 1_000,
      reportDelayMs: 1_000,
      retryMs: 60_000,
      validityMs: 600_000,
      interimReports: true,
    },
  });
  const [a, b] = emu.modems.map((m) => {
    const dte = new TestDte(m.ports[0]!, clock);
    dte.at('ATE0;+CMEE=1;+CNMI=2,1,0,2,0');
    dte.take();
    return dte;
  }) as [TestDte, TestDte];
  return { clock, emu, a, b, handset: emu.handsets[0]! };
}

/**
 * Sends every part of `text` from a modem with AT+CMGS; returns the TP-MRs the
 * modem reported. Notices that arrive meanwhile stay in the DTE's output.
 */
function sendText(dte: TestDte, clock: ManualScheduler, to: string, text: string, statusReport = true): number[] {
  const encoded = encodeSubmit({ to, text, statusReport, reference: 77 });
  const mrs: number[] = [];
  for (const part of encoded.parts) {
    const before = dte.output.length;
    dte.type(`AT+CMGS=${part.tpduLength}\r`);
    dte.type(`${part.hex}\x1a`);
    clock.advance(500);
    const answer = dte.output.slice(before);
    // A notice (+CDSI for an earlier part) may arrive between the prompt and the result.
    const m = /\r\n\+CMGS: (\d+)\r\n\r\nOK\r\n/.exec(answer);
    expect(m, 'each part is accepted').not.toBeNull();
    dte.output = dte.output.slice(0, before) + answer.replace(m![0], '').replace('\r\n> ', '');
    mrs.push(Number(m![1]));
  }
  return mrs;
}

function readAll(dte: TestDte, store = 'SM'): Array<SmsDeliver | SmsStatusReport> {
  dte.at(`AT+CPMS="${store}"`);
  dte.take();
  const listing = dte.at('AT+CMGL=4');
  const pdus = [...listing.matchAll(/\+CMGL: \d+,\d,,(\d+)\r\n([0-9A-F]+)/g)];
  return pdus.map((m) => decodePdu(m[2]!, { tpduLength: Number(m[1]) }) as SmsDeliver | SmsStatusReport);
}

describe('two modems: a multipart message with status reports', () => {
  it('B gets +CMTI for each part and reads them; they reassemble; A gets one report per part', () => {
    const { clock, emu, a, b } = world();
    const mrs = sendText(a, clock, emu.modems[1]!.msisdn, LONG);
    expect(mrs.length).toBeGreaterThan(2); // UCS-2 for the emoji: 67 characters a part
    expect(mrs).toEqual(mrs.map((_, i) => mrs[0]! + i));
    clock.advance(1_000);
    expect(b.take().match(/\+CMTI: "SM",\d+/g)).toHaveLength(mrs.length);
    const parts = readAll(b) as SmsDeliver[];
    expect(parts.map((p) => p.userData.concat?.part)).toEqual(mrs.map((_, i) => i + 1));
    expect(parts.every((p) => p.address.text === emu.modems[0]!.msisdn)).toBe(true);
    expect(parts.map((p) => p.userData.text).join('')).toBe(LONG);

    clock.advance(1_000);
    expect(a.take().match(/\+CDSI: "SR",\d+/g)).toHaveLength(mrs.length);
    const reports = readAll(a, 'SR') as SmsStatusReport[];
    expect(reports.map((r) => r.messageReference)).toEqual(mrs);
    expect(reports.every((r) => r.outcome === 'delivered' && r.address.text === emu.modems[1]!.msisdn)).toBe(true);
  });
});

describe('handsets', () => {
  it('reassemble what a modem sends and answer it; the answer reaches the modem', () => {
    const { clock, emu, a, handset } = world();
    handset.autoReply = (m) => `Got your ${m.parts}-part message`;
    sendText(a, clock, handset.msisdn, LONG, false);
    clock.advance(1_000);
    expect(handset.inbox).toHaveLength(1);
    expect(handset.inbox[0]).toMatchObject({ from: emu.modems[0]!.msisdn, text: LONG });
    clock.advance(3_000); // 1 s to think, 0.5 s to submit, 1 s to deliver
    expect(a.take()).toMatch(/\+CMTI: "SM",1/);
    const [reply] = readAll(a) as SmsDeliver[];
    expect(reply!.address.text).toBe(handset.msisdn);
    expect(reply!.userData.text).toMatch(/^Got your \d-part message$/);
  });

  it('hold messages while unreachable: interim report, then delivered when back', () => {
    const { clock, a, handset } = world();
    handset.reachable = false;
    sendText(a, clock, handset.msisdn, 'Are you there?');
    clock.advance(2_000);
    const interim = (() => {
      expect(a.take()).toMatch(/\+CDSI: "SR",1/);
      return readAll(a, 'SR') as SmsStatusReport[];
    })();
    expect(interim.map((r) => [r.status, r.outcome])).toEqual([[0x22, 'pending']]);
    handset.reachable = true;
    clock.advance(60_000 + 1_000);
    expect(handset.inbox.map((m) => m.text)).toEqual(['Are you there?']);
    expect(a.take()).toMatch(/\+CDSI: "SR",2/);
    const all = readAll(a, 'SR') as SmsStatusReport[];
    expect(all.map((r) => r.outcome)).toEqual(['pending', 'delivered']);
  });

  it('report failure for an unknown number and for a message that expired', () => {
    const { clock, a, handset } = world();
    sendText(a, clock, '+4917099999999', 'Nobody home');
    clock.advance(2_000);
    a.take();
    handset.reachable = false;
    sendText(a, clock, handset.msisdn, 'Expires');
    clock.advance(700_000);
    const reports = readAll(a, 'SR') as SmsStatusReport[];
    expect(reports.map((r) => [r.status, r.outcome])).toEqual([
      [0x43, 'failed'],
      [0x22, 'pending'],
      [0x46, 'failed'],
    ]);
  });
});

describe('injected traffic', () => {
  it('delivers a text from an alphanumeric sender as real parts', () => {
    const { clock, emu, b } = world();
    const outcomes = emu.network.injectText({ from: 'MyBank', to: emu.modems[1]!.msisdn, text: 'Your code is 123456. '.repeat(10) });
    clock.runDue();
    expect(outcomes).toEqual(['stored', 'stored']);
    const parts = readAll(b) as SmsDeliver[];
    expect(parts.map((p) => p.address)).toEqual([
      expect.objectContaining({ text: 'MyBank', ton: 'alphanumeric' }),
      expect.objectContaining({ text: 'MyBank', ton: 'alphanumeric' }),
    ]);
    expect(parts.map((p) => p.userData.text).join('')).toBe('Your code is 123456. '.repeat(10));
  });

  it('sends a flash message (class 0) that the handset sees as class 0', () => {
    const { clock, a, handset } = world();
    const encoded = encodeSubmit({ to: handset.msisdn, text: 'Door open', flash: true });
    a.type(`AT+CMGS=${encoded.parts[0]!.tpduLength}\r`);
    a.type(`${encoded.parts[0]!.hex}\x1a`);
    clock.advance(2_000);
    expect(handset.inbox[0]).toMatchObject({ text: 'Door open', messageClass: 0 });
  });
});
