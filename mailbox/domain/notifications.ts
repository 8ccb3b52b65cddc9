import type { Queryable } from '../store/db';
import type { MailboxContext } from './context';
import { hit } from './counters';
import { MailboxError } from './errors';
import { enqueueJob } from './jobs';
import { countryOf, normaliseNumber, type E164 } from './phone';
import { WINDOW, type Policy } from './policy';
import type { SessionIdentity } from './sessions';

/** One rule: SMS me when mailbox messages wait, if all its conditions hold. */
export interface NotificationRule {
  /** Only messages from these numbers count; empty: from anyone. */
  readonly from: readonly string[];
  /** Local minutes of the day [start, end); end before start wraps past midnight. */
  readonly windowStartMin: number;
  readonly windowEndMin: number;
  /** The user's offset from UTC, in minutes (their clock, not the server's). */
  readonly utcOffsetMin: number;
  /** Notify when this many messages are unread (1: every new message). */
  readonly minUnread: number;
  /** SMS per day from this rule at most. */
  readonly dailyCap: number;
}

export const MAX_RULES = 10;
export const MAX_RULE_NUMBERS = 50;
/** Whatever a rule asks, the server sends no more notices to one person a day than this. */
export const MAX_DAILY_CAP = 20;

interface RuleRow {
  readonly id: number;
  readonly from_numbers: string;
  readonly window_start_min: number;
  readonly window_end_min: number;
  readonly utc_offset_min: number;
  readonly min_unread: number;
  readonly daily_cap: number;
}

/** Replaces the account's rules. */
export async function setRules(ctx: MailboxContext, me: SessionIdentity, rules: readonly NotificationRule[]): Promise<void> {
  if (rules.length > MAX_RULES) throw new MailboxError('bad-request', `At most ${MAX_RULES} notification rules.`);
  const country = countryOf(me.number);
  const rows = rules.map((r) => {
    if (r.from.length > MAX_RULE_NUMBERS) {
      throw new MailboxError('bad-request', `A rule names at most ${MAX_RULE_NUMBERS} numbers.`);
    }
    return { ...r, from: [...new Set(r.from.map((n) => normaliseNumber(n, country)))] };
  });
  await ctx.db.transaction(async (tx) => {
    await tx.run('DELETE FROM notification_rules WHERE account_id = $1', [me.accountId]);
    for (const r of rows) {
      await tx.run(
        `INSERT INTO notification_rules (account_id, from_numbers, window_start_min, window_end_min, utc_offset_min, min_unread, daily_cap)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          me.accountId,
          r.from.join(','),
          r.windowStartMin,
          r.windowEndMin,
          r.utcOffsetMin,
          r.minUnread,
          Math.min(r.dailyCap, MAX_DAILY_CAP),
        ],
      );
    }
  });
}

export async function getRules(q: Queryable, accountId: number): Promise<NotificationRule[]> {
  const rows = await q.all<RuleRow>(
    `SELECT id, from_numbers, window_start_min, window_end_min, utc_offset_min, min_unread, daily_cap
     FROM notification_rules WHERE account_id = $1 ORDER BY id`,
    [accountId],
  );
  return rows.map((r) => ({
    from: r.from_numbers === '' ? [] : r.from_numbers.split(','),
    windowStartMin: r.window_start_min,
    windowEndMin: r.window_end_min,
    utcOffsetMin: r.utc_offset_min,
    minUnread: r.min_unread,
    dailyCap: r.daily_cap,
  }));
}

/** Is `now` inside [start, end) of the local day? A window ending before it starts wraps midnight. */
export function insideWindow(now: number, startMin: number, endMin: number, utcOffsetMin: number): boolean {
  const minute = (((Math.floor(now / 60_000) + utcOffsetMin) % 1440) + 1440) % 1440;
  if (startMin === endMin) return true;
  return startMin < endMin ? minute >= startMin && minute < endMin : minute >= startMin || minute < endMin;
}

/**
 * A mailbox message from `sender` arrived for `recipient` (registered, reached over the
 * internet): queue at most one notice SMS, from the first rule whose conditions all hold.
 * Notices carry no message text, only that messages wait.
 */
export async function notifyArrival(
  tx: Queryable,
  policy: Policy,
  recipient: { readonly accountId: number; readonly number: E164 },
  sender: string,
  now: number,
): Promise<boolean> {
  const rules = await tx.all<RuleRow>(
    `SELECT id, from_numbers, window_start_min, window_end_min, utc_offset_min, min_unread, daily_cap
     FROM notification_rules WHERE account_id = $1 ORDER BY id`,
    [recipient.accountId],
  );
  if (rules.length === 0) return false;
  const unread = await tx.one<{ n: number }>(
    `SELECT COUNT(*) AS n FROM deliveries
     WHERE recipient_account_id = $1 AND channel = 'internet' AND status_rank < 3`,
    [recipient.accountId],
  );
  const waiting = Number(unread?.n ?? 0);
  for (const rule of rules) {
    const from = rule.from_numbers === '' ? [] : rule.from_numbers.split(',');
    if (from.length > 0 && !from.includes(sender)) continue;
    if (!insideWindow(now, rule.window_start_min, rule.window_end_min, rule.utc_offset_min)) continue;
    // "Once N have piled up": told when the count reaches N, not again for N+1, N+2...
    if (rule.min_unread > 1 ? waiting !== rule.min_unread : waiting < 1) continue;
    if ((await hit(tx, 'notify-rule', String(rule.id), WINDOW.day, now)) > rule.daily_cap) continue;
    try {
      await enqueueJob(
        tx,
        policy,
        {
          kind: 'notification',
          to: recipient.number,
          body: `SMSDesk: ${waiting} new message${waiting === 1 ? '' : 's'} waiting in your mailbox (latest from ${sender}).`,
        },
        now,
      );
    } catch (err) {
      // The server-wide cap for this number is reached: the notice is dropped, the message is not.
      if (err instanceof MailboxError && err.code === 'rate-limited') return false;
      throw err;
    }
    return true;
  }
  return false;
}
