import { describe, expect, it } from 'vitest';
import { PduRedactor, TraceLog } from './modem-trace';

// An SMS-DELIVER as a modem prints it: the example of "smsdesk pdu decode" in the README.
const DELIVER = '07911326040000F0040B911346610089F60000208062917314080CC8F71D14969741F977FD07';

describe('PduRedactor', () => {
  it('hides the PDU after +CMT, +CMGR, +CMGL and +CDS headers and keeps the headers', () => {
    const r = new PduRedactor();
    expect(r.redact('rx', '+CMGL: 1,0,,24')).toBe('+CMGL: 1,0,,24');
    expect(r.redact('rx', DELIVER)).toBe('<PDU of 38 octets hidden>');
    expect(r.redact('rx', '+CMT: ,24')).toBe('+CMT: ,24');
    expect(r.redact('rx', '0791')).toBe('<PDU of 2 octets hidden>');
    expect(r.redact('rx', 'OK')).toBe('OK');
  });

  it('hides a long bare hex line anywhere, but not IMEIs, IMSIs or ICCIDs', () => {
    const r = new PduRedactor();
    expect(r.redact('rx', DELIVER)).toBe('<PDU of 38 octets hidden>');
    expect(r.redact('rx', '356938030000011')).toBe('356938030000011');
    expect(r.redact('rx', '89010100000000000001')).toBe('89010100000000000001');
  });

  it('hides the PDU written after the +CMGS prompt, keeping the Ctrl-Z', () => {
    const r = new PduRedactor();
    expect(r.redact('tx', 'AT+CMGS=23')).toBe('AT+CMGS=23');
    expect(r.redact('tx', '0011000B916407281553F80000AA0AE8329BFD4697D9EC37<Ctrl-Z>')).toBe('<PDU of 24 octets hidden><Ctrl-Z>');
  });
});

describe('TraceLog', () => {
  it('numbers lines, keeps a bounded tail, and hands out pending lines in bounded batches', () => {
    const log = new TraceLog(5);
    for (let i = 0; i < 12; i++) log.add({ t: 1_000 * i, dir: 'tx', text: `AT+CSQ ${i}` });
    expect(log.tail().map((l) => l.seq)).toEqual([8, 9, 10, 11, 12]);
    expect(log.tail(2).map((l) => l.text)).toEqual(['AT+CSQ 10', 'AT+CSQ 11']);
    expect(log.tail()[0]!.at).toBe(new Date(7_000).toISOString());
    const batches = log.takeBatches(2);
    expect(batches.map((b) => b.map((l) => l.seq))).toEqual([[8, 9], [10, 11], [12]]);
    expect(log.hasPending).toBe(false);
    expect(log.takeBatches()).toEqual([]);
  });
});
