import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LineFramer, type FrameEvent } from './framing';

const lines = (events: FrameEvent[]) => events.map((e) => (e.kind === 'line' || e.kind === 'echo' ? `${e.kind}:${e.text}` : e.kind));

describe('LineFramer', () => {
  it('splits on every line ending real modems use', () => {
    const f = new LineFramer();
    // \r\n (V.250), \r\r\n (Huawei E1752 +CLAC lines, python-gsmmodem test/fakemodems.py),
    // \n\r, lone \r, lone \n
    expect(lines(f.push('\r\nOK\r\n+CLAC\r\r\nA\n\rB\rC\n'))).toEqual(['line:OK', 'line:+CLAC', 'line:A', 'line:B', 'line:C']);
  });

  it('holds a partial line across chunks, even a split UTF-8 character', () => {
    const f = new LineFramer();
    expect(f.push('+CSQ: 1')).toEqual([]);
    expect(f.pending).toBe(7);
    expect(lines(f.push('5,99'))).toEqual([]);
    expect(lines(f.push('\r\nO'))).toEqual(['line:+CSQ: 15,99']);
    const e = new TextEncoder().encode('Díj\r\n');
    expect(lines(f.push('K\r\n'))).toEqual(['line:OK']);
    expect(f.push(e.subarray(0, 2))).toEqual([]);
    expect(lines(f.push(e.subarray(2)))).toEqual(['line:Díj']);
  });

  it('decodes bytes that are not UTF-8 as Latin-1 rather than failing', () => {
    const f = new LineFramer();
    expect(lines(f.push(Uint8Array.from([0x4d, 0xfc, 0x6e, 0x0d, 0x0a])))).toEqual(['line:Mün']);
  });

  it('reports the "> " prompt that has no line ending', () => {
    const f = new LineFramer();
    f.expectEcho('AT+CMGS=23');
    // SIM800 with echo on: the command echo ends with \r, then \r\n and the prompt.
    expect(lines(f.push('AT+CMGS=23\r\r\n> '))).toEqual(['echo:AT+CMGS=23', 'prompt']);
  });

  it('does not take ">" inside a line for a prompt', () => {
    const f = new LineFramer();
    expect(lines(f.push('a> b\r\n'))).toEqual(['line:a> b']);
  });

  it('reports echo only when it matches the text written, and keeps other lines', () => {
    const f = new LineFramer();
    f.expectEcho('AT+CPMS?\r');
    // Huawei E1752 sends ^RSSI before the echo (gammu issue #138): still a line.
    expect(lines(f.push('^RSSI:14\r\nat+cpms?\r\r\n+CPMS: "SM",0,50\r\n'))).toEqual([
      'line:^RSSI:14',
      'echo:at+cpms?',
      'line:+CPMS: "SM",0,50',
    ]);
    f.expectEcho();
    expect(lines(f.push('AT+CPMS?\r\n'))).toEqual(['line:AT+CPMS?']);
  });

  it('recognises the echo of the command and of its payload together (a late command echo is still echo)', () => {
    const f = new LineFramer();
    f.expectEcho('AT+CMGS=23', '0011000B91\x1a');
    expect(lines(f.push('> AT+CMGS=23\r0011000B91\x1a\r\n+CMGS: 7\r\n'))).toEqual([
      'prompt',
      'echo:AT+CMGS=23',
      'echo:0011000B91',
      'line:+CMGS: 7',
    ]);
  });

  it('drops NUL, XON/XOFF, Ctrl-Z and ESC noise', () => {
    const f = new LineFramer();
    expect(lines(f.push('\x00\x11O\x13K\x1a\x1b\r\n\x00\x00\r\n'))).toEqual(['line:OK']);
  });

  it('bounds a line: a longer one is dropped whole and reported, the next line is fine', () => {
    const f = new LineFramer({ maxLineLength: 16 });
    const events = f.push(`${'X'.repeat(40)}\r\nOK\r\n`);
    expect(events).toEqual([
      { kind: 'overflow', length: 40 },
      { kind: 'line', text: 'OK' },
    ]);
    expect(f.pending).toBe(0);
  });

  it('keeps a line of exactly the maximum length', () => {
    const f = new LineFramer({ maxLineLength: 16 });
    expect(lines(f.push(`${'Y'.repeat(16)}\r\n`))).toEqual([`line:${'Y'.repeat(16)}`]);
  });

  it('gives the same events however the bytes are chunked (property)', () => {
    const wire = 'AT+CMGL=4\r\r\n+CMGL: 1,0,,23\r\n0791\r\n^RSSI:7\n\r> \r\nOK\r\n';
    const whole = new LineFramer();
    whole.expectEcho('AT+CMGL=4');
    const expected = whole.push(wire);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: wire.length - 1 }), { maxLength: 10 }), (cuts) => {
        const f = new LineFramer();
        f.expectEcho('AT+CMGL=4');
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const events: FrameEvent[] = [];
        let from = 0;
        for (const p of [...points, wire.length]) {
          events.push(...f.push(wire.slice(from, p)));
          from = p;
        }
        expect(events).toEqual(expected);
      }),
    );
  });

  it('never throws and never holds more than the bound on random bytes (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 20 }), (chunks) => {
        const f = new LineFramer({ maxLineLength: 32 });
        for (const c of chunks) {
          for (const e of f.push(c)) if (e.kind === 'line') expect(new TextEncoder().encode(e.text).length).toBeLessThanOrEqual(32 * 3);
          expect(f.pending).toBeLessThanOrEqual(32);
        }
      }),
    );
  });
});
