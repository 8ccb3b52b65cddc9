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
import type { CallName, EventName } from './names';
import { AppInfo, ConversationPage, ConversationQuery, ModemSummary, NoArgs, StationStatus } from './schemas';

export const calls = {
  /** Name, version and runtime of the running core. */
  'app.info': { args: NoArgs, result: AppInfo },
  /** Modems the station knows, attached or not. */
  'modems.list': { args: NoArgs, result: Type.Array(ModemSummary) },
  /** One page of conversations, newest first. */
  'conversations.list': { args: ConversationQuery, result: ConversationPage },
} as const satisfies { [K in CallName]: { args: TSchema; result: TSchema } };

export const events = {
  /** The station's overall state; the latest value is replayed to each new subscriber. */
  'station.status': StationStatus,
} as const satisfies { [K in EventName]: TSchema };

export type CallArgs<K extends CallName> = Static<(typeof calls)[K]['args']>;
export type CallResult<K extends CallName> = Static<(typeof calls)[K]['result']>;
export type EventPayload<K extends EventName> = Static<(typeof events)[K]>;
