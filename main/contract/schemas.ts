/**
 * Schemas for everything that crosses the renderer ↔ core boundary. Types are
 * derived from the schemas, so the runtime check in the core and the compile-time
 * type in the renderer cannot drift apart.
 */
import { Type, type Static } from '@sinclair/typebox';

export const AppInfo = Type.Object({
  name: Type.String(),
  version: Type.String(),
  /** Runtime the core runs in: the desktop app, the headless CLI, or the web bridge. */
  runtime: Type.Union([Type.Literal('electron'), Type.Literal('node')]),
  versions: Type.Object({
    node: Type.String(),
    electron: Type.Union([Type.String(), Type.Null()]),
    chrome: Type.Union([Type.String(), Type.Null()]),
  }),
});
export type AppInfo = Static<typeof AppInfo>;

export const ModemState = Type.Union([
  Type.Literal('probing'),
  Type.Literal('initialising'),
  Type.Literal('ready'),
  Type.Literal('needs-pin'),
  Type.Literal('offline'),
  /** Needs a person for something other than a PIN (no SIM, PUK, no answer); `problem` says what. */
  Type.Literal('failed'),
]);
export type ModemState = Static<typeof ModemState>;

export const ModemSummary = Type.Object({
  /** Stable id: the IMEI when known, else the port path. */
  id: Type.String(),
  port: Type.String(),
  state: ModemState,
  manufacturer: Type.Union([Type.String(), Type.Null()]),
  model: Type.Union([Type.String(), Type.Null()]),
  imei: Type.Union([Type.String(), Type.Null()]),
  ownNumber: Type.Union([Type.String(), Type.Null()]),
  operator: Type.Union([Type.String(), Type.Null()]),
  /** Signal quality 0–31 as in +CSQ, or null when unknown (99). */
  signal: Type.Union([Type.Integer({ minimum: 0, maximum: 31 }), Type.Null()]),
  /** Network registration in words: home, roaming, searching, denied … or null when unknown. */
  registration: Type.Union([Type.String(), Type.Null()]),
  /** The receive store right after set-up. */
  storage: Type.Union([Type.Object({ used: Type.Integer({ minimum: 0 }), total: Type.Integer({ minimum: 0 }) }), Type.Null()]),
  /** What is wrong, in words, when the modem is failed or offline. */
  problem: Type.Union([Type.String(), Type.Null()]),
  /** True when this modem is the demo's virtual modem. */
  virtual: Type.Boolean(),
});
export type ModemSummary = Static<typeof ModemSummary>;

