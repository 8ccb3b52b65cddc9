/**
 * The mailbox's own SMS, end to end over the emulator's GSM network: the server hands jobs
 * to a real gateway station (Station + StationLink on a virtual modem) and people hold
 * virtual handsets. The server's clock is moved by hand, so "inside the window" and "outside
 * it" are exact minutes, not sleeps.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../../main/station/testing';
import { HOUR } from '../domain/clock';
import { DIALECTS, useBackends } from '../test/backends';
import { GATEWAY_NUMBER, startGatewayWorld, type GatewayWorld } from '../test/gateway-world';
import { codeIn } from '../test/station-client';

const backends = useBackends();
beforeAll(() => backends.start());
afterAll(() => backends.stop());

const ALICE = '+491555000010';
const BOB = '+491555000020';
const CAROL = '+491555000030';
/** A Thursday, 10:00 in Berlin (UTC+1 in January). */
const THURSDAY_10_BERLIN = Date.UTC(2026, 0, 15, 9, 0);

describe.each(DIALECTS)('mailbox SMS through a gateway station on %s', (dialect) => {
  let world: GatewayWorld | undefined;
  afterEach(async () => {
    await world?.cleanup();
    world = undefined;
  });

  const notices = (w: GatewayWorld, number: string): string[] => w.fromGateway(number).filter((t) => t.includes('waiting in your mailbox'));

  it('a notification rule fires only inside its window: a message at 10:00 reaches the handset, one at 20:00 does not', async () => {
    const w = (world = await startGatewayWorld(backends, dialect, { handsets: [ALICE, BOB], start: THURSDAY_10_BERLIN }));
    const alice = await w.login(ALICE);
    const bob = await w.login(BOB);
    // Office hours in Bob's own time zone, every new message.
    const rule = { from: [], windowStartMin: 9 * 60, windowEndMin: 17 * 60, utcOffsetMin: 60, minUnread: 1, dailyCap: 5 };
    expect((await w.call('PUT', '/v1/notifications', { rules: [rule] }, bob)).status).toBe(204);
    const send = async (clientId: string): Promise<void> => {
      const res = await w.call('POST', '/v1/messages', { clientId, to: [BOB], text: 'Private words' }, alice);
      expect(res.body.deliveries).toEqual([expect.objectContaining({ channel: 'internet' })]);
    };

    await send('inside');
    const first = await until(() => notices(w, BOB)[0], 'the notice on Bob’s handset', 15_000);
    expect(first).toBe(`SMSDesk: 1 new message waiting in your mailbox (latest from ${ALICE}).`);
    await w.settled();

    // 20:00 in Berlin: the send is answered after its transaction, notice decision included.
    w.clock.advance(10 * HOUR);
    await send('outside');
    await w.settled();
    expect(await w.server.internals.ctx.db.all("SELECT id FROM jobs WHERE kind = 'notification'")).toHaveLength(1);

    // The next morning, inside again. The handset hears of three waiting, and never of two:
    // the 20:00 message made no SMS, not even a late one.
    w.clock.advance(14 * HOUR);
    await send('next-morning');
    await until(() => notices(w, BOB).length === 2, 'the second notice', 15_000);
    await w.settled();
    expect(notices(w, BOB)).toEqual([
      `SMSDesk: 1 new message waiting in your mailbox (latest from ${ALICE}).`,
      `SMSDesk: 3 new messages waiting in your mailbox (latest from ${ALICE}).`,
    ]);
    for (const text of w.fromGateway(BOB)) expect(text).not.toContain('Private words');
  });

  it('an invitation answered "Yes" from the handset is confirmed by SMS with a code that logs the invitee in', async () => {
    const w = (world = await startGatewayWorld(backends, dialect, { handsets: [ALICE, CAROL], start: THURSDAY_10_BERLIN }));
    const alice = await w.login(ALICE);
    expect((await w.call('POST', '/v1/invitations', { number: CAROL }, alice)).body.status).toBe('pending');
    const invitation = await until(() => w.fromGateway(CAROL)[0], 'the invitation on Carol’s handset', 15_000);
    expect(invitation).toContain(`${ALICE} invites you to SMSDesk`);

    await w.handset(CAROL).send(GATEWAY_NUMBER, 'Yes');
    const welcome = await until(() => w.fromGateway(CAROL)[1], 'the confirmation on Carol’s handset', 15_000);
    expect(welcome).toMatch(/^Welcome to SMSDesk\. Log in with this number and code \d{6}\./);
    const invitations = (await w.call('GET', '/v1/invitations', undefined, alice)).body.invitations;
    expect(invitations).toEqual([expect.objectContaining({ number: CAROL, status: 'accepted' })]);
    // Carol's answer shows in Alice's thread with her.
    const inbox = (await w.call('GET', '/v1/changes', undefined, alice)).body.items;
    expect(inbox).toEqual([expect.objectContaining({ direction: 'in', from: CAROL, text: 'Yes' })]);

    const login = await w.call('POST', '/v1/auth/login', { number: CAROL, code: codeIn(welcome), device: 'Carol’s phone' });
    expect(login.status).toBe(200);
    await w.settled();
    expect(w.fromGateway(CAROL)).toHaveLength(2);
  });
});
