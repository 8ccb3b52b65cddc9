import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../domain/clock';
import { DIALECTS, useBackends } from '../test/backends';
import { startHarness, type Harness } from '../test/harness';
import { addStation } from '../domain/stations';
import { codeIn, TestStation } from '../test/station-client';

const backends = useBackends();
beforeAll(() => backends.start());
afterAll(() => backends.stop());

const ALICE = '+14155550101';
const BOB = '+14155550102';
const CAROL = '+14155550103';
const DAVE = '+14155550104';

describe.each(DIALECTS)('invitations answered by SMS keywords on %s', (dialect) => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });

  /** SMS jobs queued for `to`, oldest first. */
  async function jobs(to: string): Promise<{ kind: string; body: string }[]> {
    return h.server.internals.ctx.db.all('SELECT kind, body FROM jobs WHERE to_number = $1 AND kind <> $2 ORDER BY id', [to, 'login-code']);
  }

  let uploads = 0;
  /** The gateway station uploads an SMS it received from `from`; resolves once the server acknowledged it. */
  async function smsFrom(from: string, text: string): Promise<void> {
    const id = `sim-${++uploads}`;
    h.station.send({ v: 1, type: 'received', id, from, text, receivedAt: h.clock.now() });
    await h.station.next((f) => f.type === 'ack' && f.of === 'received' && f.ref === id);
  }

  async function invitations(token: string): Promise<{ number: string; status: string }[]> {
    return (await h.call('GET', '/v1/invitations', undefined, token)).body.invitations;
  }

  async function inbox(token: string): Promise<{ direction: string; from: string; text: string }[]> {
    return (await h.call('GET', '/v1/changes', undefined, token)).body.items;
  }

  it('invites once by SMS; a "Yes!" accepts, confirms with a first-login code and lands in the inviter’s thread', async () => {
    h = await startHarness(backends, dialect);
    const alice = await h.login(ALICE);
    const first = await h.call('POST', '/v1/invitations', { number: '(415) 555-0103' }, alice);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ number: CAROL, status: 'pending', answeredAt: null });
    const again = await h.call('POST', '/v1/invitations', { number: CAROL }, alice);
    expect(again.body.id).toBe(first.body.id);

    const invitation = await h.station.nextSms(CAROL, 'invite');
    expect(invitation.text).toBe(
      `${ALICE} invites you to SMSDesk, where your phone number is your mailbox. Reply YES to join or NO to decline.`,
    );
    expect(await jobs(CAROL)).toHaveLength(1);

    await smsFrom(CAROL, '  Yes! ');
    expect(await invitations(alice)).toEqual([expect.objectContaining({ number: CAROL, status: 'accepted' })]);
    const confirmation = await h.station.nextSms(CAROL, 'invite-answer');
    expect(confirmation.text).toMatch(new RegExp(`^Welcome to SMSDesk\\. Log in with this number and code \\d{6}\\. \\${ALICE} can now`));
    expect(await inbox(alice)).toEqual([expect.objectContaining({ direction: 'in', from: CAROL, text: '  Yes! ' })]);

    const login = await h.call('POST', '/v1/auth/login', { number: CAROL, code: codeIn(confirmation.text), device: 'phone' });
    expect(login.status).toBe(200);

    // Answered: a second "yes" is no answer to anything and costs no SMS.
    await smsFrom(CAROL, 'yes');
    expect((await jobs(CAROL)).map((j) => j.kind)).toEqual(['invite', 'invite-answer']);
    // Carol is on SMSDesk now: she is sent messages, not invitations.
    const registered = await h.call('POST', '/v1/invitations', { number: CAROL }, alice);
    expect(registered).toMatchObject({ status: 409, body: { error: { code: 'conflict' } } });
  });

  it('a "不" declines: confirmed, and the inviter may not ask again; another inviter still may', async () => {
    h = await startHarness(backends, dialect);
    const alice = await h.login(ALICE);
    const bob = await h.login(BOB);
    await h.call('POST', '/v1/invitations', { number: CAROL }, alice);
    await h.station.nextSms(CAROL, 'invite');
    await smsFrom(CAROL, '不！');
    expect(await invitations(alice)).toEqual([expect.objectContaining({ status: 'declined' })]);
    expect((await h.station.nextSms(CAROL, 'invite-answer')).text).toBe(`SMSDesk: thank you. ${ALICE} will not invite you again.`);
    const refused = await h.call('POST', '/v1/invitations', { number: CAROL }, alice);
    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'conflict', message: 'This number declined your invitation.' } } });
    expect((await h.call('POST', '/v1/invitations', { number: CAROL }, bob)).body.status).toBe('pending');
    expect((await jobs(CAROL)).map((j) => j.kind)).toEqual(['invite', 'invite-answer', 'invite']);
  });

  it('reads only the operator’s keywords, and names them in the invitation', async () => {
    h = await startHarness(backends, dialect, { policy: { replyKeywords: { accept: ['ja', 'jö'], decline: ['nein'] } } });
    const alice = await h.login(ALICE);
    await h.call('POST', '/v1/invitations', { number: CAROL }, alice);
    expect((await h.station.nextSms(CAROL, 'invite')).text).toContain('Reply JA to join or NEIN to decline.');
    await smsFrom(CAROL, 'yes');
    expect(await invitations(alice)).toEqual([expect.objectContaining({ status: 'pending' })]);
    await smsFrom(CAROL, 'JO.');
    expect(await invitations(alice)).toEqual([expect.objectContaining({ status: 'accepted' })]);
  });

  it('refuses keyword lists that overlap when the server starts', async () => {
    const refused = startHarness(backends, dialect, { policy: { replyKeywords: { accept: ['ok'], decline: ['OK!'] } } });
    await expect(refused).rejects.toThrow('"ok" cannot both accept and decline.');
  });

  it('caps answer confirmations per number per day; the answers still count', async () => {
    h = await startHarness(backends, dialect, { policy: { inviteAnswersPerNumberPerDay: 1 } });
    const alice = await h.login(ALICE);
    const bob = await h.login(BOB);
    await h.call('POST', '/v1/invitations', { number: CAROL }, alice);
    await h.call('POST', '/v1/invitations', { number: CAROL }, bob);
    // The newest invitation is answered first.
    await smsFrom(CAROL, 'ok');
    expect((await invitations(bob))[0]?.status).toBe('accepted');
    expect((await invitations(alice))[0]?.status).toBe('pending');
    await smsFrom(CAROL, 'ok');
    expect((await invitations(alice))[0]?.status).toBe('accepted');
    expect((await jobs(CAROL)).map((j) => j.kind)).toEqual(['invite', 'invite', 'invite-answer']);
  });

  it('lets an invitation expire after 7 days; a late "yes" is an ordinary SMS, and a new invitation may be sent', async () => {
    h = await startHarness(backends, dialect);
    const alice = await h.login(ALICE);
    await h.call('POST', '/v1/invitations', { number: CAROL }, alice);
    h.clock.advance(7 * DAY + 1);
    expect(await invitations(alice)).toEqual([expect.objectContaining({ status: 'expired' })]);
    await smsFrom(CAROL, 'yes');
    expect(await invitations(alice)).toEqual([expect.objectContaining({ status: 'expired' })]);
    expect(await inbox(alice)).toEqual([]);
    const fresh = await h.call('POST', '/v1/invitations', { number: CAROL }, alice);
    expect(fresh.body.status).toBe('pending');
    expect((await invitations(alice)).map((i) => i.status)).toEqual(['pending', 'expired']);
  });

  it('leaves a "yes" to a message that was not an invitation to the conversation: no answer, no confirmation', async () => {
    h = await startHarness(backends, dialect);
    const alice = await h.login(ALICE);
    await h.call('POST', '/v1/messages', { clientId: 'q-1', to: [DAVE], text: 'Lunch on Friday?' }, alice);
    await h.station.nextSms(DAVE, 'invite');
    await smsFrom(DAVE, 'Yes');
    expect((await inbox(alice)).map((i) => [i.direction, i.text])).toEqual([
      ['out', 'Lunch on Friday?'],
      ['in', 'Yes'],
    ]);
    expect((await jobs(DAVE)).map((j) => j.kind)).toEqual(['invite']);
  });

  it('sends one SMS for the same invitation asked three times at once', async () => {
    h = await startHarness(backends, dialect);
    const alice = await h.login(ALICE);
    const asked = await Promise.all([1, 2, 3].map(() => h.call('POST', '/v1/invitations', { number: DAVE }, alice)));
    expect(asked.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(new Set(asked.map((r) => r.body.id)).size).toBe(1);
    expect((await jobs(DAVE)).map((j) => j.kind)).toEqual(['invite']);
  });

  it('answers once when two gateway stations upload the same "yes" at the same moment', async () => {
    h = await startHarness(backends, dialect);
    const alice = await h.login(ALICE);
    await h.call('POST', '/v1/invitations', { number: CAROL }, alice);
    const { token } = await addStation(h.server.internals.ctx.db, 'second gateway');
    const second = await TestStation.connect(h.url, token);
    try {
      const upload = (station: TestStation, id: string) => {
        station.send({ v: 1, type: 'received', id, from: CAROL, text: 'yes', receivedAt: h.clock.now() });
        return station.next((f) => f.type === 'ack' && f.of === 'received' && f.ref === id);
      };
      await Promise.all([upload(h.station, 'one'), upload(second, 'two')]);
    } finally {
      await second.close();
    }
    expect(await invitations(alice)).toEqual([expect.objectContaining({ status: 'accepted' })]);
    expect((await jobs(CAROL)).map((j) => j.kind)).toEqual(['invite', 'invite-answer']);
    // The second copy answered nothing and, with no thread to join, went nowhere.
    expect((await inbox(alice)).map((i) => i.text)).toEqual(['yes']);
  });

  it('refuses to invite your own number or something that is not a number', async () => {
    h = await startHarness(backends, dialect);
    const alice = await h.login(ALICE);
    expect((await h.call('POST', '/v1/invitations', { number: ALICE }, alice)).status).toBe(400);
    expect((await h.call('POST', '/v1/invitations', { number: 'call me' }, alice)).status).toBe(400);
    expect((await h.call('POST', '/v1/invitations', { number: CAROL })).status).toBe(401);
  });
});
