import { SerialPortStream } from '@serialport/stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createVirtualBinding } from './binding';
import { VirtualNetwork } from './network';
import { PROFILES } from './profiles';
import { realScheduler } from './scheduler';
import { VirtualModem } from './virtual-modem';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function rig() {
  const network = new VirtualNetwork({ scheduler: realScheduler });
  const modem = new VirtualModem({
    profile: PROFILES['huawei-e173'],
    subscriber: {
      msisdn: '+46700000001',
      imsi: '001010000000001',
      iccid: '89010100000000000001',
      imei: '350000000000001',
      pin: null,
      puk: '12345678',
    },
    network,
    scheduler: realScheduler,
    portBase: '/dev/ttyVM',
  });
  network.attach(modem);
  cleanups.push(() => {
    modem.dispose();
    network.dispose();
  });
  return { modem, binding: createVirtualBinding({ ports: () => modem.ports }) };
}

function open(binding: ReturnType<typeof createVirtualBinding>, path: string): Promise<SerialPortStream> {
  return new Promise((resolve, reject) => {
    const port = new SerialPortStream({ binding, path, baudRate: 115200 }, (err) => (err ? reject(err) : resolve(port)));
  });
}

function readUntil(port: SerialPortStream, pattern: RegExp): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    const onData = (chunk: Buffer): void => {
      text += chunk.toString('latin1');
      if (pattern.test(text)) {
        port.off('data', onData);
        resolve(text);
      }
    };
    port.on('data', onData);
  });
}

describe('in-process serialport binding', () => {
  it('lists the modem’s ports and answers AT through a real SerialPortStream', async () => {
    const { binding } = rig();
    expect((await binding.list()).map((p) => p.path)).toEqual(['/dev/ttyVM0', '/dev/ttyVM1', '/dev/ttyVM2']);
    const port = await open(binding, '/dev/ttyVM2');
    const answer = readUntil(port, /OK\r\n$/);
    port.write('ATI\r');
    expect(await answer).toBe(
      'ATI\r\r\nManufacturer: huawei\r\nModel: E173\r\nRevision: 11.126.85.00.209\r\nIMEI: 350000000000001\r\n+GCAP: +CGSM,+DS,+ES\r\n\r\nOK\r\n',
    );
    await new Promise<void>((r) => port.close(() => r()));
  });

  it('refuses a second opener, like a locked tty', async () => {
    const { binding } = rig();
    const first = await open(binding, '/dev/ttyVM2');
    await expect(open(binding, '/dev/ttyVM2')).rejects.toThrow(/lock/);
    await new Promise<void>((r) => first.close(() => r()));
    const again = await open(binding, '/dev/ttyVM2');
    await new Promise<void>((r) => again.close(() => r()));
  });

  it('closes the stream with a disconnect when the modem is unplugged, and lets it reopen under a new name', async () => {
    const { binding, modem } = rig();
    const port = await open(binding, '/dev/ttyVM2');
    const closed = new Promise<Error | null>((resolve) => port.once('close', (err: Error | null) => resolve(err)));
    port.on('error', () => undefined);
    port.on('data', () => undefined); // a reader, as every driver has: the read in flight sees the unplug
    modem.unplug();
    const err = await closed;
    expect(err?.message ?? '').toMatch(/disconnected/);
    expect(await binding.list()).toEqual([]);
    await expect(open(binding, '/dev/ttyVM2')).rejects.toThrow(/No such file/);

    modem.replug('/dev/ttyVM1');
    expect((await binding.list()).map((p) => p.path)).toEqual(['/dev/ttyVM10', '/dev/ttyVM11', '/dev/ttyVM12']);
    const back = await open(binding, '/dev/ttyVM12');
    const answer = readUntil(back, /OK\r\n$/);
    back.write('AT+CNMI?\r');
    // A power cycle resets +CNMI: a driver that does not re-initialise gets no new-SMS notices.
    expect(await answer).toContain('+CNMI: 0,0,0,0,0');
    await new Promise<void>((r) => back.close(() => r()));
  });
});
