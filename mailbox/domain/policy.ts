import { DAY, HOUR, MINUTE } from './clock';
import { DEFAULT_REPLY_KEYWORDS, type ReplyKeywords } from './keywords';

/**
 * The numbers that keep the mailbox from being used to flood anyone. One object so a server
 * operator (and a test) can see and tune them together.
 */
export interface Policy {
  /** Digits in a one-time code; at least 6 (one in a million per guess). */
  readonly codeDigits: number;
  readonly loginCodeTtlMs: number;
  /** An invitation code is a first login too, but the recipient may read the SMS days later. */
  readonly inviteCodeTtlMs: number;
  /** Wrong guesses that burn one code. */
  readonly attemptsPerCode: number;
  /** Failed logins per number per hour before the number is locked for the rest of the hour. */
  readonly failuresPerNumberPerHour: number;
  /** Failed logins per client address per hour. */
  readonly failuresPerAddressPerHour: number;
  /** Code SMS per number per hour, and per asking address per hour. */
  readonly codesPerNumberPerHour: number;
  readonly codesPerAddressPerHour: number;
  /** SMS (invitations and carried messages) a sender may cause per day. */
  readonly smsPerSenderPerDay: number;
  /** SMS of any kind the server sends to one number per day, whoever asks. */
  readonly smsPerRecipientPerDay: number;
  /** SMS a user may send per day through their own station (their SIM, their bill). */
  readonly ownStationSmsPerDay: number;
  /** Recipients of one message. */
  readonly maxRecipients: number;
  /** Characters of the message carried in an invitation SMS. */
  readonly inviteExcerptChars: number;
  /** How long a station holds a claimed job before it goes back to the queue. */
  readonly jobLeaseMs: number;
  /** Claims per job before it is given up as failed. */
  readonly maxJobAttempts: number;
  /** How long an SMS reply from a non-user is routed back to the thread that invited them. */
  readonly replyRoutingMs: number;
  /** The one-word SMS answers that accept or decline an invitation (see domain/keywords.ts). */
  readonly replyKeywords: ReplyKeywords;
  /** Confirmations of invitation answers sent to one number per day; more answers still count, silently. */
  readonly inviteAnswersPerNumberPerDay: number;
}

export const DEFAULT_POLICY: Policy = {
  codeDigits: 6,
  loginCodeTtlMs: 10 * MINUTE,
  inviteCodeTtlMs: 7 * DAY,
  attemptsPerCode: 5,
  failuresPerNumberPerHour: 10,
  failuresPerAddressPerHour: 50,
  codesPerNumberPerHour: 3,
  codesPerAddressPerHour: 10,
  smsPerSenderPerDay: 50,
  smsPerRecipientPerDay: 10,
  ownStationSmsPerDay: 500,
  maxRecipients: 50,
  inviteExcerptChars: 60,
  jobLeaseMs: 2 * MINUTE,
  maxJobAttempts: 5,
  replyRoutingMs: 30 * DAY,
  replyKeywords: DEFAULT_REPLY_KEYWORDS,
  // One answer per invitation is confirmed; three a day covers a person invited by several
  // friends, and keeps a prankster texting "yes"/"no" from turning the gateway into a pager.
  inviteAnswersPerNumberPerDay: 3,
};

export const WINDOW = { hour: HOUR, day: DAY } as const;
