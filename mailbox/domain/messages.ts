import type { DeliveryT, MessageItemT, SendRequestT } from '../protocol/http';
import type { Queryable } from '../store/db';
import { sendInOneTrip } from '../store/pg-send';
import { ensureAccount } from './accounts';
import { changesSince } from './changes';
import { issueCode } from './codes';
import type { MailboxContext } from './context';
import { hit } from './counters';
import { moveDelivery } from './deliveries';
import { MailboxError } from './errors';
import { enqueueJob } from './jobs';
import { fileEntries, type MailboxEntry } from './mailbox-rows';
import type { MailboxEvent } from './notifier';
import { notifyArrival } from './notifications';
import { verifiedStationOf } from './own-stations';
import { countryOf, normaliseNumber, type E164 } from './phone';
import { WINDOW, type Policy } from './policy';
import type { SessionIdentity } from './sessions';
import { serverKey } from './settings';
import { STATUS_RANK, type Channel } from './status';

/**
 * Sends a message to one or more numbers. Registered recipients get it in their mailbox over
 * the internet; anyone else gets an SMS through a gateway station carrying the start of the
 * message and a one-time code (their first login), and finds the whole message waiting.
 *
 * Idempotent by (sender, clientId): sending again returns the message already made, with no
 * second SMS; the same id with different content is a conflict.
 */
