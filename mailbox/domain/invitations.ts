import type { Queryable } from '../store/db';
import { findAccount } from './accounts';
import { issueCode } from './codes';
import type { MailboxContext } from './context';
import { hit } from './counters';
import { MailboxError } from './errors';
import { enqueueJob } from './jobs';
import { replyIntent, type ReplyIntent } from './keywords';
import { countryOf, normaliseNumber, type E164 } from './phone';
import { WINDOW, type Policy } from './policy';
import type { SessionIdentity } from './sessions';
import { serverKey } from './settings';

export type InvitationStatus = 'pending' | 'accepted' | 'declined' | 'expired';

export interface Invitation {
  readonly id: number;
  readonly number: string;
  readonly status: InvitationStatus;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly answeredAt: number | null;
}

interface InvitationRow {
  readonly id: number;
  readonly number: string;
  readonly status: 'pending' | 'accepted' | 'declined' | 'expired';
  readonly created_at: number;
  readonly expires_at: number;
  readonly answered_at: number | null;
}

const COLUMNS = 'id, number, status, created_at, expires_at, answered_at';
/** Invitations listed, newest first; older ones stay stored but are not shown. */
export const LISTED_INVITATIONS = 200;

function toInvitation(row: InvitationRow, now: number): Invitation {
  return {
    id: row.id,
    number: row.number,
    // A pending one past its time is shown as what it is; the row is marked on the next invite.
    status: row.status === 'pending' && row.expires_at <= now ? 'expired' : row.status,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    answeredAt: row.answered_at,
  };
}

/**
 * A registered user invites a number that is not on SMSDesk yet: one SMS through a gateway
 * asks them to answer yes or no. Inviting again while the first waits returns it with no
 * second SMS; a number that declined this inviter is not asked again by them.
 */
