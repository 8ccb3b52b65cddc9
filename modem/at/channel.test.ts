import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AtChannel } from './channel';
import { AtCommandError, AtTimeoutError, CancelledError, CmsError, PortClosedError } from './errors';
import { FakePort, type ModemScript } from './testing';
import type { Urc } from './urc';

/** Lets queued microtasks (fake modem replies, promise callbacks) run. */
async function tick(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) await Promise.resolve();
}

/** A modem that answers by table, with echo on like most modems after reset. */
function modem(replies: Record<string, string>, echo = true): ModemScript {
  return (written) => {
    const cmd = written.replace(/\r$/, '');
    const reply = replies[cmd];
    if (reply === undefined) return undefined;
    return (echo ? `${cmd}\r` : '') + reply;
  };
}

describe('AtChannel', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('returns reply lines without echo, URCs or the final result (Huawei E1752 dialogue)', async () => {
    // gammu issue #126 (Huawei E1752): ^SRVST noise before the echo, echo ending \r\r\n.
    const port = new FakePort((w) =>
      w === 'AT+CPMS="SM","SM"\r' ? '^SRVST:0\r\nAT+CPMS="SM","SM"\r\r\n+CPMS: 0,50,0,50,0,50\r\n\r\nOK\r\n' : undefined,
    );
    const channel = new AtChannel(port);
    const urcs: Urc[] = [];
    channel.onUrc('^SRVST', (u) => urcs.push(u));
    const reply = await channel.send('AT+CPMS="SM","SM"', { expect: '+CPMS:' });
    expect(reply.lines).toEqual(['+CPMS: 0,50,0,50,0,50']);
    expect(urcs.map((u) => u.line)).toEqual(['^SRVST:0']);
    channel.dispose();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('takes +CREG: as the reply of AT+CREG? and as a URC between commands', async () => {
    const port = new FakePort(modem({ 'AT+CREG?': '\r\n+CREG: 2,1,"8BE3","00002BAF"\r\n\r\nOK\r\n' }));
    const channel = new AtChannel(port);
    const urcs: string[] = [];
    channel.onUrc('+CREG', (u) => urcs.push(u.line));
    const reply = await channel.send('AT+CREG?', { expect: '+CREG:' });
    expect(reply.lines).toEqual(['+CREG: 2,1,"8BE3","00002BAF"']);
    port.emit('\r\n+CREG: 1,"8BE3","00002BAF"\r\n');
    expect(urcs).toEqual(['+CREG: 1,"8BE3","00002BAF"']);
    channel.dispose();
  });

  it('splits a URC out of the middle of a multi-line reply', async () => {
    const port = new FakePort(
      modem({
        'AT+CMGL=4':
          '\r\n+CMGL: 0,1,,23\r\n0791448720003023240DD0E474D81C0EBB010000111011315214000BE474D81C0EBB5DE3771B\r\n\r\n+CMTI: "SM",1\r\n\r\nOK\r\n',
      }),
    );
    const channel = new AtChannel(port);
    const cmti = vi.fn();
    channel.onUrc('+CMTI:', cmti);
    const reply = await channel.send('AT+CMGL=4', { expect: '+CMGL:' });
    expect(reply.lines).toHaveLength(2);
    expect(cmti).toHaveBeenCalledWith(expect.objectContaining({ line: '+CMTI: "SM",1', known: true }));
    channel.dispose();
  });

  it('keeps one command in flight: the second is written only after the first ends', async () => {
    const port = new FakePort();
    const channel = new AtChannel(port);
    const first = channel.send('AT+CSQ', { expect: '+CSQ:' });
    const second = channel.send('AT+CGSN');
    await tick();
    expect(port.writes).toEqual(['AT+CSQ\r']);
    expect(channel.pending).toBe(2);
    port.emit('\r\n+CSQ: 15,99\r\n\r\nOK\r\n');
    await tick();
    expect(port.writes).toEqual(['AT+CSQ\r', 'AT+CGSN\r']);
    port.emit('\r\n351234567890123\r\n\r\nOK\r\n');
    await expect(first).resolves.toMatchObject({ lines: ['+CSQ: 15,99'] });
    await expect(second).resolves.toMatchObject({ lines: ['351234567890123'] });
    expect(channel.pending).toBe(0);
    channel.dispose();
  });

  it('rejects with typed errors: +CMS ERROR, COMMAND NOT SUPPORT', async () => {
    const port = new FakePort(modem({ 'AT+CMGR=9': '\r\n+CMS ERROR: 321\r\n', 'AT+WIND?': '\r\nCOMMAND NOT SUPPORT\r\n' }, false));
    const channel = new AtChannel(port);
    const read = channel.send('AT+CMGR=9');
    const wind = channel.send('AT+WIND?');
    await expect(read).rejects.toBeInstanceOf(CmsError);
    await expect(read).rejects.toMatchObject({ cms: 321, message: 'There is no message at that place in storage.' });
    await expect(wind).rejects.toBeInstanceOf(AtCommandError);
    channel.dispose();
  });

  it('times out, keeps a late answer away from the next command, then carries on', async () => {
    const port = new FakePort();
    const channel = new AtChannel(port, { defaultTimeoutMs: 1000, settleMs: 500 });
    const slow = channel.send('AT+COPS=?');
    const next = channel.send('AT');
    const slowResult = slow.catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1000);
    const err = await slowResult;
    expect(err).toBeInstanceOf(AtTimeoutError);
    expect(err).toMatchObject({ stage: 'response', timeoutMs: 1000, payloadSent: false });
    port.emit('\r\n^RSSI:5\r\n'); // other traffic must not start the next command yet
    await tick();
    expect(port.writes).toEqual(['AT+COPS=?\r']); // still settling
    port.emit('\r\n+COPS: (2,"T-Mobile","TMO","31026",0)\r\n'); // the rest of the late answer is not a URC...
    port.emit('\r\nOK\r\n'); // ...and its final result ends the settling instead of answering "AT"
    await tick();
    expect(port.writes).toEqual(['AT+COPS=?\r', 'AT\r']);
    const urcs = vi.fn();
    channel.onUrc(() => true, urcs);
    port.emit('\r\n+CSQ: 1,2\r\n'); // a reply line of "AT" (none expected) is not a URC
    expect(urcs).not.toHaveBeenCalled();
    port.emit('\r\nOK\r\n');
    await expect(next).resolves.toMatchObject({ lines: ['+CSQ: 1,2'] });
    channel.dispose();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('moves on after settleMs when an abandoned command never answers', async () => {
    const port = new FakePort();
    const channel = new AtChannel(port, { defaultTimeoutMs: 100, settleMs: 300 });
    const lost = channel.send('AT+CFUN=1').catch((e: unknown) => e);
    const next = channel.send('AT');
    await vi.advanceTimersByTimeAsync(100);
    expect(await lost).toBeInstanceOf(AtTimeoutError);
    await vi.advanceTimersByTimeAsync(299);
    expect(port.writes).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(port.writes).toEqual(['AT+CFUN=1\r', 'AT\r']);
    port.emit('OK\r\n');
    await expect(next).resolves.toBeDefined();
    channel.dispose();
    expect(vi.getTimerCount()).toBe(0);
  });

  describe('two-stage +CMGS', () => {
    const pdu = '0011000B916407281553F80000AA0AE8329BFD4697D9EC37';

    it('waits for the prompt, writes the PDU with Ctrl-Z, returns the +CMGS reply', async () => {
      // The dialogue of awangga/spy README.md (at+cmgs=30, "> ", +CMGS: 23, OK).
      const port = new FakePort((w) => {
        if (w === 'AT+CMGS=23\r') return 'AT+CMGS=23\r\r\n> ';
        if (w === `${pdu}\x1a`) return [`${pdu}\r\n`, '+CMGS: 23\r\n\r\nOK\r\n'];
        return undefined;
      });
      const channel = new AtChannel(port);
      const reply = await channel.send('AT+CMGS=23', { payload: pdu, expect: '+CMGS:', timeoutMs: 180_000 });
      expect(port.writes).toEqual(['AT+CMGS=23\r', `${pdu}\x1a`]);
      expect(reply.lines).toEqual(['+CMGS: 23']); // the PDU echo is not a reply line
      channel.dispose();
      expect(vi.getTimerCount()).toBe(0);
    });

    it('fails without writing the PDU when the modem answers an error instead of the prompt', async () => {
      const port = new FakePort(modem({ 'AT+CMGS=23': '\r\n+CMS ERROR: 304\r\n' }));
      const channel = new AtChannel(port);
      await expect(channel.send('AT+CMGS=23', { payload: pdu })).rejects.toMatchObject({ code: 'AT_CMS', cms: 304 });
      expect(port.writes).toEqual(['AT+CMGS=23\r']);
      channel.dispose();
    });

    it('on cancel before the prompt, closes a later prompt with ESC and never sends the PDU', async () => {
      const port = new FakePort();
      const channel = new AtChannel(port);
      const ac = new AbortController();
      const send = channel.send('AT+CMGS=23', { payload: pdu, signal: ac.signal });
      await tick();
      ac.abort();
      await expect(send).rejects.toMatchObject({ code: 'AT_CANCELLED', payloadSent: false });
      port.emit('\r\n> ');
      expect(port.writes).toEqual(['AT+CMGS=23\r', '\x1b']);
      port.emit('\r\nOK\r\n'); // the modem confirms the escape; settling ends
      expect(channel.trace.entries().map((e) => e.text)).toContain('<Esc>');
      channel.dispose();
      expect(vi.getTimerCount()).toBe(0);
    });

    it('reports a cancel after the PDU went out as payloadSent (the outcome is unknown)', async () => {
      const port = new FakePort((w) => (w === 'AT+CMGS=23\r' ? '\r\n> ' : undefined));
      const channel = new AtChannel(port);
      const ac = new AbortController();
      const send = channel.send('AT+CMGS=23', { payload: pdu, signal: ac.signal });
      await tick();
      expect(port.writes).toEqual(['AT+CMGS=23\r', `${pdu}\x1a`]);
      ac.abort();
      const err = await send.catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CancelledError);
      expect(err).toMatchObject({ payloadSent: true });
      channel.dispose();
    });

    it('times out waiting for the prompt: stage "prompt", ESC written', async () => {
      const port = new FakePort();
      const channel = new AtChannel(port, { defaultPromptTimeoutMs: 5000 });
      const send = channel.send('AT+CMGS=23', { payload: pdu, timeoutMs: 180_000 }).catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(5000);
      expect(await send).toMatchObject({ code: 'AT_TIMEOUT', stage: 'prompt', payloadSent: false });
      expect(port.writes).toEqual(['AT+CMGS=23\r', '\x1b']);
      channel.dispose();
      expect(vi.getTimerCount()).toBe(0);
    });

    it('times out after the PDU: stage "payload", so the sender knows it may have gone out', async () => {
      const port = new FakePort((w) => (w === 'AT+CMGS=23\r' ? '\r\n> ' : undefined));
      const channel = new AtChannel(port);
      const send = channel.send('AT+CMGS=23', { payload: pdu, timeoutMs: 120_000 }).catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(119_999);
      expect(port.writes).toHaveLength(2);
      await vi.advanceTimersByTimeAsync(1);
      expect(await send).toMatchObject({ code: 'AT_TIMEOUT', stage: 'payload', payloadSent: true });
      channel.dispose();
    });
  });

  it('closes an unexpected prompt with ESC', async () => {
    const port = new FakePort();
    const channel = new AtChannel(port);
    port.emit('\r\n> ');
    expect(port.writes).toEqual(['\x1b']);
    channel.dispose();
  });

  it('cancels a queued command without writing it', async () => {
    const port = new FakePort();
    const channel = new AtChannel(port);
    const first = channel.send('AT');
    const ac = new AbortController();
    const second = channel.send('AT+CSQ', { signal: ac.signal });
    ac.abort();
    await expect(second).rejects.toBeInstanceOf(CancelledError);
    port.emit('OK\r\n');
    await first;
    await tick();
    expect(port.writes).toEqual(['AT\r']);
    await expect(channel.send('AT', { signal: ac.signal })).rejects.toMatchObject({ detail: 'cancelled before sending' });
    channel.dispose();
  });

  it('rejects everything with PortClosedError when the port goes away, and later sends too', async () => {
    const port = new FakePort();
    const channel = new AtChannel(port);
    const inFlight = channel.send('AT+CSQ');
    const queued = channel.send('AT+CGSN');
    await tick();
    port.drop(new Error('device unplugged'));
    await expect(inFlight).rejects.toBeInstanceOf(PortClosedError);
    await expect(queued).rejects.toMatchObject({ code: 'AT_PORT_CLOSED', message: 'The connection to the modem was lost.' });
    await expect(channel.send('AT')).rejects.toBeInstanceOf(PortClosedError);
    expect(channel.isClosed).toBe(true);
    channel.dispose();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects with PortClosedError when a write fails', async () => {
    const port = new FakePort();
    port.failWrites = new Error('EIO');
    const channel = new AtChannel(port);
    await expect(channel.send('AT')).rejects.toMatchObject({ code: 'AT_PORT_CLOSED', detail: 'write failed: EIO' });
    channel.dispose();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('dispose rejects pending commands with CancelledError and lets go of port, timers and handlers', async () => {
    const port = new FakePort();
    const channel = new AtChannel(port);
    channel.onUrc('RING', () => {});
    const a = channel.send('AT');
    const b = channel.send('AT+CSQ');
    channel.dispose();
    await expect(a).rejects.toBeInstanceOf(CancelledError);
    await expect(b).rejects.toBeInstanceOf(CancelledError);
    expect(port.listenerCount).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    await expect(channel.send('AT')).rejects.toBeInstanceOf(CancelledError);
  });

  it('dispatches +CMT with its PDU line, unknown lines, and a call-ending NO CARRIER while idle', () => {
    const port = new FakePort();
    const channel = new AtChannel(port);
    const seen: Urc[] = [];
    channel.onUrc(
      () => true,
      (u) => seen.push(u),
    );
    port.emit('\r\n+CMT: ,24\r\n07911326040000F0040B911346610089F60000208062917314080CC8F71D14969741F977FD07\r\n');
    port.emit('\r\n^SYSINFOEX: 2,3,0,1\r\nNO CARRIER\r\nOK\r\n');
    expect(seen.map((u) => [u.prefix, u.lines.length, u.known])).toEqual([
      ['+CMT:', 2, true],
      ['^SYSINFOEX:', 1, false],
      ['NO CARRIER', 1, true],
    ]);
    channel.dispose();
  });

  it('cuts a +CMT short rather than swallow the OK of the command in flight', async () => {
    const port = new FakePort();
    const channel = new AtChannel(port);
    const seen: Urc[] = [];
    channel.onUrc('+CMT', (u) => seen.push(u));
    const reply = channel.send('AT+CSQ', { expect: '+CSQ:' });
    await tick();
    port.emit('\r\n+CSQ: 9,99\r\n+CMT: ,24\r\nOK\r\n');
    await expect(reply).resolves.toMatchObject({ lines: ['+CSQ: 9,99'] });
    expect(seen).toEqual([expect.objectContaining({ prefix: '+CMT:', lines: ['+CMT: ,24'], complete: false })]);
    channel.dispose();
  });

  it('hands a cut-short +CMT to its handler when the port closes', () => {
    const port = new FakePort();
    const channel = new AtChannel(port);
    const seen: Urc[] = [];
    channel.onUrc('+CMT', (u) => seen.push(u));
    port.emit('+CMT: ,24\r\n');
    expect(seen).toEqual([]);
    port.drop();
    expect(seen.map((u) => u.complete)).toEqual([false]);
    channel.dispose();
  });

  it('lets a URC handler send a command (a +CMTI handler reading the message)', async () => {
    const port = new FakePort(
      modem({
        'AT+CMGR=3': '\r\n+CMGR: 0,,23\r\n0791448720003023240DD0E474D81C0EBB010000111011315214000BE474D81C0EBB5DE3771B\r\n\r\nOK\r\n',
      }),
    );
    const channel = new AtChannel(port);
    const read = new Promise<readonly string[]>((resolve) => {
      channel.onUrc('+CMTI', () => {
        void channel.send('AT+CMGR=3', { expect: '+CMGR:' }).then((r) => resolve(r.lines));
      });
    });
    port.emit('\r\n+CMTI: "SM",3\r\n');
    expect(await read).toEqual(['+CMGR: 0,,23', expect.stringMatching(/^0791/)]);
    channel.dispose();
  });

  it('traces both directions with timestamps and the PIN masked', async () => {
    vi.setSystemTime(Date.UTC(2026, 10, 23, 12, 0, 0));
    const port = new FakePort(modem({ 'AT+CPIN="1234"': '\r\nOK\r\n' }));
    const channel = new AtChannel(port);
    await channel.send('AT+CPIN="1234"');
    expect(channel.trace.entries()).toEqual([
      { t: Date.UTC(2026, 10, 23, 12, 0, 0), dir: 'tx', text: 'AT+CPIN="****"' },
      { t: Date.UTC(2026, 10, 23, 12, 0, 0), dir: 'rx', text: 'AT+CPIN="****"' },
      { t: Date.UTC(2026, 10, 23, 12, 0, 0), dir: 'rx', text: 'OK' },
    ]);
    channel.dispose();
  });

  it('refuses a command with a line break (it would split into two commands)', () => {
    const channel = new AtChannel(new FakePort());
    expect(() => channel.send('AT\rATZ')).toThrow(TypeError);
    channel.dispose();
  });

  it('writes a lone ESC on request (leaving a stuck prompt during synchronisation)', async () => {
    const port = new FakePort();
    const channel = new AtChannel(port);
    await channel.escape();
    expect(port.writes).toEqual(['\x1b']);
    channel.dispose();
  });
});

describe('AtChannel priority and hold', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A modem that answers each command when the test says so, like one waiting on the network. */
  function slowModem(): { port: FakePort; answer: () => void; sent: () => string[] } {
    const port = new FakePort();
    return {
      port,
      answer: () => port.emit('\r\nOK\r\n'),
      sent: () => port.writes.map((w) => w.replace(/\r$/, '')),
    };
  }

  it('runs a held transaction between two queued commands, then the rest in order', async () => {
    const { port, answer, sent } = slowModem();
    const channel = new AtChannel(port);
    const first = channel.send('AT+FIRST');
    await tick();
    // While FIRST is in flight: a transaction of two priority commands, and ordinary ones queued behind.
    const transaction = channel.hold(async () => {
      await channel.send('AT+READ', { priority: true });
      await channel.send('AT+DELETE', { priority: true });
      return 'done';
    });
    const second = channel.send('AT+SECOND');
    const third = channel.send('AT+THIRD');
    await tick();
    expect(sent()).toEqual(['AT+FIRST']);
    answer(); // FIRST
    await first;
    await tick();
    answer(); // READ
    await tick();
    // Without the hold, SECOND would go now and DELETE would wait behind it.
    expect(sent()).toEqual(['AT+FIRST', 'AT+READ', 'AT+DELETE']);
    answer(); // DELETE
    expect(await transaction).toBe('done');
    await tick();
    answer(); // SECOND
    await second;
    await tick();
    answer(); // THIRD
    await third;
    expect(sent()).toEqual(['AT+FIRST', 'AT+READ', 'AT+DELETE', 'AT+SECOND', 'AT+THIRD']);
    channel.dispose();
  });

  it('puts a priority command ahead of queued ordinary ones but behind earlier priority ones', async () => {
    const { port, answer, sent } = slowModem();
    const channel = new AtChannel(port);
    const all = [
      channel.send('AT+A'),
      channel.send('AT+B'),
      channel.send('AT+P1', { priority: true }),
      channel.send('AT+P2', { priority: true }),
    ];
    for (let i = 0; i < all.length; i++) {
      await tick();
      answer();
    }
    await Promise.all(all);
    expect(sent()).toEqual(['AT+A', 'AT+P1', 'AT+P2', 'AT+B']);
    channel.dispose();
  });

  it('lets a hold lapse, so a job that never ends does not stop the queue', async () => {
    const { port, answer, sent } = slowModem();
    const channel = new AtChannel(port);
    let finish!: () => void;
    const stuck = channel.hold(() => new Promise<void>((resolve) => (finish = resolve)), 1_000);
    const waiting = channel.send('AT+WAITING');
    await tick();
    expect(sent()).toEqual([]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sent()).toEqual(['AT+WAITING']);
    answer();
    await waiting;
    finish();
    await stuck;
    channel.dispose();
    expect(vi.getTimerCount()).toBe(0);
  });
});
