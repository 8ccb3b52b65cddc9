/**
 * The one contract between the renderer and the station core.
 *
 * Every request/response call and every event is declared here once. The
 * Electron build wires it to IPC (main/electron/ipc.ts + preload/), the web
 * bridge wires it to HTTP + server-sent events (main/web/), and tests use the
 * same bridge to run the real renderer in Chromium against the real core.
 */
import type { TSchema, Static } from '@sinclair/typebox';
import { Type } from '@sinclair/typebox';
import { accountCalls, accountEvents } from './account';
import { archiveCalls, archiveEvents } from './archive-io';
import type { CallSpec } from './area';
import { contactsCalls, contactsEvents } from './contacts';
import type { CallName, EventName, StationCallName, StationEventName } from './names';
import { officeCalls, officeEvents } from './office';
import {
  AppInfo,
  AtCommandRequest,
  AtCommandResult,
  ComposeIntent,
  ConversationPage,
  ConversationQuery,
  ConversationRef,
  ConversationSummary,
  DemoInfo,
  MessageChanged,
  MessagePage,
  MessageRef,
  MessageView,
  ModemRef,
  ModemSummary,
  ModemTrace,
  NoArgs,
  PinMemory,
  PortList,
  PortsQuery,
  SearchPage,
  SearchRequest,
  SendRequest,
  SignalHistory,
  StationStatus,
  ThreadQuery,
  TraceQuery,
  UnlockRequest,
  UssdAnswer,
  UssdRequest,
} from './schemas';

/**
 * "Show this conversation": a click on a desktop notification. `id` grows with each request,
 * so a window that sees the same (replayed) request twice opens it once. Declared here, not in
 * schemas.ts, because it belongs to the desktop's notifications only.
 */
export const OpenConversationIntent = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  conversation: ConversationSummary,
});
export type OpenConversationIntent = Static<typeof OpenConversationIntent>;

/** A message left the archive; every window drops it and refreshes its conversation's summary. */
export const MessageDeleted = Type.Object({
  messageId: Type.String(),
  conversationId: Type.String(),
  /** The conversation as it is now (snippet, unread), or null when its last message went. */
  conversation: Type.Union([ConversationSummary, Type.Null()]),
});
export type MessageDeleted = Static<typeof MessageDeleted>;

/** Calls of the Messages and Modems screens; the other areas declare theirs in their own module. */
export const stationCalls = {
  /** Name, version and runtime of the running core. */
  'app.info': { args: NoArgs, result: AppInfo },
  /** Runs the demo: a virtual modem on a virtual network, and a handset that answers every SMS. */
  'station.startDemo': { args: NoArgs, result: DemoInfo },
  /** Modems the station knows, attached or not. */
  'modems.list': { args: NoArgs, result: Type.Array(ModemSummary) },
  /** Enters the SIM PIN the user typed, once; a wrong PIN is reported, never retried. */
  'modems.unlock': { args: UnlockRequest, result: ModemSummary },
  /** Starts a USSD session (a code such as *100#) or answers the open session's menu. */
  'ussd.send': { args: UssdRequest, result: UssdAnswer },
  /** Ends the modem's open USSD session. */
  'ussd.cancel': { args: ModemRef, result: Type.Null() },
  /** The modem's signal over time (kept by the core, bounded), oldest first. */
  'modems.signalHistory': { args: ModemRef, result: SignalHistory },
  /** The newest lines of the modem's AT trace (PINs and message PDUs hidden), oldest first. */
  'modems.traceLines': { args: TraceQuery, result: ModemTrace },
  /** Sends one raw AT command from the console; commands that could break the driver need `confirm`. */
  'modems.at': { args: AtCommandRequest, result: AtCommandResult },
  /** Whether this SMSDesk can remember the modem's PIN (desktop keychain only), and whether it does. */
  'modems.pinMemory': { args: ModemRef, result: PinMemory },
  /** Forgets the modem's remembered PIN. */
  'modems.forgetPin': { args: ModemRef, result: PinMemory },
  /** Serial ports of this machine and the demo's virtual ones, with the modem on each; `probe` looks for modems now. */
  'ports.list': { args: PortsQuery, result: PortList },
  /** One page of conversations, newest first. */
  'conversations.list': { args: ConversationQuery, result: ConversationPage },
  /** Marks every incoming message of a conversation read. */
  'conversations.markRead': { args: ConversationRef, result: Type.Null() },
  /** One page of a thread, newest first. */
  'messages.thread': { args: ThreadQuery, result: MessagePage },
  /** Queues an SMS; the station sends it as soon as a modem and the rate limit allow. */
  'messages.send': { args: SendRequest, result: MessageView },
  /** Sends a failed or unconfirmed message again (unconfirmed: only when the user asks, as here). */
  'messages.retry': { args: MessageRef, result: MessageView },
  /** Cancels a queued message that has not gone out. */
  'messages.cancel': { args: MessageRef, result: MessageView },
  /** Deletes a message from the archive (not one that is being sent). */
  'messages.delete': { args: MessageRef, result: Type.Null() },
  /** Full-text search over the archive, newest first. */
  'search.messages': { args: SearchRequest, result: SearchPage },
} as const satisfies { [K in StationCallName]: CallSpec };

export const calls = {
  ...stationCalls,
  ...officeCalls,
  ...contactsCalls,
  ...archiveCalls,
  ...accountCalls,
} as const satisfies { [K in CallName]: CallSpec };

export const stationEvents = {
  /** The station's overall state; the latest value is replayed to each new subscriber. */
  'station.status': StationStatus,
  /** Every modem, whenever one changes (state, signal, registration); the latest list is replayed. */
  'modems.changed': Type.Array(ModemSummary),
  /** A message arrived, was queued, or changed status. */
  'message.changed': MessageChanged,
  /** A message was deleted (the latest is replayed, harmlessly: deleting twice changes nothing). */
  'message.deleted': MessageDeleted,
  /** New lines of a modem's AT trace, in batches of at most 200; `seq` orders and de-duplicates them. */
  'modems.trace': ModemTrace,
  /** An sms: link asks for the composer (the desktop app is the system's sms: handler); the latest is replayed. */
  'app.compose': ComposeIntent,
  /** A notification was clicked: every window shows that conversation; the latest is replayed. */
  'app.openConversation': OpenConversationIntent,
} as const satisfies { [K in StationEventName]: TSchema };

export const events = {
  ...stationEvents,
  ...officeEvents,
  ...contactsEvents,
  ...archiveEvents,
  ...accountEvents,
} as const satisfies { [K in EventName]: TSchema };

export type CallArgs<K extends CallName> = Static<(typeof calls)[K]['args']>;
export type CallResult<K extends CallName> = Static<(typeof calls)[K]['result']>;
export type EventPayload<K extends EventName> = Static<(typeof events)[K]>;