export async function invite(ctx: MailboxContext, me: SessionIdentity, rawNumber: string): Promise<Invitation> {
  const number = normaliseNumber(rawNumber, countryOf(me.number));
  if (number === me.number) throw new MailboxError('bad-request', 'You cannot invite your own number.');
  const now = ctx.clock.now();
  const outcome = await ctx.db.transaction(async (tx) => {
    const account = await findAccount(tx, number);
    if (account?.registered_at != null) {
      throw new MailboxError('conflict', 'This number is already on SMSDesk: send them a message instead.');
    }
    const declined = await tx.one(`SELECT id FROM invitations WHERE inviter_account_id = $1 AND number = $2 AND status = 'declined'`, [
      me.accountId,
      number,
    ]);
    if (declined !== undefined) throw new MailboxError('conflict', 'This number declined your invitation.');
    await tx.run(
      `UPDATE invitations SET status = 'expired'
       WHERE inviter_account_id = $1 AND number = $2 AND status = 'pending' AND expires_at <= $3`,
      [me.accountId, number, now],
    );
    const inserted = await tx.one<InvitationRow>(
      `INSERT INTO invitations (inviter_account_id, number, status, created_at, expires_at)
       VALUES ($1, $2, 'pending', $3, $4)
       ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
      [me.accountId, number, now, now + ctx.policy.inviteCodeTtlMs],
    );
    if (inserted === undefined) {
      const waiting = await tx.one<InvitationRow>(
        `SELECT ${COLUMNS} FROM invitations WHERE inviter_account_id = $1 AND number = $2 AND status = 'pending'`,
        [me.accountId, number],
      );
      if (waiting === undefined) throw new Error('pending invitation vanished');
      return { row: waiting, fresh: false };
    }
    // The same daily cap as invitations carried by a message: one budget of SMS per sender.
    if ((await hit(tx, 'sms-from', String(me.accountId), WINDOW.day, now)) > ctx.policy.smsPerSenderPerDay) {
      throw new MailboxError('rate-limited', 'You have sent as many SMS invitations as a day allows.');
    }
    await enqueueJob(tx, ctx.policy, { kind: 'invite', to: number, body: invitationText(me.number, ctx.policy) }, now);
    return { row: inserted, fresh: true };
  });
  if (outcome.fresh) await ctx.notifier.publish([{ type: 'jobs' }]);
  return toInvitation(outcome.row, now);
}

/** The SMS text; it names the first keyword of each list, in capitals where the script has them. */
export function invitationText(inviter: string, policy: Policy): string {
  const yes = (policy.replyKeywords.accept[0] ?? 'yes').toUpperCase();
  const no = (policy.replyKeywords.decline[0] ?? 'no').toUpperCase();
  return `${inviter} invites you to SMSDesk, where your phone number is your mailbox. Reply ${yes} to join or ${no} to decline.`;
}

export async function listInvitations(ctx: MailboxContext, me: SessionIdentity): Promise<Invitation[]> {
  const rows = await ctx.db.all<InvitationRow>(
    `SELECT ${COLUMNS} FROM invitations WHERE inviter_account_id = $1 ORDER BY id DESC LIMIT $2`,
    [me.accountId, LISTED_INVITATIONS],
  );
  const now = ctx.clock.now();
  return rows.map((r) => toInvitation(r, now));
}

export interface Answer {
  readonly intent: ReplyIntent;
  readonly inviterAccountId: number;
}

/**
 * An SMS from `from` reached a gateway station: if it is one of the answer keywords and the
 * number has a pending invitation, the newest one is accepted or declined (once: the guarded
 * UPDATE decides under concurrent uploads), and a short confirmation SMS is queued within
 * the day's cap. Anything else is not an answer and is left to the ordinary reply routing.
 */
export async function answerInvitation(tx: Queryable, policy: Policy, from: E164, text: string, now: number): Promise<Answer | undefined> {
  const intent = replyIntent(text, policy.replyKeywords);
  if (intent === undefined) return undefined;
  const answered = await tx.one<{ inviter_account_id: number; number: string }>(
    `UPDATE invitations SET status = $1, answered_at = $2
     WHERE id = (SELECT id FROM invitations WHERE number = $3 AND status = 'pending' AND expires_at > $2 ORDER BY id DESC LIMIT 1)
       AND status = 'pending'
     RETURNING inviter_account_id`,
    [intent === 'accept' ? 'accepted' : 'declined', now, from],
  );
  if (answered === undefined) return undefined;
  if ((await hit(tx, 'invite-answer', from, WINDOW.day, now)) <= policy.inviteAnswersPerNumberPerDay) {
    const body = await confirmationText(tx, policy, answered.inviter_account_id, from, intent, now);
    try {
      await enqueueJob(tx, policy, { kind: 'invite-answer', to: from, body }, now);
    } catch (err) {
      // This number has had the day's SMS from us: the answer stands, the confirmation is dropped.
      if (!(err instanceof MailboxError && err.code === 'rate-limited')) throw err;
    }
  }
  return { intent, inviterAccountId: answered.inviter_account_id };
}

async function confirmationText(
  tx: Queryable,
  policy: Policy,
  inviterAccountId: number,
  number: E164,
  intent: ReplyIntent,
  now: number,
): Promise<string> {
  const inviter = await tx.one<{ number: string }>('SELECT number FROM accounts WHERE id = $1', [inviterAccountId]);
  const who = inviter?.number ?? 'They';
  if (intent === 'decline') return `SMSDesk: thank you. ${who} will not invite you again.`;
  if ((await findAccount(tx, number))?.registered_at != null) return `SMSDesk: thank you. ${who} can now reach you in SMSDesk.`;
  // The first login is the accepted invitation itself: the code is good for as long as an invitation.
  const code = await issueCode(tx, policy, await serverKey(tx), number, 'invite', now);
  return `Welcome to SMSDesk. Log in with this number and code ${code}. ${who} can now reach you there.`;
}
