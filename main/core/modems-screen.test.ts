/**
 * What the Modems screen asks of the core, against a real archive and the demo's virtual
 * modem: signal history, the redacted AT trace (tail and live batches), the console's guard,
 * PIN entry (once, never retried; remembered only where a store can keep it) and the ports.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AtCommandResult, ModemSummary, ModemTrace, PinMemory, PortList, SignalHistory } from '../contract';
import { DEMO_HANDSET_NUMBER } from '../../modem/emulator/index';
import type { StationCore, StationCoreOptions } from './core';
import { closeCores, demoCore as makeCore, nextEvent as next } from './testing';
import { memoryPinStore } from './pin-store';

afterEach(closeCores);

function demoCore(options: StationCoreOptions = {}): StationCore {
  return makeCore({ modemPollMs: 300, ...options });
}

async function value<T>(core: StationCore, name: string, args: unknown): Promise<T> {
  const r = await core.call(name, args);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

async function until(test: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function readyDemo(core: StationCore): Promise<ModemSummary> {
  await value(core, 'station.startDemo', null);
  const list = await next(core, 'modems.changed', (l) => l.some((m) => m.state === 'ready'));
  return list.find((m) => m.state === 'ready')!;
}

/** Makes the demo SIM ask for `pin` and power-cycles the modem, as after a replug. */
function simAsksForPin(core: StationCore, pin: string): void {
  const modem = core.demoEmulator!.modems[0]!;
  modem.subscriber.pin = pin;
  modem.unplug();
  modem.replug();
}

