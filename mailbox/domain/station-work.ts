import type { Queryable } from '../store/db';
import type { MailboxContext } from './context';
import { moveDelivery } from './deliveries';
import { finishJob, jobSentBy, type JobRow } from './jobs';
import { answerInvitation } from './invitations';
import { fileEntries } from './mailbox-rows';
import type { MailboxEvent } from './notifier';
import { tryVerify } from './own-stations';
import { tryNormaliseNumber } from './phone';
import type { StationIdentity } from './stations';
import { STATUS_RANK } from './status';

/** A station's outcome for a job it claimed; false when it does not hold that job. */
export async function reportJobResult(
  ctx: MailboxContext,
  station: StationIdentity,
  jobId: number,
  outcome: { readonly sent: true; readonly reference?: string } | { readonly sent: false; readonly error: string },
): Promise<boolean> {
  const now = ctx.clock.now();
  const { job, events } = await ctx.db.transaction(async (tx) => {
    const job = await finishJob(tx, station.stationId, jobId, outcome, now);
    const events = await deliveryFollows(tx, job, outcome.sent ? 'sent' : 'failed', now);
    return { job, events };
  });
  await ctx.notifier.publish(events);
  return job !== undefined;
}

/** The network's status report for an SMS the station sent (TS 23.040 SMS-STATUS-REPORT). */
export async function reportDelivery(
  ctx: MailboxContext,
  station: StationIdentity,
  jobId: number,
  status: 'delivered' | 'failed',
): Promise<boolean> {
  const now = ctx.clock.now();
  const { job, events } = await ctx.db.transaction(async (tx) => {
    const job = await jobSentBy(tx, station.stationId, jobId);
    return { job, events: await deliveryFollows(tx, job, status, now) };
  });
  await ctx.notifier.publish(events);
  return job !== undefined;
}

/** Jobs given up (no station could send them): their deliveries fail. */
export async function failDeliveriesOf(tx: Queryable, jobs: readonly JobRow[], now: number): Promise<MailboxEvent[]> {
  const events: MailboxEvent[] = [];
  for (const job of jobs) events.push(...(await deliveryFollows(tx, job, 'failed', now)));
  return events;
}

async function deliveryFollows(
  tx: Queryable,
  job: JobRow | undefined,
  status: 'sent' | 'delivered' | 'failed',
  now: number,
): Promise<MailboxEvent[]> {
  if (job?.delivery_id == null) return [];
  return moveDelivery(tx, { deliveryId: job.delivery_id }, status, now);
}

export interface ReceivedSms {
  /** The station's own id for the SMS, so a repeated upload is recognised. */
  readonly id: string;
  readonly from: string;
  readonly text: string;
  readonly receivedAt: number;
}

export type ReceivedOutcome = 'filed' | 'answered' | 'duplicate' | 'unrouted' | 'verified';

/**
 * An SMS a station received. A user's own station files it in its owner's mailbox. At a
 * gateway station, a yes/no keyword from a number with a pending invitation answers it and
 * lands in the inviter's thread; any other SMS goes to whoever last reached that number by
 * SMS through the mailbox (a reply to a message lands in its sender's thread); anything else
 * is kept but goes nowhere.
 */
export async function receiveSms(ctx: MailboxContext, station: StationIdentity, sms: ReceivedSms): Promise<ReceivedOutcome> {
  const now = ctx.clock.now();
  const { outcome, events } = await ctx.db.transaction(async (tx) => {
    const fresh = await tx.one<{ id: number }>(
      `INSERT INTO received_sms (station_id, station_message_id, from_number, body, received_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (station_id, station_message_id) DO NOTHING RETURNING id`,
      [station.stationId, sms.id, sms.from, sms.text, sms.receivedAt, now],
    );
    if (fresh === undefined) return { outcome: 'duplicate' as const, events: [] };
    // Read afresh: the station may have been verified since its connection opened.
    const current = await tx.one<{ owner_account_id: number | null; verified_at: number | null }>(
      'SELECT owner_account_id, verified_at FROM stations WHERE id = $1',
      [station.stationId],
    );
    if (current === undefined) return { outcome: 'unrouted' as const, events: [] };
    const live: StationIdentity = { ...station, ownerAccountId: current.owner_account_id, verified: current.verified_at !== null };
    if (live.ownerAccountId !== null && !live.verified) {
      // An unproven station's uploads are not trusted into a mailbox; they can only prove it.
      const verified = await tryVerify(tx, ctx, live, sms.text, now);
      return { outcome: verified ? ('verified' as const) : ('unrouted' as const), events: [] };
    }
    const from = tryNormaliseNumber(sms.from);
    const answer =
      live.ownerAccountId === null && from !== undefined ? await answerInvitation(tx, ctx.policy, from, sms.text, now) : undefined;
    const ownerId = live.ownerAccountId ?? answer?.inviterAccountId ?? (await inviterOf(tx, from, now - ctx.policy.replyRoutingMs));
    if (ownerId === undefined) return { outcome: 'unrouted' as const, events: [] };
    const owner = await tx.one<{ number: string }>('SELECT number FROM accounts WHERE id = $1', [ownerId]);
    if (owner === undefined) return { outcome: 'unrouted' as const, events: [] };
    const message = await tx.one<{ id: number }>(
      `INSERT INTO messages (sender_account_id, sender_number, client_id, body, created_at)
       VALUES (NULL, $1, NULL, $2, $3) RETURNING id`,
      [from ?? sms.from, sms.text, sms.receivedAt],
    );
    if (message === undefined) throw new Error('message insert returned nothing');
    await tx.run(
      `INSERT INTO deliveries (message_id, recipient_number, recipient_account_id, channel, status, status_rank, updated_at)
       VALUES ($1, $2, $3, 'sms', 'delivered', $4, $5)`,
      [message.id, owner.number, ownerId, STATUS_RANK.delivered, now],
    );
    const events = await fileEntries(tx, [{ accountId: ownerId, messageId: message.id, direction: 'in' }]);
    // An answer may have queued its confirmation SMS: wake the stations.
    if (answer !== undefined) return { outcome: 'answered' as const, events: [...events, { type: 'jobs' } as const] };
    return { outcome: 'filed' as const, events };
  });
  await ctx.notifier.publish(events);
  return outcome;
}

/** Who last sent to `from` by SMS through the mailbox, within the routing window. */
async function inviterOf(tx: Queryable, number: string | undefined, after: number): Promise<number | undefined> {
  if (number === undefined) return undefined;
  const row = await tx.one<{ sender_account_id: number }>(
    `SELECT m.sender_account_id FROM deliveries d JOIN messages m ON m.id = d.message_id
     WHERE d.recipient_number = $1 AND d.channel = 'sms' AND m.sender_account_id IS NOT NULL AND m.created_at > $2
     ORDER BY d.id DESC LIMIT 1`,
    [number, after],
  );
  return row?.sender_account_id;
}
