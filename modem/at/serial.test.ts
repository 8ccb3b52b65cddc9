/**
 * The serialport adapter end to end on MockBinding: SerialPortStream → AtPort →
 * AtChannel, with a scripted modem on the mock port's write side.
 */
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import { AtChannel } from './channel';
import { PortClosedError } from './errors';
import { EventEmitter } from 'node:events';
import { openSerialTransport, serialStreamPort, type SerialBinding, type SerialStreamLike } from './serial';

const PATH = '/dev/ttyUSB-smsdesk-test';

// @serialport/binding-mock publishes its types outside its "exports" map, which
// moduleResolution "Bundler" cannot see; the few members used here are typed locally.
interface MockPortBinding {
  write(buffer: Buffer): Promise<void>;
  emitData(data: Buffer | string): void;
  readonly recording: Buffer;
}
interface MockBindingApi {
  createPort(path: string, options?: { echo?: boolean; record?: boolean }): void;
  reset(): void;
  open(options: { path: string; baudRate: number }): Promise<MockPortBinding>;
}
const { MockBinding } = createRequire(import.meta.url)('@serialport/binding-mock') as { MockBinding: MockBindingApi };

/** MockBinding plus a modem: each write is answered by `reply`, like a real device would. */
function scriptedBinding(reply: (written: string) => string | undefined): { binding: SerialBinding; port: () => MockPortBinding } {
  let opened: MockPortBinding | undefined;
  const binding = {
    ...MockBinding,
    async open(options: Parameters<typeof MockBinding.open>[0]) {
      const port = await MockBinding.open(options);
      const write = port.write.bind(port);
      port.write = async (buffer: Buffer) => {
        await write(buffer);
        const answer = reply(buffer.toString('latin1'));
        if (answer !== undefined) port.emitData(Buffer.from(answer, 'latin1'));
      };
      opened = port;
      return port;
    },
  };
  return {
    binding: binding as unknown as SerialBinding,
    port: () => {
      if (!opened) throw new Error('not opened');
      return opened;
    },
  };
}

describe('openSerialTransport on MockBinding', () => {
  afterEach(() => {
    MockBinding.reset();
  });

  it('runs commands, splits URCs and closes cleanly', async () => {
    MockBinding.createPort(PATH, { record: true });
    // Huawei K3715 identity replies (python-gsmmodem test/fakemodems.py), echo on.
    const { binding, port } = scriptedBinding((w) => {
      if (w === 'AT+CGMI\r') return 'AT+CGMI\r\r\nhuawei\r\n\r\nOK\r\n';
      if (w === 'AT+CGMM\r') return 'AT+CGMM\r\r\n^RSSI:14\r\nK3715\r\n\r\nOK\r\n';
      return undefined;
    });
    const transport = await openSerialTransport(PATH, 115200, binding);
    expect(transport.isOpen).toBe(true);
    const channel = new AtChannel(transport);
    const rssi: string[] = [];
    const sub = channel.onUrc('^RSSI', (u) => rssi.push(u.line));

    expect((await channel.send('AT+CGMI')).lines).toEqual(['huawei']);
    expect((await channel.send('AT+CGMM')).lines).toEqual(['K3715']);
    expect(rssi).toEqual(['^RSSI:14']);
    expect(port().recording.toString('latin1')).toBe('AT+CGMI\rAT+CGMM\r');

    sub.dispose();
    channel.dispose();
    await transport.close();
    expect(transport.isOpen).toBe(false);
  });

  it('sends an SMS PDU through the prompt with the modem echoing everything', async () => {
    MockBinding.createPort(PATH, { record: true });
    const pdu = '0011000B916407281553F80000AA0AE8329BFD4697D9EC37';
    // Echo on: the modem repeats what it receives, then answers (SIM800-style \r\n> prompt).
    const { binding, port } = scriptedBinding((w) => {
      if (w === 'AT+CMGS=23\r') return 'AT+CMGS=23\r\r\n> ';
      if (w === `${pdu}\x1a`) return `${pdu}\x1a\r\n+CMGS: 7\r\n\r\nOK\r\n`;
      return undefined;
    });
    const transport = await openSerialTransport(PATH, 115200, binding);
    const channel = new AtChannel(transport);
    const reply = await channel.send('AT+CMGS=23', { payload: pdu, expect: '+CMGS:', timeoutMs: 60_000 });
    expect(reply.lines).toEqual(['+CMGS: 7']);
    expect(port().recording.toString('latin1')).toBe(`AT+CMGS=23\r${pdu}\x1a`);
    expect(channel.trace.entries().map((e) => `${e.dir} ${e.text}`)).toEqual([
      'tx AT+CMGS=23',
      'rx AT+CMGS=23',
      'rx > ',
      `tx ${pdu}<Ctrl-Z>`,
      `rx ${pdu}`,
      'rx +CMGS: 7',
      'rx OK',
    ]);
    channel.dispose();
    await transport.close();
  });

  it('rejects the command in flight with PortClosedError when the port closes under it', async () => {
    MockBinding.createPort(PATH);
    const { binding } = scriptedBinding(() => undefined); // a modem that never answers
    const transport = await openSerialTransport(PATH, 9600, binding);
    const channel = new AtChannel(transport);
    const closed: (Error | undefined)[] = [];
    transport.onClose((e) => closed.push(e));
    const pending = channel.send('AT+COPS=?', { timeoutMs: 60_000 });
    await new Promise((r) => setImmediate(r));
    await transport.close();
    await expect(pending).rejects.toBeInstanceOf(PortClosedError);
    expect(closed).toEqual([undefined]);
    await expect(transport.write(new Uint8Array([0x41]))).rejects.toThrow(/closed/);
    channel.dispose();
  });

  it('fails to open a port that does not exist', async () => {
    await expect(openSerialTransport('/dev/ttyNOPE', 115200, MockBinding as unknown as SerialBinding)).rejects.toThrow();
  });
});