describe('the Modems screen against the core and the demo', () => {
  it('records the signal over time when the network changes it', async () => {
    const core = demoCore();
    const modem = await readyDemo(core);
    expect(modem).toMatchObject({ signal: 21, registration: 'home', virtual: true, iccid: expect.stringMatching(/^8901/) });
    core.demoEmulator!.modems[0]!.setSignal(9);
    await next(core, 'modems.changed', (l) => l[0]?.signal === 9);
    const history = await value<SignalHistory>(core, 'modems.signalHistory', { modemId: modem.id });
    expect(history.samples.map((s) => s.signal)).toEqual([21, 9]);
    expect(Date.parse(history.samples[1]!.at)).toBeGreaterThanOrEqual(Date.parse(history.samples[0]!.at));

    // Unplugged: the history says "no signal" from then on.
    core.demoEmulator!.modems[0]!.unplug();
    await next(core, 'modems.changed', (l) => l[0]?.state === 'offline');
    expect((await value<SignalHistory>(core, 'modems.signalHistory', { modemId: modem.id })).samples.at(-1)?.signal).toBeNull();
    expect(await core.call('modems.signalHistory', { modemId: 'nope' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  }, 30_000);

  it('keeps the AT trace with message PDUs hidden, and streams new lines in numbered batches', async () => {
    const core = demoCore();
    const modem = await readyDemo(core);
    const tail = await value<ModemTrace>(core, 'modems.traceLines', { modemId: modem.id, limit: 1000 });
    expect(tail.lines.some((l) => l.dir === 'tx' && l.text === 'AT+CGSN')).toBe(true);
    expect(tail.lines.map((l) => l.seq)).toEqual(tail.lines.map((_, i) => tail.lines[0]!.seq + i));

    const batches: ModemTrace[] = [];
    const sub = core.events.subscribe('modems.trace', (b) => batches.push(b));
    await value(core, 'messages.send', { to: DEMO_HANDSET_NUMBER, text: 'Secret words' });
    await until(() => batches.flatMap((b) => b.lines).some((l) => l.text.startsWith('<PDU of')));
    await until(() => batches.flatMap((b) => b.lines).some((l) => l.text.startsWith('+CMGS:')));
    sub.dispose();
    const lines = batches.flatMap((b) => b.lines);
    expect(batches.every((b) => b.modemId === modem.id && b.lines.length <= 200)).toBe(true);
    // Numbered on: a viewer that fetched the tail drops the lines it already has by seq.
    expect(lines.map((l) => l.seq)).toEqual(lines.map((_, i) => lines[0]!.seq + i));
    expect(lines.at(-1)!.seq).toBeGreaterThan(tail.lines.at(-1)!.seq);
    const sent = lines.find((l) => l.dir === 'tx' && l.text.endsWith('<Ctrl-Z>'));
    expect(sent?.text).toMatch(/^<PDU of \d+ octets hidden><Ctrl-Z>$/);
    // No line holds the hex of the message (GSM 7-bit "Secret words" packs to D3B2380C…).
    const all = await value<ModemTrace>(core, 'modems.traceLines', { modemId: modem.id });
    expect(all.lines.some((l) => /[0-9A-F]{30,}/i.test(l.text))).toBe(false);
  }, 30_000);

  it('runs console commands, asks before risky ones, and keeps replies where the driver wants them', async () => {
    const core = demoCore();
    const modem = await readyDemo(core);
    const at = (command: string, confirm?: boolean): Promise<AtCommandResult> =>
      value(core, 'modems.at', { modemId: modem.id, command, ...(confirm !== undefined ? { confirm } : {}) });

    expect(await at('AT+CSQ')).toEqual({ outcome: 'ok', lines: ['+CSQ: 21,99'] });
    // Taken as the reply, not as a +CREG notice that would tell the monitor "searching".
    expect((await at('AT+CREG?')).outcome).toBe('ok');
    expect(core.events.latest('modems.changed')?.[0]?.registration).toBe('home');

    expect(await at('ATE1')).toEqual({ outcome: 'needs-confirm', risks: ['echo'] });
    expect(await at('AT+CMGF=1')).toEqual({ outcome: 'needs-confirm', risks: ['text-mode'] });
    expect(await at('AT+CFUN=0')).toEqual({ outcome: 'needs-confirm', risks: ['radio'] });
    // Nothing of those reached the modem.
    const trace = await value<ModemTrace>(core, 'modems.traceLines', { modemId: modem.id });
    expect(trace.lines.some((l) => l.text === 'ATE1' || l.text === 'AT+CMGF=1' || l.text === 'AT+CFUN=0')).toBe(false);

    const refused = await at('AT+NOSUCH');
    expect(refused.outcome).toBe('error');
    // Confirmed, it goes out (the emulator takes text mode; the driver's next start sets PDU mode again).
    expect(await at('AT+CMGF=1', true)).toEqual({ outcome: 'ok', lines: [] });
    expect(core.demoEmulator!.modems[0]!.state.cmgf).toBe(1);
    await at('AT+CMGF=0');

    expect(await core.call('modems.at', { modemId: modem.id, command: 'AT+CSQ\r\nATZ' })).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    expect(await core.call('modems.at', { modemId: modem.id, command: 'rm -rf /' })).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
  }, 30_000);

  it('enters a wrong PIN once, says what the SIM said, never retries, and masks PINs in the trace', async () => {
    const core = demoCore();
    const { id } = await readyDemo(core);
    simAsksForPin(core, '2468');
    const locked = await next(core, 'modems.changed', (l) => l[0]?.state === 'needs-pin');
    expect(locked[0]!.id).toBe(id);
    expect(locked[0]!.problem).toMatch(/PIN/);
    const sim = core.demoEmulator!.modems[0]!;
    expect(sim.state.pinTries).toBe(3);

    const wrong = await core.call('modems.unlock', { modemId: id, pin: '9753' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    if (!wrong.ok) expect(wrong.error.message).toMatch(/refused this PIN.*\+CME ERROR: 16/);
    expect(sim.state.pinTries).toBe(2);
    // The driver does not try again by itself, not even after its reconnect delay.
    await new Promise((r) => setTimeout(r, 3_000));
    expect(sim.state.pinTries).toBe(2);
    expect(core.events.latest('modems.changed')?.[0]).toMatchObject({
      state: 'needs-pin',
      problem: expect.stringMatching(/refused the PIN it was given: .*\(\+CME ERROR: 16\)\. SMSDesk does not try it again/),
    });

    // Without a keychain (CLI, web) "remember" is refused before the SIM is asked.
    const remember = await core.call('modems.unlock', { modemId: id, pin: '2468', remember: true });
    expect(remember).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(sim.state.pinTries).toBe(2);
    expect(await value<PinMemory>(core, 'modems.pinMemory', { modemId: id })).toEqual({ availability: 'not-desktop', remembered: false });

    const unlocked = await value<ModemSummary>(core, 'modems.unlock', { modemId: id, pin: '2468' });
    expect(unlocked.state).toBe('ready');
    expect(sim.state.pinTries).toBe(3);
    const trace = await value<ModemTrace>(core, 'modems.traceLines', { modemId: id });
    const cpin = trace.lines.filter((l) => l.dir === 'tx' && l.text.startsWith('AT+CPIN='));
    expect(cpin.map((l) => l.text)).toEqual(['AT+CPIN="****"', 'AT+CPIN="****"']);
    expect(trace.lines.some((l) => l.text.includes('+CME ERROR: 16'))).toBe(true);
    expect(trace.lines.some((l) => l.text.includes('9753') || l.text.includes('2468'))).toBe(false);
  }, 40_000);

  it('remembers a PIN only when asked, uses it once at the next start, and forgets one the SIM refuses', async () => {
    const pins = memoryPinStore();
    const core = demoCore({ pinStore: pins });
    const { id } = await readyDemo(core);
    simAsksForPin(core, '1234');
    await next(core, 'modems.changed', (l) => l[0]?.state === 'needs-pin');
    expect(await value<PinMemory>(core, 'modems.pinMemory', { modemId: id })).toEqual({ availability: 'available', remembered: false });
    await value(core, 'modems.unlock', { modemId: id, pin: '1234', remember: true });
    expect(pins.all()).toEqual({ [id]: '1234' });
    expect(await value<PinMemory>(core, 'modems.pinMemory', { modemId: id })).toEqual({ availability: 'available', remembered: true });
    await core.close();

    // A new start: the remembered PIN is entered by the driver, once.
    const again = demoCore({ pinStore: pins });
    await value(again, 'station.startDemo', null);
    await next(again, 'modems.changed', (l) => l[0]?.state === 'ready');
    simAsksForPin(again, '1234');
    await next(again, 'modems.changed', (l) => l[0]?.state === 'offline');
    await next(again, 'modems.changed', (l) => l[0]?.state === 'ready');

    // The PIN changed elsewhere: the remembered one is refused once, then forgotten.
    simAsksForPin(again, '4321');
    await next(again, 'modems.changed', (l) => l[0]?.state === 'needs-pin');
    expect(again.demoEmulator!.modems[0]!.state.pinTries).toBe(2);
    expect(pins.has(id)).toBe(false);
    expect(await value<PinMemory>(again, 'modems.forgetPin', { modemId: id })).toEqual({ availability: 'available', remembered: false });
  }, 60_000);

  it('lists the system ports and the demo ports with the modem on each', async () => {
    const core = demoCore({
      listPorts: async () => [{ path: '/dev/ttyUSB0', manufacturer: 'HUAWEI', vendorId: '12d1', productId: '1001' }] as never,
    });
    const modem = await readyDemo(core);
    const list = await value<PortList>(core, 'ports.list', { probe: true });
    expect(list).toEqual({
      watching: false,
      problem: null,
      ports: [
        {
          path: '/dev/ttyUSB0',
          manufacturer: 'HUAWEI',
          vendorId: '12d1',
          productId: '1001',
          serialNumber: null,
          virtual: false,
          modemId: null,
        },
        {
          path: modem.port,
          manufacturer: 'SMSDesk emulator',
          vendorId: null,
          productId: null,
          serialNumber: null,
          virtual: true,
          modemId: modem.id,
        },
      ],
    });

    const broken = demoCore({
      listPorts: () => Promise.reject(new Error('udevadm is missing')),
    });
    expect(await value<PortList>(broken, 'ports.list', {})).toEqual({
      ports: [],
      watching: false,
      problem: 'udevadm is missing',
    });
  }, 30_000);
});
