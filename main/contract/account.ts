/**
 * Calls and events of the mailbox account screen: the server, login by number + code, this
 * station's link as the user's own, devices, notification rules. Outcomes the person must
 * tell apart (a wrong code, too many tries, no server) come back as values, not errors, so
 * the screen can say them in the person's language.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { CallSpec } from './area';
import type { AccountCallName, AccountEventName } from './names';
import { NoArgs } from './schemas';

/** A phone number as typed; the server normalises it. */
const PhoneNumberText = Type.String({ minLength: 3, maxLength: 40 });

export const AccountLink = Type.Object({
  /** The station's id on the mailbox server. */
  stationId: Type.Integer(),
  name: Type.String(),
  /** The link's socket to the server is up. */
  connected: Type.Boolean(),
  /** The server saw this station receive the link code sent to the account's number; null: not known yet. */
  verified: Type.Union([Type.Boolean(), Type.Null()]),
  /** The server refused the link's token (unlinked elsewhere): link again. */
  refused: Type.Boolean(),
});
export type AccountLink = Static<typeof AccountLink>;

export const AccountStatus = Type.Object({
  /** The mailbox server's address; null until the person enters one. */
  server: Type.Union([Type.String(), Type.Null()]),
  /** signed-out; signed-in (the last sync reached the server); offline (signed in, the server out of reach). */
  state: Type.Union([Type.Literal('signed-out'), Type.Literal('signed-in'), Type.Literal('offline')]),
  /** The account's number (E.164) while signed in. */
  number: Type.Union([Type.String(), Type.Null()]),
  /** Why the server is out of reach, or why the session ended, in the server's or client's words. */
  reason: Type.Union([Type.String(), Type.Null()]),
  /** idle: not yet synced; syncing state of the engine otherwise. */
  sync: Type.Union([Type.Literal('idle'), Type.Literal('online'), Type.Literal('offline')]),
  /** Messages written here that the server has not taken yet. */
  pendingSends: Type.Integer(),
  /** false: there is no keychain, so the session lasts only until SMSDesk closes. */
  keepsSession: Type.Boolean(),
  /** This core has modems and an archive, so it can be linked as the account's own station. */
  canLink: Type.Boolean(),
  /** This station linked as the account's own, or null. */
  link: Type.Union([AccountLink, Type.Null()]),
});
export type AccountStatus = Static<typeof AccountStatus>;

export const AccountServerRequest = Type.Object({ url: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false });

export const AccountCodeRequest = Type.Object({ number: PhoneNumberText }, { additionalProperties: false });
export const AccountCodeOutcome = Type.Object({
  outcome: Type.Union([
    Type.Literal('sent'),
    Type.Literal('invalid-number'),
    Type.Literal('too-many-attempts'),
    Type.Literal('unreachable'),
    Type.Literal('no-server'),
  ]),
});
export type AccountCodeOutcome = Static<typeof AccountCodeOutcome>;

export const AccountLoginRequest = Type.Object(
  {
    number: PhoneNumberText,
    code: Type.String({ minLength: 1, maxLength: 20 }),
    /** How this device shows in the account's device list; default: SMSDesk and the computer's name. */
    deviceName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  },
  { additionalProperties: false },
);
export const AccountLoginOutcome = Type.Object({
  outcome: Type.Union([
    Type.Literal('signed-in'),
    Type.Literal('wrong-code'),
    Type.Literal('too-many-attempts'),
    Type.Literal('unreachable'),
    Type.Literal('no-server'),
    Type.Literal('invalid-number'),
  ]),
  status: AccountStatus,
});
export type AccountLoginOutcome = Static<typeof AccountLoginOutcome>;

export const AccountDevice = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  /** ISO 8601. */
  createdAt: Type.String(),
  lastSeenAt: Type.String(),
  /** This SMSDesk. */
  current: Type.Boolean(),
});
export type AccountDevice = Static<typeof AccountDevice>;
export const AccountDeviceRef = Type.Object({ id: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });

export const AccountLinkRequest = Type.Object(
  { name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })) },
  { additionalProperties: false },
);

/** An SMS notice of waiting mailbox messages (the server's rule; notices never carry text). */
export const AccountNoticeRule = Type.Object(
  {
    /** Only messages from these numbers count; empty: from anyone. */
    from: Type.Array(PhoneNumberText, { maxItems: 50 }),
    /** Local minutes of the day [start, end); end before start wraps past midnight; equal: all day. */
    windowStartMin: Type.Integer({ minimum: 0, maximum: 1439 }),
    windowEndMin: Type.Integer({ minimum: 0, maximum: 1440 }),
    /** The person's offset from UTC in minutes. */
    utcOffsetMin: Type.Integer({ minimum: -840, maximum: 840 }),
    /** Notify once this many messages are unread. */
    minUnread: Type.Integer({ minimum: 1, maximum: 1000 }),
    /** Notices per day at most (the server allows 20). */
    dailyCap: Type.Integer({ minimum: 1, maximum: 20 }),
  },
  { additionalProperties: false },
);
export type AccountNoticeRule = Static<typeof AccountNoticeRule>;
export const AccountRuleRef = Type.Object({ index: Type.Integer({ minimum: 0, maximum: 9 }) }, { additionalProperties: false });

export const accountCalls = {
  /** Signed in or not, the sync state and this station's link. */
  'account.status': { args: NoArgs, result: AccountStatus },
  /** Sets the mailbox server (http or https only); refused while signed in. */
  'account.setServer': { args: AccountServerRequest, result: AccountStatus },
  /** Asks the server to send a login code by SMS to the number. */
  'account.requestCode': { args: AccountCodeRequest, result: AccountCodeOutcome },
  /** Logs in with the code; on success sync starts. */
  'account.login': { args: AccountLoginRequest, result: AccountLoginOutcome },
  /** Logs this device out (and unlinks this station if it is linked); sync stops. */
  'account.logout': { args: NoArgs, result: AccountStatus },
  /** The account's devices (logged-in sessions). */
  'account.devices': { args: NoArgs, result: Type.Array(AccountDevice) },
  /** Logs a device out; revoking this one signs this SMSDesk out. */
  'account.revokeDevice': { args: AccountDeviceRef, result: Type.Array(AccountDevice) },
  /** Links this station as the account's own: the server proves it by a code SMS to the account's number. */
  'account.linkStation': { args: AccountLinkRequest, result: AccountStatus },
  /** Unlinks this station. */
  'account.unlinkStation': { args: NoArgs, result: AccountStatus },
  /** The account's notification rules. */
  'account.rules': { args: NoArgs, result: Type.Array(AccountNoticeRule) },
  'account.addRule': { args: AccountNoticeRule, result: Type.Array(AccountNoticeRule) },
  'account.removeRule': { args: AccountRuleRef, result: Type.Array(AccountNoticeRule) },
} as const satisfies { [K in AccountCallName]: CallSpec };

export const accountEvents = {
  /** The account's status whenever it changes; the latest is replayed to each new subscriber. */
  'account.changed': AccountStatus,
} as const satisfies { [K in AccountEventName]: TSchema };
