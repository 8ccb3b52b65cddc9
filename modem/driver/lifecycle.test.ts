/** Every flow of a modem's life against the emulator, through its serialport binding, for each quirk profile. */
import { describe, expect, it, onTestFinished } from 'vitest';
import type { ProfileId } from '../emulator/profiles';
import { collect, deliverText, makeRig, waitFor } from './testing';

const PROFILES: readonly ProfileId[] = [
  'generic',
  'huawei-e173',
  'simcom-sim800',
  'simcom-sim7600',
  'quectel-ec25',
  'wavecom-fastrack',
  'phone',
];

/** What each family should end up with: quirk record, +CNMI routing. */
const EXPECTED: Record<ProfileId, { quirks: string; receive: string; reports: string; store: string }> = {
  generic: { quirks: 'standard', receive: 'store', reports: 'store', store: 'SM' },
  'huawei-e173': { quirks: 'huawei', receive: 'store', reports: 'direct', store: 'SM' },
  'simcom-sim800': { quirks: 'simcom', receive: 'store', reports: 'direct', store: 'SM' },
  'simcom-sim7600': { quirks: 'simcom', receive: 'store', reports: 'direct', store: 'SM' },
  'quectel-ec25': { quirks: 'quectel', receive: 'store', reports: 'store', store: 'SM' },
  'wavecom-fastrack': { quirks: 'wavecom', receive: 'store', reports: 'direct', store: 'SM' },
  phone: { quirks: 'standard', receive: 'store', reports: 'none', store: 'ME' },
};

/** A fresh emulator world per test, cleaned up when the test ends (tests of a profile run concurrently). */
function useRig(...args: Parameters<typeof makeRig>) {
  const rig = makeRig(...args);
  onTestFinished(() => rig.cleanup());
  return rig;
}

