import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBackends } from '../test/backends';
import type { Db } from './db';
import { migrate } from './migrate';
import { PgDb } from './pg-db';
import { sendInOneTrip, type OneTripSend } from './pg-send';

const backends = useBackends();
beforeAll(() => backends.start());
afterAll(() => backends.stop());

const ALICE = '+14155550101';
const BOB = '+14155550102';
const CAROL = '+14155550103';

async function account(db: Db, number: string, registered: boolean): Promise<number> {
  const row = await db.one<{ id: number }>('INSERT INTO accounts (number, created_at, registered_at) VALUES ($1, 1, $2) RETURNING id', [
    number,
    registered ? 1 : null,
  ]);
  if (row === undefined) throw new Error('no account');
  return row.id;
}

async function counts(db: Db): Promise<Record<string, number>> {
  const row = await db.one<Record<string, number>>(
    `SELECT (SELECT count(*) FROM messages)::int AS messages, (SELECT count(*) FROM deliveries)::int AS deliveries,
            (SELECT count(*) FROM mailbox)::int AS mailbox, (SELECT sum(change_seq) FROM accounts)::int AS states`,
  );
  return row ?? {};
}

describe('one-statement send on PostgreSQL', () => {
  const send = (senderAccountId: number, over: Partial<OneTripSend> = {}): OneTripSend => ({
    senderAccountId,
    senderNumber: ALICE,
    clientId: 'c-1',
    text: 'hello',
    recipients: [BOB],
    now: 1_000,
    sentRank: 1,
    notifyChannel: undefined,
    ...over,
  });

  it('writes the message, its deliveries and both mailbox entries under fresh states', async () => {
    const db = await backends.fresh('pg');
    await migrate(db);
    const alice = await account(db, ALICE, true);
    const bob = await account(db, BOB, true);
    const carol = await account(db, CAROL, true);
    const first = await sendInOneTrip(db, send(alice, { recipients: [BOB, CAROL] }));
    const second = await sendInOneTrip(db, send(alice, { clientId: 'c-2', recipients: [BOB] }));
    expect(first?.states).toEqual(
      new Map([
        [alice, 1],
        [bob, 1],
        [carol, 1],
      ]),
    );
    expect(second?.states).toEqual(
      new Map([
        [alice, 2],
        [bob, 2],
      ]),
    );
    expect(await db.all('SELECT recipient_number, recipient_account_id, channel, status FROM deliveries ORDER BY id')).toEqual([
      { recipient_number: BOB, recipient_account_id: bob, channel: 'internet', status: 'sent' },
      { recipient_number: CAROL, recipient_account_id: carol, channel: 'internet', status: 'sent' },
      { recipient_number: BOB, recipient_account_id: bob, channel: 'internet', status: 'sent' },
    ]);
    expect(await db.all('SELECT account_id, message_id, direction, seq FROM mailbox ORDER BY seq, account_id')).toEqual([
      { account_id: alice, message_id: first?.messageId, direction: 'out', seq: 1 },
      { account_id: bob, message_id: first?.messageId, direction: 'in', seq: 1 },
      { account_id: carol, message_id: first?.messageId, direction: 'in', seq: 1 },
      { account_id: alice, message_id: second?.messageId, direction: 'out', seq: 2 },
      { account_id: bob, message_id: second?.messageId, direction: 'in', seq: 2 },
    ]);
  });

  it('writes nothing and leaves the send to the general path for a repeat, an unregistered recipient or notification rules', async () => {
    const db = await backends.fresh('pg');
    await migrate(db);
    const alice = await account(db, ALICE, true);
    const bob = await account(db, BOB, true);
    await account(db, CAROL, false);
    expect(await sendInOneTrip(db, send(alice))).toBeDefined();
    const before = await counts(db);
    expect(await sendInOneTrip(db, send(alice))).toBeUndefined(); // the same client id again
    expect(await sendInOneTrip(db, send(alice, { clientId: 'c-2', recipients: [BOB, CAROL] }))).toBeUndefined(); // Carol never logged in
    expect(await sendInOneTrip(db, send(alice, { clientId: 'c-3', recipients: ['+14155550199'] }))).toBeUndefined(); // no account at all
    await db.run(
      "INSERT INTO notification_rules (account_id, from_numbers, window_start_min, window_end_min, utc_offset_min, min_unread, daily_cap) VALUES ($1, '[]', 0, 1440, 0, 1, 1)",
      [bob],
    );
    expect(await sendInOneTrip(db, send(alice, { clientId: 'c-4' }))).toBeUndefined(); // Bob has rules
    expect(await counts(db)).toEqual(before);
  });

  it('announces the new states on the channel at commit when asked', async () => {
    const url = await backends.freshPgUrl();
    const db = new PgDb(url);
    try {
      await migrate(db);
      const alice = await account(db, ALICE, true);
      const bob = await account(db, BOB, true);
      const listener = await db.connectDedicated();
      const heard: string[] = [];
      listener.on('notification', (m) => heard.push(m.payload ?? ''));
      await listener.query('LISTEN smsdesk_test');
      await sendInOneTrip(db, send(alice, { notifyChannel: 'smsdesk_test' }));
      await new Promise((r) => setTimeout(r, 100));
      await listener.end();
      expect(heard.map((p) => JSON.parse(p) as unknown)).toEqual(
        expect.arrayContaining([
          { type: 'mailbox', accountId: alice, state: 1 },
          { type: 'mailbox', accountId: bob, state: 1 },
        ]),
      );
      expect(heard).toHaveLength(2);
    } finally {
      await db.close();
    }
  });
});
