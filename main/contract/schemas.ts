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
  modems: Type.Integer({ minimum: 0 }),
  /** ISO 8601 time of the change. */
  since: Type.String(),
});
export type StationStatus = Static<typeof StationStatus>;

export const NoArgs = Type.Union([Type.Undefined(), Type.Null(), Type.Object({}, { additionalProperties: false })]);
export type NoArgs = Static<typeof NoArgs>;