export const ConversationQuery = Type.Object(
  {
    /** Opaque keyset cursor from the previous page; absent for the first page. */
    after: Type.Optional(Type.String({ maxLength: 512 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  },
  { additionalProperties: false },
);
export type ConversationQuery = Static<typeof ConversationQuery>;

export const ConversationSummary = Type.Object({
  id: Type.String(),
  /** E.164 number, or the alphanumeric sender as text. */
  peer: Type.String(),
  title: Type.String(),
  channel: Type.Union([Type.Literal('sms'), Type.Literal('mailbox')]),
  lastMessageAt: Type.String(),
  snippet: Type.String(),
  unread: Type.Integer({ minimum: 0 }),
});
export type ConversationSummary = Static<typeof ConversationSummary>;

export const ConversationPage = Type.Object({
  items: Type.Array(ConversationSummary),
  /** Cursor for the next page, or null when this is the last one. */
  next: Type.Union([Type.String(), Type.Null()]),
});
export type ConversationPage = Static<typeof ConversationPage>;

export const StationStatus = Type.Object({
  state: Type.Union([Type.Literal('starting'), Type.Literal('no-modem'), Type.Literal('ready')]),
  /** Modems that are ready to send and receive. */
  modems: Type.Integer({ minimum: 0 }),
  /** True when the demo (a virtual modem and a handset that answers) is running. */
  demo: Type.Boolean(),
  /** False when the station runs without an archive (nothing is stored or sent). */
  archive: Type.Boolean(),
  /** ISO 8601 time of the change. */
  since: Type.String(),
});
export type StationStatus = Static<typeof StationStatus>;

export const NoArgs = Type.Union([Type.Undefined(), Type.Null(), Type.Object({}, { additionalProperties: false })]);
export type NoArgs = Static<typeof NoArgs>;

/* ---------------------------------------------------------------- messages */

const Id = Type.String({ minLength: 1, maxLength: 64 });
const Cursor = Type.String({ maxLength: 512 });
const NullableString = Type.Union([Type.String(), Type.Null()]);

export const MessageStatus = Type.Union([
  Type.Literal('incomplete'),
  Type.Literal('received'),
  Type.Literal('draft'),
  Type.Literal('queued'),
  Type.Literal('sending'),
  Type.Literal('sent'),
  Type.Literal('unconfirmed'),
  Type.Literal('delivered'),
  Type.Literal('failed'),
  Type.Literal('cancelled'),
]);
export type MessageStatus = Static<typeof MessageStatus>;

export const MessageView = Type.Object({
  /** The message's global id (UUIDv7). */
  id: Type.String(),
  conversationId: Type.String(),
  channel: Type.Union([Type.Literal('sms'), Type.Literal('mailbox')]),
  direction: Type.Union([Type.Literal('in'), Type.Literal('out')]),
  peer: Type.String(),
  body: Type.String(),
  encoding: Type.Union([Type.Literal('gsm7'), Type.Literal('ucs2'), Type.Literal('binary'), Type.Null()]),
  partCount: Type.Integer({ minimum: 0 }),
  /** For an incomplete incoming message: how many of `partCount` arrived. */
  partsReceived: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
  status: MessageStatus,
  /** Why it failed or is unconfirmed, in words. */
  statusReason: NullableString,
  flash: Type.Boolean(),
  read: Type.Boolean(),
  /** ISO 8601: when the message was written or arrived (orders the thread). */
  at: Type.String(),
  sentAt: NullableString,
  deliveredAt: NullableString,
  /** What the user may do with it now. */
  canRetry: Type.Boolean(),
  canCancel: Type.Boolean(),
});
export type MessageView = Static<typeof MessageView>;

export const ThreadQuery = Type.Object(
  {
    conversationId: Id,
    /** Cursor from the previous page (older messages); absent for the newest page. */
    after: Type.Optional(Cursor),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  },
  { additionalProperties: false },
);
export type ThreadQuery = Static<typeof ThreadQuery>;

export const MessagePage = Type.Object({
  /** Newest first. */
  items: Type.Array(MessageView),
  next: Type.Union([Type.String(), Type.Null()]),
});
export type MessagePage = Static<typeof MessagePage>;

export const SendRequest = Type.Object(
  {
    /** A phone number as the user typed it; normalised by the core. */
    to: Type.String({ minLength: 1, maxLength: 40 }),
    text: Type.String({ minLength: 1, maxLength: 10_000 }),
    flash: Type.Optional(Type.Boolean()),
    /** Ask the network for a delivery report (default on). */
    statusReport: Type.Optional(Type.Boolean()),
    /** Send later: not before this time (milliseconds since the Unix epoch). */
    notBefore: Type.Optional(Type.Integer({ minimum: 0 })),
    /** Send from this modem (its id in modems.list) only. */
    modemId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type SendRequest = Static<typeof SendRequest>;

export const MessageRef = Type.Object({ messageId: Id }, { additionalProperties: false });
export type MessageRef = Static<typeof MessageRef>;

export const ConversationRef = Type.Object({ conversationId: Id }, { additionalProperties: false });
export type ConversationRef = Static<typeof ConversationRef>;

export const SearchRequest = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: 200 }),
    after: Type.Optional(Cursor),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);
export type SearchRequest = Static<typeof SearchRequest>;

export const SearchHit = Type.Object({
  messageId: Type.String(),
  conversationId: Type.String(),
  peer: Type.String(),
  title: Type.String(),
  direction: Type.Union([Type.Literal('in'), Type.Literal('out')]),
  at: Type.String(),
  /** Plain text; hits are marked by U+0001 (start) and U+0002 (end), never HTML. */
  snippet: Type.String(),
});
export type SearchHit = Static<typeof SearchHit>;

export const SearchPage = Type.Object({ items: Type.Array(SearchHit), next: Type.Union([Type.String(), Type.Null()]) });
export type SearchPage = Static<typeof SearchPage>;

/* ------------------------------------------------------------------ demo */

export const DemoInfo = Type.Object({
  /** The virtual handset that answers every SMS. */
  handset: Type.String(),
  /** The virtual modem's own number. */
  modemNumber: Type.String(),
});
export type DemoInfo = Static<typeof DemoInfo>;

/* ------------------------------------------------------------------ USSD */

export const UssdRequest = Type.Object(
  {
    modemId: Id,
    /** A code such as *100# to start a session, or the reply to the open session's menu. */
    text: Type.String({ minLength: 1, maxLength: 160 }),
  },
  { additionalProperties: false },
);
export type UssdRequest = Static<typeof UssdRequest>;

export const UssdAnswer = Type.Object({
  text: NullableString,
  /** True while the network waits for a reply (a menu). */
  open: Type.Boolean(),
});
export type UssdAnswer = Static<typeof UssdAnswer>;

export const ModemRef = Type.Object({ modemId: Id }, { additionalProperties: false });
export type ModemRef = Static<typeof ModemRef>;

export const UnlockRequest = Type.Object({ modemId: Id, pin: Type.String({ pattern: '^[0-9]{4,8}$' }) }, { additionalProperties: false });
export type UnlockRequest = Static<typeof UnlockRequest>;

/* ---------------------------------------------------------------- events */

export const MessageChanged = Type.Object({ message: MessageView });
export type MessageChanged = Static<typeof MessageChanged>;
