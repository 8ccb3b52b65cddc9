/**
 * `onMessageRemoved`: the driver says when a received SMS is gone from the modem (its slot
 * deleted, its direct delivery acknowledged), and only then. The archive keys "the same SMS
 * read again" on it: an identical PDU after that is another SMS.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { collect, deliverText, makeRig, waitFor, type Rig } from './testing';
import type { ReceivedMessage } from './receive';

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.cleanup();
  rig = undefined;
});

const ME = '+4915550000001';

describe('a received SMS leaves the modem', () => {
  it('is reported removed after AT+CMGD, with the origin and PDU it was handed over with', async () => {
    rig = makeRig([{ profile: 'generic', msisdn: ME }]);
    const modem = rig.modem(0);
    const got = collect(modem);
    const removed: ReceivedMessage[] = [];
    modem.onMessageRemoved((m) => removed.push(m));
    await modem.open();
    deliverText(rig.emulator, ME, 'gone after the delete');
    await got.messagesReach(1);
    expect(rig.emulator.modems[0]!.stores.SM.used).toBe(0);
    expect(removed).toEqual([got.messages[0]]);
    expect(removed[0]!.origin).toEqual({ via: 'stored', storage: 'SM', index: 1 });
  });

  it('is not reported removed while the handler refused it: it stays on the modem', async () => {
    rig = makeRig([{ profile: 'generic', msisdn: ME }]);
    const modem = rig.modem(0);
    const got = collect(modem, { fail: true });
    const removed: ReceivedMessage[] = [];
    modem.onMessageRemoved((m) => removed.push(m));
    await modem.open();
    deliverText(rig.emulator, ME, 'kept on the modem');
    await got.messagesReach(1);
    expect(rig.emulator.modems[0]!.stores.SM.used).toBe(1);
    expect(removed).toEqual([]);
  });

  it('is reported removed after AT+CNMA for a direct delivery', async () => {
    rig = makeRig([{ profile: 'generic', msisdn: ME }]);
    const modem = rig.modem(0, { receive: 'direct' });
    const got = collect(modem);
    const removed: ReceivedMessage[] = [];
    modem.onMessageRemoved((m) => removed.push(m));
    await modem.open();
    expect(modem.setup?.cnmi.receive).toBe('direct');
    deliverText(rig.emulator, ME, 'acknowledged');
    await got.messagesReach(1);
    await waitFor(() => removed.length === 1, 'the removal');
    const cnma = modem.channel!.trace.entries().filter((e) => e.dir === 'tx' && e.text.startsWith('AT+CNMA'));
    expect(cnma.length).toBe(modem.setup?.cnma ? 1 : 0);
    expect(removed[0]).toBe(got.messages[0]);
    expect(removed[0]!.origin).toEqual({ via: 'direct' });
  });
});