export async function sendMessage(ctx: MailboxContext, sender: SessionIdentity, input: SendRequestT): Promise<MessageItemT> {
  const recipients = normaliseRecipients(sender.number, input.to, ctx.policy);
  const now = ctx.clock.now();
  const created = (messageId: number, deliveries: DeliveryT[]): MessageItemT => ({
    serverId: messageId,
    clientId: input.clientId,
    direction: 'out',
    from: sender.number,
    to: [...recipients],
    text: input.text,
    createdAt: now,
    deliveries,
  });
  if (ctx.db.dialect === 'pg' && input.via !== 'own-station') {
    const fast = await oneTripOnPg(ctx, sender, input, recipients, now);
    if (fast !== undefined) {
      const deliveries = recipients.map((number): DeliveryT => ({ number, channel: 'internet', status: 'sent', updatedAt: now }));
      return created(fast, deliveries);
    }
  }
  const outcome = await ctx.db.transaction(async (tx): Promise<{ item?: MessageItemT; serverId: number; events: MailboxEvent[] }> => {
    const inserted = await tx.one<{ id: number }>(
      `INSERT INTO messages (sender_account_id, sender_number, client_id, body, created_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (sender_account_id, client_id) DO NOTHING RETURNING id`,
      [sender.accountId, sender.number, input.clientId, input.text, now],
    );
    if (inserted === undefined) return { serverId: await sameAsBefore(tx, sender, input, recipients), events: [] };
    const messageId = inserted.id;
    if (input.via === 'own-station') {
      const events = await sendThroughOwnStation(tx, ctx.policy, sender, messageId, recipients, input.text, now);
      const queued = recipients.map((number): DeliveryT => ({ number, channel: 'sms', status: 'queued', updatedAt: now }));
      return { item: created(messageId, queued), serverId: messageId, events };
    }
    const entries: MailboxEntry[] = [{ accountId: sender.accountId, messageId, direction: 'out' }];
    const deliveries: DeliveryT[] = [];
    let smsJobs = 0;
    for (const number of recipients) {
      // Whether the recipient has notification rules comes with the account, saving a query
      // per message for the many who have none.
      const account = await tx.one<{ id: number; registered_at: number | null; has_rules: number }>(
        `SELECT a.id, a.registered_at,
                CASE WHEN EXISTS (SELECT 1 FROM notification_rules r WHERE r.account_id = a.id) THEN 1 ELSE 0 END AS has_rules
         FROM accounts a WHERE a.number = $1`,
        [number],
      );
      const registered = account !== undefined && account.registered_at !== null;
      // Everyone gets the message in their mailbox; whoever has never logged in finds it there
      // after the first login with the code the SMS carries.
      const accountId = account?.id ?? (await ensureAccount(tx, number, now));
      const channel: Channel = registered ? 'internet' : 'sms';
      const status = registered ? 'sent' : 'queued';
      const delivery = await tx.one<{ id: number }>(
        `INSERT INTO deliveries (message_id, recipient_number, recipient_account_id, channel, status, status_rank, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [messageId, number, accountId, channel, status, STATUS_RANK[status], now],
      );
      if (delivery === undefined) throw new Error('delivery insert returned nothing');
      entries.push({ accountId, messageId, direction: 'in' });
      deliveries.push({ number, channel, status, updatedAt: now });
      if (!registered) {
        await queueInvite(tx, ctx.policy, sender, number, input.text, delivery.id, now);
        smsJobs++;
      } else if (account.has_rules === 1 && (await notifyArrival(tx, ctx.policy, { accountId, number }, sender.number, now))) {
        smsJobs++;
      }
    }
    const filed = await fileEntries(tx, entries);
    return {
      item: created(messageId, deliveries),
      serverId: messageId,
      events: smsJobs > 0 ? [...filed, { type: 'jobs' } as const] : filed,
    };
  });
  await ctx.notifier.publish(outcome.events);
  // A fresh message is answered from what was just written; a repeat is read back.
  return outcome.item ?? itemFor(ctx.db, sender.accountId, outcome.serverId);
}

/**
 * The common case on PostgreSQL (every recipient registered, no notification rules, a new
 * client id) in one round trip instead of a transaction of several; the new message's id, or
 * undefined when this send needs the general path (which then decides everything afresh).
 */
async function oneTripOnPg(
  ctx: MailboxContext,
  sender: SessionIdentity,
  input: SendRequestT,
  recipients: readonly E164[],
  now: number,
): Promise<number | undefined> {
  const notifyChannel = ctx.notifier.sqlChannel;
  let sent: Awaited<ReturnType<typeof sendInOneTrip>>;
  try {
    sent = await sendInOneTrip(ctx.db, {
      senderAccountId: sender.accountId,
      senderNumber: sender.number,
      clientId: input.clientId,
      text: input.text,
      recipients,
      now,
      sentRank: STATUS_RANK.sent,
      notifyChannel,
    });
  } catch (err) {
    // A deadlock victim wrote nothing; the transaction path retries such aborts.
    if ((err as { code?: unknown }).code === '40P01') return undefined;
    throw err;
  }
  if (sent === undefined) return undefined;
  if (notifyChannel === undefined) {
    await ctx.notifier.publish([...sent.states].map(([accountId, state]) => ({ type: 'mailbox', accountId, state }) as const));
  }
  return sent.messageId;
}

/**
 * "Send from my number": one plain SMS per recipient through the sender's own verified
 * station. Only the sender's own session reaches here, and the station is looked up from the
 * sender's account, never named by the request: nobody else can make that station send.
 */
async function sendThroughOwnStation(
  tx: Queryable,
  policy: Policy,
  sender: SessionIdentity,
  messageId: number,
  recipients: readonly E164[],
  text: string,
  now: number,
): Promise<MailboxEvent[]> {
  const stationId = await verifiedStationOf(tx, sender.accountId);
  for (const number of recipients) {
    if ((await hit(tx, 'own-sms', String(sender.accountId), WINDOW.day, now)) > policy.ownStationSmsPerDay) {
      throw new MailboxError('rate-limited', 'You have sent as many SMS through your station as a day allows.');
    }
    const delivery = await tx.one<{ id: number }>(
      `INSERT INTO deliveries (message_id, recipient_number, recipient_account_id, channel, status, status_rank, updated_at)
       VALUES ($1, $2, NULL, 'sms', 'queued', $3, $4) RETURNING id`,
      [messageId, number, STATUS_RANK.queued, now],
    );
    if (delivery === undefined) throw new Error('delivery insert returned nothing');
    await enqueueJob(tx, policy, { kind: 'message', to: number, body: text, targetStationId: stationId, deliveryId: delivery.id }, now, {
      recipientCap: false,
    });
  }
  const filed = await fileEntries(tx, [{ accountId: sender.accountId, messageId, direction: 'out' }]);
  return [...filed, { type: 'jobs' }];
}

function normaliseRecipients(senderNumber: string, to: readonly string[], policy: Policy): E164[] {
  if (to.length > policy.maxRecipients) {
    throw new MailboxError('bad-request', `A message goes to at most ${policy.maxRecipients} numbers.`);
  }
  // Numbers written without a country code are read as the sender's country.
  const country = countryOf(senderNumber);
  const unique = [...new Set(to.map((raw) => normaliseNumber(raw, country)))];
  if (unique.includes(senderNumber as E164)) {
    throw new MailboxError('bad-request', 'A message cannot be sent to your own number.');
  }
  // Sorted so concurrent sends create recipient accounts in one order (no lock cycles).
  return unique.sort();
}

/** The sender's SMS cap (invitations and carried messages per day), then the invite itself. */
async function queueInvite(
  tx: Queryable,
  policy: Policy,
  sender: SessionIdentity,
  to: E164,
  text: string,
  deliveryId: number,
  now: number,
): Promise<void> {
  if ((await hit(tx, 'sms-from', String(sender.accountId), WINDOW.day, now)) > policy.smsPerSenderPerDay) {
    throw new MailboxError('rate-limited', 'You have sent as many SMS invitations as a day allows.');
  }
  const code = await issueCode(tx, policy, await serverKey(tx), to, 'invite', now);
  const excerpt = [...text].length > policy.inviteExcerptChars ? `${[...text].slice(0, policy.inviteExcerptChars - 1).join('')}…` : text;
  await enqueueJob(
    tx,
    policy,
    {
      kind: 'invite',
      to,
      deliveryId,
      body: `${sender.number} via SMSDesk: "${excerpt}" Reply to this SMS, or read it all in SMSDesk: log in with this number and code ${code}.`,
    },
    now,
  );
}

/** The earlier message with this client id, if it says the same; otherwise a conflict. */
async function sameAsBefore(tx: Queryable, sender: SessionIdentity, input: SendRequestT, recipients: readonly E164[]): Promise<number> {
  const before = await tx.one<{ id: number; body: string }>(
    'SELECT id, body FROM messages WHERE sender_account_id = $1 AND client_id = $2',
    [sender.accountId, input.clientId],
  );
  if (before === undefined) throw new Error('conflicting message vanished');
  const to = await tx.all<{ recipient_number: string }>(
    'SELECT recipient_number FROM deliveries WHERE message_id = $1 ORDER BY recipient_number',
    [before.id],
  );
  const same = before.body === input.text && to.map((r) => r.recipient_number).join(',') === recipients.join(',');
  if (!same) throw new MailboxError('conflict', 'This message id was already used for a different message.');
  return before.id;
}

/** One message as `account` sees it (their mailbox entry must exist). */
async function itemFor(q: Queryable, accountId: number, messageId: number): Promise<MessageItemT> {
  const row = await q.one<{ seq: number }>('SELECT seq FROM mailbox WHERE account_id = $1 AND message_id = $2', [accountId, messageId]);
  if (row === undefined) throw new Error('message not in mailbox');
  const page = await changesSince(q, accountId, row.seq - 1, 1);
  const item = page.items[0];
  if (item === undefined || item.serverId !== messageId) throw new Error('message not readable');
  return item;
}

/**
 * A recipient's device says it has the message (delivered) or its user saw it (read). Only
 * the recipient's own delivery moves, and only forward; returns how many moved.
 */
export async function markReceipts(
  ctx: MailboxContext,
  me: SessionIdentity,
  receipts: readonly { readonly serverId: number; readonly status: 'delivered' | 'read' }[],
): Promise<number> {
  const now = ctx.clock.now();
  const { moved, events } = await ctx.db.transaction(async (tx) => {
    const events: MailboxEvent[] = [];
    let moved = 0;
    for (const r of receipts) {
      const e = await moveDelivery(tx, { messageId: r.serverId, recipientAccountId: me.accountId }, r.status, now);
      if (e.length > 0) moved++;
      events.push(...e);
    }
    return { moved, events };
  });
  await ctx.notifier.publish(events);
  return moved;
}
