/**
 * Faults: unplug during a send and during a receive, noise, a hung modem, a full SIM, a
 * wrong PIN, a renumbered port, a stuck prompt, refused and unanswered submits.
 * Nothing received is lost; nothing sent is reported sent unless the modem said so.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openSerialTransport, type SerialBinding } from '../at/index';
import { isDriverError } from './errors';
import { ModemSupervisor } from './supervisor';
import { collect, deliverText, FAST, makeRig, waitFor, type Rig } from './testing';

let rig: Rig | undefined;
const extra: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const f of extra.splice(0)) await f();
  await rig?.cleanup();
  rig = undefined;
});

const ME = '+4915550000001';
const PEER = '+4915550000002';

describe('SIM PIN', () => {
  it('enters the stored PIN once and goes on', async () => {
    rig = makeRig([{ profile: 'generic', msisdn: ME, pin: '1234' }]);
    const modem = rig.modem(0, { pin: '1234' });
    await modem.open();
    expect(modem.state).toBe('ready');
    expect(rig.emulator.modems[0]!.state.sim).toBe('ready');
  });

  it('reports a wrong PIN and never tries it again on its own', async () => {
    rig = makeRig([{ profile: 'generic', msisdn: ME, pin: '1234' }]);
    const vm = rig.emulator.modems[0]!;
    const modem = rig.modem(0, { pin: '9999' });
    await expect(modem.open()).rejects.toMatchObject({ code: 'PIN_WRONG' });
    expect(modem.state).toBe('failed');
    expect(vm.state.pinTries).toBe(2);
    await expect(modem.open()).rejects.toMatchObject({ code: 'PIN_WRONG' });
    expect(vm.state.pinTries).toBe(2); // the second open did not spend a try
    await modem.unlock('1234'); // a person typed the right one
    expect(modem.state).toBe('ready');
  });

  it('keeps the trace of a failed open (the refused PIN, masked) after it reopens', async () => {
    rig = makeRig([{ profile: 'generic', msisdn: ME, pin: '1234' }]);
    const modem = rig.modem(0, { pin: '9999' });
    await expect(modem.open()).rejects.toMatchObject({ code: 'PIN_WRONG' });
    expect(modem.channel).toBeUndefined();
    await modem.unlock('1234');
    expect(modem.channel?.trace).toBe(modem.trace);
    const lines = modem.trace.entries().map((e) => `${e.dir} ${e.text}`);
    expect(lines.filter((l) => l.startsWith('tx AT+CPIN='))).toEqual(['tx AT+CPIN="****"', 'tx AT+CPIN="****"']);
    expect(lines).toContain('rx +CME ERROR: 16');
    expect(lines.some((l) => l.includes('9999') || l.includes('1234'))).toBe(false);
  });

  it('asks for the PIN when none is stored, and for the PUK when the SIM is blocked', async () => {
    rig = makeRig([
      { profile: 'generic', msisdn: ME, pin: '1234' },
      { profile: 'generic', msisdn: PEER, pin: '1234' },
    ]);
    await expect(rig.modem(0).open()).rejects.toMatchObject({ code: 'PIN_REQUIRED', message: 'The SIM needs its PIN.' });
    rig.emulator.modems[1]!.state.sim = 'puk';
    const blocked = rig.modem(1, { pin: '1234' });
    await expect(blocked.open()).rejects.toMatchObject({ code: 'PUK_REQUIRED', message: 'The SIM is blocked and needs its PUK.' });
    expect(blocked.error?.code).toBe('PUK_REQUIRED');
  });

  it('says so when there is no SIM', async () => {
    rig = makeRig([{ profile: 'simcom-sim800', msisdn: ME }]);
    rig.emulator.modems[0]!.removeSim();
    const modem = rig.modem(0);
    const error = await modem.open().catch((e: unknown) => e);
    expect(isDriverError(error, 'SIM_UNAVAILABLE')).toBe(true);
    expect(modem.state).toBe('failed');
  });
});

describe('sending faults', () => {
  it('classifies a refused submit as transient or permanent with the reason in words', async () => {
    rig = makeRig([{ profile: 'generic', msisdn: ME }]);
    const modem = rig.modem(0);
    await modem.open();
    rig.emulator.network.injectSubmitFault({ kind: 'refuse', cms: 42 }, { kind: 'refuse', cms: 1 });
    expect(await modem.send({ to: PEER, text: 'x' })).toMatchObject({
      ok: false,
      sent: [],
      failure: { kind: 'transient', cms: 42, reason: 'The mobile network is busy. It can be tried again shortly.' },
    });
    expect(await modem.send({ to: PEER, text: 'y' })).toMatchObject({
      ok: false,
      failure: { kind: 'permanent', cms: 1, reason: 'The recipient number does not exist.' },
    });
  });

  it('reports a message whose answer never came as ambiguous, not sent and not failed', async () => {
    rig = makeRig([
      { profile: 'generic', msisdn: ME },
      { profile: 'generic', msisdn: PEER },
    ]);
    const modem = rig.modem(0, { submitTimeoutMs: 300 });
    await modem.open();
    rig.emulator.network.injectSubmitFault({ kind: 'swallow-answer' });
    const result = await modem.send({ to: PEER, text: 'did it go?' });
    expect(result).toMatchObject({ ok: false, sent: [], failure: { kind: 'ambiguous', code: 'AT_TIMEOUT', part: 1 } });
    expect(rig.emulator.network.events.filter((e) => e.kind === 'submit')).toHaveLength(1); // it did reach the network
  });

  it('stops a multi-part message at the failing part and says which parts went', async () => {
    rig = makeRig([{ profile: 'generic', msisdn: ME }]);
    const modem = rig.modem(0);
    await modem.open();
    const network = rig.emulator.network;
    // The first part goes through; the network refuses the second.
    const original = network.submit.bind(network);
    let n = 0;
    network.submit = (from, tpdu, done) => (++n === 2 ? done({ ok: false, cms: 38 }) : original(from, tpdu, done));
    const result = await modem.send({ to: PEER, text: 'Part of a long text. '.repeat(10) });
    expect(result).toMatchObject({ ok: false, sent: [{ part: 1, total: 2, mr: 0 }], failure: { kind: 'transient', part: 2, cms: 38 } });
  });

  it('passes flash, status report and validity through to the network', async () => {
    rig = makeRig([{ profile: 'generic', msisdn: ME }]);
    const modem = rig.modem(0);
    await modem.open();
    const result = await modem.send({
      to: PEER,
      text: 'Look now',
      flash: true,
      statusReport: true,
      validity: { type: 'relative', minutes: 60 },
    });
    expect(result.ok).toBe(true);
    const { decodePdu } = await import('../pdu/index');
    const submit = rig.emulator.network.events.find((e) => e.kind === 'submit');
    const decoded = decodePdu(submit && submit.kind === 'submit' ? submit.tpdu : '', { smsc: 'absent' });
    expect(decoded.type === 'submit' && decoded.dcs.messageClass).toBe(0);
    expect(decoded.type === 'submit' && decoded.statusReportRequest).toBe(true);
    expect(decoded.type === 'submit' && decoded.validity).toEqual({ type: 'relative', minutes: 60 });
  });

  it('refuses to send while offline, and a message that cannot be encoded, without touching the modem', async () => {
    rig = makeRig([{ profile: 'generic', msisdn: ME }]);
    const modem = rig.modem(0);
    expect(await modem.send({ to: PEER, text: 'x' })).toMatchObject({ ok: false, failure: { kind: 'transient', code: 'OFFLINE' } });
    await modem.open();
    expect(await modem.send({ to: 'not a number', text: 'x' })).toMatchObject({
      ok: false,
      failure: { kind: 'permanent', code: 'PDU_ENCODE' },
    });
  });

  it('unplugged during a send: the part is not reported sent', async () => {
    rig = makeRig([
      { profile: 'generic', msisdn: ME },
      { profile: 'generic', msisdn: PEER },
    ]);
    const modem = rig.modem(0);
    await modem.open();
    const vm = rig.emulator.modems[0]!;
    vm.extraDelayMs = 200; // the answer is slow to come, and the cable goes first
    const sending = modem.send({ to: PEER, text: 'pulled' });
    await waitFor(() => rig!.emulator.network.events.some((e) => e.kind === 'submit'), 'the submit');
    vm.unplug();
    const result = await sending;
    expect(result).toMatchObject({ ok: false, sent: [], failure: { kind: 'ambiguous', code: 'AT_PORT_CLOSED' } });
    await waitFor(() => modem.state === 'offline', 'offline');
  });
});

describe('receiving faults', () => {
  it('keeps a message on the modem while the handler fails, and hands it over again later', async () => {
    rig = makeRig([{ profile: 'generic', msisdn: ME }]);
    const modem = rig.modem(0);
    let failing = true;
    const seen: string[] = [];
    modem.onMessage(async (m) => {
      seen.push(m.sms?.userData.text ?? '');
      if (failing) throw new Error('disk full');
    });
    await modem.open();
    deliverText(rig.emulator, ME, 'keep me');
    await waitFor(() => seen.length === 1, 'first offer');
    await modem.idle();
    expect(rig.emulator.modems[0]!.stores.SM.used).toBe(1);
    failing = false;
    expect(await modem.sweep()).toBe(1);
    expect(seen).toEqual(['keep me', 'keep me']);
    expect(rig.emulator.modems[0]!.stores.SM.used).toBe(0);
  });

  it('acknowledges direct delivery with +CNMA only after the handler confirmed', async () => {
    rig = makeRig([{ profile: 'generic', msisdn: ME }]);
    const modem = rig.modem(0, { receive: 'direct' });
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const seen: string[] = [];
    modem.onMessage(async (m) => {
      seen.push(m.sms?.userData.text ?? '');
      await gate;
    });
    await modem.open();
    expect(modem.setup?.cnmi.receive).toBe('direct');
    const tx = () => modem.channel!.trace.entries().filter((e) => e.dir === 'tx' && e.text.startsWith('AT+CNMA'));
    deliverText(rig.emulator, ME, 'straight to you');
    await waitFor(() => seen.length === 1, 'the +CMT');
    expect(tx()).toHaveLength(0); // not yet: the archive has not confirmed
    expect(rig.emulator.modems[0]!.stores.SM.used).toBe(0);
    release();
    await modem.idle();
    expect(tx()).toHaveLength(1);
    expect(rig.emulator.modems[0]!.log).not.toContain('no +CNMA in time: routing to the TE disabled');
  });

  it('empties a full SIM the safe way, and the messages the network held then arrive', async () => {
    rig = makeRig([
      { profile: 'simcom-sim800', msisdn: ME },
      { profile: 'generic', msisdn: PEER },
    ]);
    const vm = rig.emulator.modems[0]!;
    vm.state.cnmi = [2, 1, 0, 0, 0];
    for (let i = 0; i < vm.stores.SM.capacity; i++) deliverText(rig.emulator, ME, `old ${i}`);
    expect(vm.stores.SM.isFull).toBe(true);
    // network.injectDeliver drops what a full modem refuses, so the held message is sent the way a phone sends it.
    const peer = rig.modem(1, { sweepOnOpen: false });
    await peer.open();
    expect((await peer.send({ to: ME, text: 'waiting at the network' })).ok).toBe(true);
    await waitFor(() => rig!.emulator.network.waitingFor(ME) === 1, 'the network to hold it');
    const modem = rig.modem(0);
    const got = collect(modem);
    await modem.open();
    await got.messagesReach(31);
    expect(got.messages.at(-1)?.sms?.userData.text).toBe('waiting at the network');
    expect(vm.stores.SM.used).toBe(0);
    expect(rig.emulator.network.waitingFor(ME)).toBe(0);
  });

  it('unplugged during a receive: the message stays on the SIM and is handed over after the replug', async () => {
    rig = makeRig([{ profile: 'generic', msisdn: ME }]);
    const vm = rig.emulator.modems[0]!;
    const modem = rig.modem(0);
    const seen: string[] = [];
    let hold = true;
    modem.onMessage(async (m) => {
      seen.push(m.sms?.userData.text ?? '');
      if (hold) {
        vm.unplug(); // the cable goes while the archive is still writing
        throw new Error('interrupted');
      }
    });
    await modem.open();
    deliverText(rig.emulator, ME, 'do not lose me');
    await waitFor(() => modem.state === 'offline', 'offline');
    expect(vm.stores.SM.used).toBe(1);
    hold = false;
    vm.replug();
    await waitFor(() => modem.state === 'ready', 'ready again', 8_000);
    await waitFor(() => seen.length === 2, 'second offer');
    await modem.idle();
    expect(seen).toEqual(['do not lose me', 'do not lose me']);
    expect(vm.stores.SM.used).toBe(0);
    expect(vm.state.cnmi).toEqual([...modem.setup!.cnmi.values]); // re-initialised after the power cycle
  });

  it('survives line noise', async () => {
    rig = makeRig([{ profile: 'generic', msisdn: ME }]);
    const vm = rig.emulator.modems[0]!;
    const modem = rig.modem(0);
    const got = collect(modem);
    await modem.open();
    vm.injectNoise(new Uint8Array([0x00, 0xff, 0x7e, 0x0d, 0x0a, 0x41, 0x0d, 0x0a]));
    vm.injectNoise(new TextEncoder().encode('\r\n+XYZ: junk\r\n'));
    deliverText(rig.emulator, ME, 'through the noise');
    await got.messagesReach(1);
    expect(got.messages[0]!.sms?.userData.text).toBe('through the noise');
    expect((await modem.send({ to: PEER, text: 'and back' })).ok).toBe(true);
  });
});

describe('recovery', () => {
  it('breaks out of a "> " prompt a crashed program left open', async () => {
    rig = makeRig([{ profile: 'generic', msisdn: ME }]);
    const binding = rig.emulator.binding() as unknown as SerialBinding;
    const port = await openSerialTransport(rig.noticesPath(0), 115200, binding);
    await port.write(new TextEncoder().encode('AT+CMGS=23\r0011000B91'));
    await port.close();
    const modem = rig.modem(0);
    const id = await modem.open();
    expect(id.imei).toBe(rig.emulator.modems[0]!.subscriber.imei);
    expect(modem.identity?.manufacturer).toBe('SMSDesk');
  });

  it('detects a hung modem, reopens without AT+CFUN=1,1, and resumes after a power cycle', async () => {
    rig = makeRig([{ profile: 'generic', msisdn: ME }]);
    const vm = rig.emulator.modems[0]!;
    const modem = rig.modem(0, { pollMs: 100, pollTimeoutMs: 300, hungAfter: 2, syncTimeoutMs: 200 });
    const written: string[] = [];
    await modem.open();
    const watchTx = () => modem.channel?.trace.onEntry((e) => e.dir === 'tx' && written.push(e.text));
    let sub = watchTx();
    vm.hang();
    await waitFor(() => modem.state === 'offline', 'offline', 8_000);
    expect(modem.error?.code).toBe('NOT_RESPONDING');
    sub?.dispose();
    vm.unplug();
    vm.replug();
    await waitFor(() => modem.state === 'ready', 'ready', 8_000);
    sub = watchTx();
    expect(written.some((t) => /CFUN/i.test(t))).toBe(false);
    expect(vm.log.some((l) => /CFUN/i.test(l))).toBe(false);
    sub?.dispose();
  });

  it('follows the IMEI to a renumbered port', async () => {
    rig = makeRig([
      { profile: 'huawei-e173', msisdn: ME },
      { profile: 'generic', msisdn: PEER },
    ]);
    const supervisor = new ModemSupervisor({ list: rig.list, opener: rig.opener, modem: { ...FAST }, probe: { timeoutMs: 500 } });
    extra.push(() => supervisor.dispose());
    const added = await supervisor.scan();
    expect(added.map((m) => [m.identity?.imei, m.path, m.state])).toEqual([
      [rig.emulator.modems[0]!.subscriber.imei, 'emu0.2', 'ready'],
      [rig.emulator.modems[1]!.subscriber.imei, 'emu1.0', 'ready'],
    ]);
    const huawei = added[0]!;
    const got = collect(huawei);
    const vm = rig.emulator.modems[0]!;
    vm.unplug();
    await waitFor(() => huawei.state === 'offline', 'offline');
    vm.replug('usb7.'); // the stick comes back as other devices
    await waitFor(() => huawei.state === 'ready', 'ready on the new port', 10_000);
    expect(huawei.path).toBe('usb7.2');
    deliverText(rig.emulator, ME, 'after renumbering');
    await got.messagesReach(1);
    expect(got.messages[0]!.sms?.userData.text).toBe('after renumbering');
    expect(added[1]!.state).toBe('ready'); // the other modem was left alone
  });
});

describe('monitoring', () => {
  it('follows registration notices and polls signal and operator', async () => {
    rig = makeRig([{ profile: 'huawei-e173', msisdn: ME }]);
    const vm = rig.emulator.modems[0]!;
    const modem = rig.modem(0, { pollMs: 50 });
    const seen: string[] = [];
    modem.onStatus((s) => seen.push(`${s.registration?.status}/${s.signal?.rssi}`));
    await modem.open();
    vm.setRegistration({ stat: 5, lac: 0x1234, ci: 0x42 });
    await waitFor(() => modem.status.registration?.status === 'roaming', 'the +CREG notice');
    expect(modem.status.registration).toMatchObject({ kind: 'CREG', lac: 0x1234, ci: 0x42 });
    vm.setSignal(9);
    await waitFor(() => modem.status.signal?.rssi === 9, 'the next poll');
    expect(modem.status.signal?.dbm).toBe(-95);
    expect(seen).toContain('roaming/9');
  });
});
