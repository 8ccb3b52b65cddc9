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
  /** The SIM card's ICCID, when the SIM is unlocked and tells it. */
  iccid: Type.Optional(Type.Union([Type.String(), Type.Null()])),
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
  /** Unread incoming messages in the archive (the tray's count, the window title's). */
  unread: Type.Integer({ minimum: 0 }),
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
  /**
   * Only in messages.send's answer: why the core did not send this one through the mailbox
   * (`via: 'auto'`), or that it went from the user's number through their own station.
   */
  routeNote: Type.Optional(Type.String()),
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
    /**
     * How the message travels. Absent: an SMS queued at this station, as always. sms: by SMS,
     * from this PC's modem, or, when it has none and is signed in, from the user's number
     * through their own linked station. mailbox: over the internet (signed in only). auto: the
     * mailbox when signed in and the recipient is registered, else as sms; the answer's
     * routeNote says why.
     */
    via: Type.Optional(Type.Union([Type.Literal('auto'), Type.Literal('sms'), Type.Literal('mailbox')])),
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

export const UnlockRequest = Type.Object(
  {
    modemId: Id,
    pin: Type.String({ pattern: '^[0-9]{4,8}$' }),
    /** Keep the PIN (only where modems.pinMemory says 'available'), once the SIM accepted it. */
    remember: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type UnlockRequest = Static<typeof UnlockRequest>;

/* ------------------------------------------------- modems: signal, trace, console, ports, PIN */

export const SignalSample = Type.Object({
  /** ISO 8601 time of the sample. */
  at: Type.String(),
  /** 0–31 as in +CSQ; null when unknown or the modem is away. */
  signal: Type.Union([Type.Integer({ minimum: 0, maximum: 31 }), Type.Null()]),
});
export type SignalSample = Static<typeof SignalSample>;

export const SignalHistory = Type.Object({ modemId: Type.String(), samples: Type.Array(SignalSample) });
export type SignalHistory = Static<typeof SignalHistory>;

export const TraceLine = Type.Object({
  /** Increases by one per line of this modem; a viewer drops lines it already has. */
  seq: Type.Integer({ minimum: 1 }),
  at: Type.String(),
  /** tx: to the modem; rx: from it. */
  dir: Type.Union([Type.Literal('tx'), Type.Literal('rx')]),
  /** Plain text; PINs and message PDUs are hidden. */
  text: Type.String(),
});
export type TraceLine = Static<typeof TraceLine>;

export const TraceQuery = Type.Object(
  { modemId: Id, limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })) },
  { additionalProperties: false },
);
export type TraceQuery = Static<typeof TraceQuery>;

export const ModemTrace = Type.Object({ modemId: Type.String(), lines: Type.Array(TraceLine, { maxItems: 1000 }) });
export type ModemTrace = Static<typeof ModemTrace>;

export const AtCommandRequest = Type.Object(
  {
    modemId: Id,
    /** One command line starting with AT, printable ASCII only (no CR, Ctrl-Z or ESC). */
    command: Type.String({ minLength: 2, maxLength: 256, pattern: '^[Aa][Tt][ -~]*$' }),
    /** Send it even though it could break the driver's set-up (see AtRisk). */
    confirm: Type.Optional(Type.Boolean()),
    timeoutMs: Type.Optional(Type.Integer({ minimum: 1_000, maximum: 180_000 })),
  },
  { additionalProperties: false },
);
export type AtCommandRequest = Static<typeof AtCommandRequest>;

/** Why a console command needs confirming (main/core/at-console.ts has the table). */
export const AtRisk = Type.Union([
  Type.Literal('echo'),
  Type.Literal('result-codes'),
  Type.Literal('reset'),
  Type.Literal('save-profile'),
  Type.Literal('call'),
  Type.Literal('text-mode'),
  Type.Literal('radio'),
  Type.Literal('notices'),
  Type.Literal('storage'),
  Type.Literal('charset'),
  Type.Literal('errors'),
  Type.Literal('baud'),
  Type.Literal('delete'),
  Type.Literal('acknowledge'),
  Type.Literal('send'),
  Type.Literal('sim-code'),
  Type.Literal('operator'),
]);
export type AtRisk = Static<typeof AtRisk>;

export const AtCommandResult = Type.Union([
  /** The modem answered OK; `lines` are its reply lines (message PDUs hidden). */
  Type.Object({ outcome: Type.Literal('ok'), lines: Type.Array(Type.String()) }),
  /** The modem answered an error, or nothing in time; `message` says which in words. */
  Type.Object({ outcome: Type.Literal('error'), message: Type.String(), lines: Type.Array(Type.String()) }),
  /** Not sent: it could break the driver's set-up. Send again with `confirm` to go ahead. */
  Type.Object({ outcome: Type.Literal('needs-confirm'), risks: Type.Array(AtRisk) }),
]);
export type AtCommandResult = Static<typeof AtCommandResult>;

export const PortsQuery = Type.Object(
  {
    /** Probe the free ports for modems now instead of waiting for the next scan. */
    probe: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type PortsQuery = Static<typeof PortsQuery>;

export const SerialPortView = Type.Object({
  path: Type.String(),
  manufacturer: NullableString,
  vendorId: NullableString,
  productId: NullableString,
  serialNumber: NullableString,
  /** A port of the demo's virtual modem. */
  virtual: Type.Boolean(),
  /** The modem on this port (its id in modems.list), or null. */
  modemId: NullableString,
});
export type SerialPortView = Static<typeof SerialPortView>;

export const PortList = Type.Object({
  ports: Type.Array(SerialPortView),
  /** True when the station looks for modems on the system's serial ports by itself. */
  watching: Type.Boolean(),
  /** Why the system's ports could not be listed (the operating system's words); null when they could. */
  problem: NullableString,
});
export type PortList = Static<typeof PortList>;

/** 'not-desktop': the CLI or the browser, which keep no secrets; 'no-keychain': the OS offers no encryption. */
export const PinAvailability = Type.Union([Type.Literal('available'), Type.Literal('not-desktop'), Type.Literal('no-keychain')]);
export type PinAvailability = Static<typeof PinAvailability>;

export const PinMemory = Type.Object({ availability: PinAvailability, remembered: Type.Boolean() });
export type PinMemory = Static<typeof PinMemory>;

/* ---------------------------------------------------------------- events */

export const MessageChanged = Type.Object({ message: MessageView });
export type MessageChanged = Static<typeof MessageChanged>;

/**
 * "Open the composer with this draft": an sms: link the system handed to SMSDesk. `id` grows
 * with each link, so a window that sees the same (replayed) intent twice opens it once.
 */
export const ComposeIntent = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  to: Type.Array(Type.String()),
  body: Type.String(),
  /** Why the link could not be read, in words; the composer then opens empty and says so. */
  problem: Type.Union([Type.String(), Type.Null()]),
});
export type ComposeIntent = Static<typeof ComposeIntent>;
