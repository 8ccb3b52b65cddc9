/**
 * Replays of real modem dialogues, played to the driver through FakePort. The lines
 * that matter are copied from public logs (cited per test); answers to the routine
 * set-up commands around them are filled in with standard TS 27.005/27.007 replies.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { FakePort } from '../at/testing';
import { Modem } from './modem';
import { collect, FAST } from './testing';

type Script = ReadonlyArray<readonly [RegExp, string]>;

/** Answers each command with the first matching reply (lines joined CRLF, then OK); ESC gets nothing. */
function scripted(script: Script): FakePort {
  return new FakePort((written) => {
    if (written === '\x1b') return undefined;
    const command = written.replace(/\r$/, '');
    const hit = script.find(([re]) => re.test(command));
    const body = hit ? hit[1] : '';
    return `${body ? `\r\n${body}` : ''}\r\nOK\r\n`;
  });
}

const STANDARD: Script = [
  [/^AT\+CPIN\?$/, '+CPIN: READY'],
  [/^AT\+CSMS=1$/, '+CSMS: 1,1,1'],
  [/^AT\+CNMI=\?$/, '+CNMI: (0-2),(0-3),(0,2),(0-2),(0,1)'],
  [/^AT\+CSQ$/, '+CSQ: 14,99'],
  [/^AT\+CREG\?$/, '+CREG: 2,1,"2A1F","1B3C"'],
];

let modem: Modem | undefined;
let port: FakePort | undefined;
afterEach(async () => {
  await modem?.close();
  modem?.dispose();
  // Nothing left listening on the port once the driver is gone.
  expect(port?.listenerCount ?? 0).toBe(0);
  modem = undefined;
  port = undefined;
});

describe('replay: Huawei E1752 start-up sweep (gammu-smsd logs)', () => {
  it('reads the message at index 0 among ^RSSI noise, hands it over and deletes it', async () => {
    port = scripted([
      [/^AT\+CGMI$/, 'huawei'],
      [/^AT\+CGMM$/, 'E1752'],
      [/^AT\+CGMR$/, '11.126.13.00.00'],
      [/^AT\+CGSN$/, '351234567890124'],
      [/^AT\+CIMI$/, '208150000000000'],
      [/^AT\^ICCID\?$/, '^ICCID: 98332001000000000000'],
      [/^AT\+CPMS=\?$/, '+CPMS: ("SM"),("SM"),("SM")'],
      // Source: https://github.com/gammu/gammu/issues/138 (E1752: AT+CPMS="SM" → "+CPMS: 1,50,0,23,1,50")
      [/^AT\+CPMS="SM"/, '+CPMS: 1,50,0,23,1,50'],
      // Source: https://github.com/gammu/gammu/issues/126 (E1752: AT+CMGL=4 → one unread message at index 0);
      // the ^RSSI line inside the reply is the stick's habit shown in https://github.com/gammu/gammu/issues/138.
      [/^AT\+CMGL=4$/, '+CMGL: 0,0,,23\r\n07913366003051F5040B913366304381F900005180719120348004D4F29C0E\r\n\r\n^RSSI:17'],
      [/^AT\+COPS\?$/, '+COPS: 0,0,"F SFR",2'],
      ...STANDARD,
    ]);
    const p = port;
    modem = new Modem({ ...FAST, path: '/dev/ttyUSB2', opener: async () => p });
    const got = collect(modem);
    const id = await modem.open();
    expect(id).toMatchObject({ manufacturer: 'huawei', model: 'E1752', imei: '351234567890124', iccid: '89330210000000000000' });
    expect(modem.quirks?.id).toBe('huawei');
    await got.messagesReach(1);
    const m = got.messages[0]!;
    expect(m.origin).toEqual({ via: 'stored', storage: 'SM', index: 0 });
    expect(m.sms?.userData.text).toBe('Test');
    expect(m.sms?.address.text).toBe('+33660334189');
    expect(m.sms?.smsc?.text).toBe('+33660003155');
    expect(p.writes).toContain('AT+CMGD=0\r');
    expect(modem.status.signal?.rssi).toBe(17); // the ^RSSI inside the listing was taken as a notice
    expect(modem.status.operator).toBe('F SFR');
  });
});

describe('replay: Quectel EC25 status report announced in the wrong store', () => {
  it('reads the report from "SR" although +CDSI names "SM",0', async () => {
    port = scripted([
      [/^AT\+CGMI$/, 'Quectel'],
      [/^AT\+CGMM$/, 'EC25'],
      [/^AT\+CGMR$/, 'EC25EFAR06A10M4G'],
      [/^AT\+CGSN$/, '867962040000002'],
      [/^AT\+CCID$/, '+CCID: 89860000000000000002'],
      [/^AT\+CPMS=\?$/, '+CPMS: ("SM","ME","MT","SR"),("SM","ME","MT","SR"),("SM","ME","MT","SR")'],
      [/^AT\+CPMS="SR"$/, '+CPMS: 1,20,0,50,0,50'],
      [/^AT\+CPMS=/, '+CPMS: 0,50,0,50,0,50'],
      // Source: ModemManager src/tests/test-sms-part-3gpp.c (a status report captured from a real network),
      // stored in "SR" as the EC25 does: https://github.com/IchthysMaranatha/asterisk-chan-quectel/pull/75
      [/^AT\+CMGL=4$/, ''],
      ...STANDARD,
    ]);
    const p = port;
    modem = new Modem({ ...FAST, path: '/dev/ttyUSB2', opener: async () => p });
    const got = collect(modem);
    await modem.open();
    expect(modem.setup?.cnmi.values).toEqual([2, 1, 0, 2, 0]);
    await modem.idle();
    // From now on the SR store holds the report; the modem announces it as "SM",0 (chan-quectel PR #75).
    const listing = '+CMGL: 1,0,,24\r\n07914356060013F1065A098136397339F7219011700463802190117004638030';
    const original = p.writes.length;
    const script = (written: string): string | undefined => {
      if (written === 'AT+CMGL=4\r' && p.writes.slice(original).includes('AT+CPMS="SR"\r')) return `\r\n${listing}\r\n\r\nOK\r\n`;
      return undefined;
    };
    const plain = p.write.bind(p);
    p.write = async (data) => {
      const text = new TextDecoder('latin1').decode(data);
      const special = script(text);
      if (special === undefined) return plain(data);
      p.writes.push(text);
      queueMicrotask(() => p.emit(special));
    };
    p.emit('\r\n+CDSI: "SM",0\r\n');
    await got.reportsReach(1);
    const r = got.reports[0]!;
    expect(r.origin).toEqual({ via: 'stored', storage: 'SR', index: 1 });
    expect(r.report?.messageReference).toBe(0x5a);
    expect(r.report?.address.text).toBe('639337937');
    const after = p.writes.slice(original);
    expect(after).toEqual(['AT+CPMS="SR"\r', 'AT+CMGL=4\r', 'AT+CMGD=1\r']);
    expect(after).not.toContain('AT+CMGR=0\r'); // the announced slot was not trusted
  });
});