describe.concurrent('every profile at once', () => {
  describe.concurrent.each(PROFILES)('modem life on %s', (profile) => {
    it('opens, identifies, sets up SMS and reads the network', async () => {
      const rig = useRig([{ profile, msisdn: '+4915550000001' }]);
      const modem = rig.modem(0);
      const states: string[] = [];
      modem.onStateChange((s) => states.push(s));
      const id = await modem.open();
      const vm = rig.emulator.modems[0]!;
      expect(id.imei).toBe(vm.subscriber.imei);
      expect(id.manufacturer).toBe(vm.profile.manufacturer);
      expect(id.model).toBe(vm.profile.model);
      expect(id.imsi).toBe(vm.subscriber.imsi);
      expect(id.iccid).toBe(vm.subscriber.iccid);
      expect(id.ownNumber).toBe('+4915550000001');
      expect(modem.quirks?.id).toBe(EXPECTED[profile].quirks);
      expect(modem.setup?.cnmi.receive).toBe(EXPECTED[profile].receive);
      expect(modem.setup?.cnmi.reports).toBe(EXPECTED[profile].reports);
      expect(modem.setup?.storage.receive).toBe(EXPECTED[profile].store);
      expect(modem.setup?.smsc).toBe('+99900000000');
      expect(vm.state.cmgf).toBe(0);
      expect(vm.state.cnmi).toEqual([...modem.setup!.cnmi.values]);
      expect(modem.status.signal?.rssi).toBe(21);
      expect(modem.status.registration?.status).toBe('home');
      expect(modem.status.operator).toBe('SMSDesk Net');
      expect(states).toEqual(['connecting', 'ready']);
    });

    it('receives an SMS, hands it over, and deletes it only after the handler confirmed', async () => {
      const rig = useRig([{ profile, msisdn: '+4915550000001' }]);
      const modem = rig.modem(0);
      const got = collect(modem);
      await modem.open();
      deliverText(rig.emulator, '+4915550000001', 'Hello from the network');
      await got.messagesReach(1);
      const m = got.messages[0]!;
      expect(m.sms?.userData.text).toBe('Hello from the network');
      expect(m.sms?.address.text).toBe('+491701234567');
      expect(m.origin).toEqual({ via: 'stored', storage: EXPECTED[profile].store, index: 1 });
      const store = rig.emulator.modems[0]!.stores[EXPECTED[profile].store as 'SM' | 'ME'];
      expect(store.used).toBe(0);
    });

    it('sends to another modem, returns the TP-MR per part, and the peer receives both parts', async () => {
      const rig = useRig([
        { profile, msisdn: '+4915550000001' },
        { profile: 'generic', msisdn: '+4915550000002' },
      ]);
      const sender = rig.modem(0);
      const peer = rig.modem(1);
      const got = collect(peer);
      await Promise.all([sender.open(), peer.open()]);
      const text = 'A long message. '.repeat(12); // 192 characters: two parts
      const result = await sender.send({ to: '+4915550000002', text });
      expect(result).toEqual({
        ok: true,
        parts: [
          { part: 1, total: 2, mr: 0 },
          { part: 2, total: 2, mr: 1 },
        ],
      });
      await got.messagesReach(2);
      expect(got.messages.map((m) => m.sms?.userData.concat?.part)).toEqual([1, 2]);
      expect(got.messages.map((m) => m.sms?.userData.text).join('')).toBe(text);
    });

    it('sweeps messages that arrived while SMSDesk was closed', async () => {
      const rig = useRig([{ profile, msisdn: '+4915550000001' }]);
      const vm = rig.emulator.modems[0]!;
      vm.state.cnmi = [2, 1, 0, 0, 0]; // the modem stores them; nobody is listening
      deliverText(rig.emulator, '+4915550000001', 'first while away');
      deliverText(rig.emulator, '+4915550000001', 'second while away');
      const store = vm.stores[EXPECTED[profile].store as 'SM' | 'ME'];
      expect(store.used).toBe(2);
      const modem = rig.modem(0);
      const got = collect(modem);
      await modem.open();
      await got.messagesReach(2);
      expect(got.messages.map((m) => m.sms?.userData.text).sort()).toEqual(['first while away', 'second while away']);
      expect(store.used).toBe(0);
    });

    it('runs USSD: a balance query and a menu with an answer', async () => {
      const rig = useRig([{ profile, msisdn: '+4915550000001' }]);
      const modem = rig.modem(0);
      await modem.open();
      const balance = await modem.ussd('*100#');
      expect(await balance.next()).toMatchObject({ status: 'done', text: 'Your balance is 12.34 EUR, valid until 31.12.2026.' });
      expect(balance.open).toBe(false);
      const menu = await modem.ussd('*123#');
      expect(await menu.next()).toMatchObject({ status: 'action-required', text: '1 Balance\n2 Data bundles\n0 Exit' });
      expect(await menu.answer('1')).toMatchObject({ status: 'done', text: 'Your balance is 12.34 EUR.' });
      const cancelled = await modem.ussd('*123#');
      await cancelled.next();
      await cancelled.cancel();
      expect(cancelled.open).toBe(false);
    });

    it('shows who calls and refuses the call', async () => {
      const rig = useRig([{ profile, msisdn: '+4915550000001' }]);
      const modem = rig.modem(0);
      const events: string[] = [];
      modem.onCall((e) => events.push(e.kind === 'caller-id' ? `caller ${e.caller.number}` : e.kind));
      await modem.open();
      rig.emulator.network.call('+4930123456', '+4915550000001');
      await waitFor(() => events.includes('caller +4930123456'), 'caller id');
      await modem.rejectCall();
      expect(events.slice(0, 2)).toEqual(['ring', 'caller +4930123456']);
      expect(rig.emulator.modems[0]!.log).toContain('call from +4930123456 rejected');
    });
  });

  const WITH_REPORTS = PROFILES.filter((p) => EXPECTED[p].reports !== 'none');

  describe.concurrent.each(WITH_REPORTS)('status reports on %s', (profile) => {
    it('asks for a status report and hands it over with the TP-MR of the sent part', async () => {
      const rig = useRig([
        { profile, msisdn: '+4915550000001' },
        { profile: 'generic', msisdn: '+4915550000002' },
      ]);
      const sender = rig.modem(0);
      const peer = rig.modem(1);
      const out = collect(sender);
      collect(peer);
      await Promise.all([sender.open(), peer.open()]);
      const result = await sender.send({ to: '+4915550000002', text: 'Report please', statusReport: true });
      expect(result.ok).toBe(true);
      await out.reportsReach(1);
      const r = out.reports[0]!;
      expect(r.report?.messageReference).toBe(result.ok ? result.parts[0]!.mr : -1);
      expect(r.report?.outcome).toBe('delivered');
      expect(r.report?.address.text).toBe('+4915550000002');
      const vm = rig.emulator.modems[0]!;
      expect(vm.stores.SR.used + vm.stores.SM.used).toBe(0); // deleted after the handler confirmed
    });
  });

  describe('status reports on a phone', () => {
    it('sets up no report routing where the phone offers none (+CNMI ds=0 only)', async () => {
      const rig = useRig([{ profile: 'phone', msisdn: '+4915550000001' }]);
      const modem = rig.modem(0);
      await modem.open();
      expect(modem.setup?.cnmi.values).toEqual([2, 1, 0, 0, 0]);
    });
  });
});