/** A serialport-shaped stream the test drives by hand. */
class FakeStream extends EventEmitter {
  isOpen = true;
  readonly written: Uint8Array[] = [];
  write(data: Uint8Array, callback: (error: Error | null | undefined) => void): boolean {
    this.written.push(data);
    callback(null);
    return true;
  }
  close(callback: (error: Error | null) => void): void {
    this.isOpen = false;
    this.emit('close');
    callback(null);
  }
}

describe('serialStreamPort', () => {
  it('reports an unplug (close with DisconnectedError) once, with the error, and lets go of the stream', async () => {
    const stream = new FakeStream();
    const port = serialStreamPort(stream as unknown as SerialStreamLike);
    const chunks: number[] = [];
    port.onData((c) => chunks.push(c.length));
    const closes: (Error | undefined)[] = [];
    port.onClose((e) => closes.push(e));
    stream.emit('data', new Uint8Array([0x4f, 0x4b]));
    const unplugged = Object.assign(new Error('Disconnected'), { disconnected: true });
    stream.isOpen = false;
    stream.emit('close', unplugged);
    stream.emit('close', unplugged);
    expect(chunks).toEqual([2]);
    expect(closes).toEqual([unplugged]);
    expect(port.isOpen).toBe(false);
    // Only the listener that keeps a late write error from becoming an uncaught exception stays.
    expect(stream.listenerCount('data') + stream.listenerCount('close')).toBe(0);
    expect(stream.listenerCount('error')).toBe(1);
    await expect(port.write(new Uint8Array([0x41]))).rejects.toThrow(/closed/);
  });

  it('swallows the error event of a write that was in flight when the device vanished', () => {
    const stream = new FakeStream();
    const port = serialStreamPort(stream as unknown as SerialStreamLike);
    const closes: (Error | undefined)[] = [];
    port.onClose((e) => closes.push(e));
    stream.isOpen = false;
    stream.emit('close', Object.assign(new Error('Disconnected'), { disconnected: true }));
    // What @serialport/stream does after a failed _write: the callback got it, then 'error'.
    expect(() => stream.emit('error', new Error('demo0.0: device disconnected'))).not.toThrow();
    expect(closes).toHaveLength(1);
  });

  it('ignores an error while the port stays open, and ends on one that closed it', () => {
    const stream = new FakeStream();
    const port = serialStreamPort(stream as unknown as SerialStreamLike);
    const closes: (Error | undefined)[] = [];
    port.onClose((e) => closes.push(e));
    stream.emit('error', new Error('write timeout'));
    expect(closes).toEqual([]);
    stream.isOpen = false;
    stream.emit('error', new Error('EIO'));
    expect(closes.map((e) => e?.message)).toEqual(['EIO']);
  });
});
