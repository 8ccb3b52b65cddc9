/**
 * What a screen area's call handlers get from the core. Each area (office, contacts,
 * archive, account) implements its calls in main/core/areas/<area>.ts against this
 * context, so core.ts stays the host and not the home of every feature.
 */
import type { Archive } from '../archive/index';
import type { CallArgs, CallName, CallResult, ErrorCode } from '../contract';
import type { Station } from '../station/index';
import type { EventHub } from './event-hub';
import type { DisposableStore } from './lifecycle';
import type { ModemHub } from './modem-hub';

/** A handler's refusal that the caller should see as it is (not as an internal error). */
export class CallError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface CoreContext {
  /** The archive, when the core has one. */
  readonly archive: Archive | undefined;
  /** The station, when the core has an archive. */
  readonly station: Station | undefined;
  readonly hub: ModemHub;
  readonly events: EventHub;
  /** Owned by the core: whatever an area subscribes or schedules goes here and is disposed on close. */
  readonly disposables: DisposableStore;
  /** The archive, or a CallError('unavailable') the user can read. */
  mustArchive(): Archive;
  /** The station, or a CallError('unavailable') the user can read. */
  mustStation(): Station;
  log(message: string, err?: unknown): void;
}

/** The handlers of a set of calls: one function per call name, typed by the contract. */
export type AreaHandlers<N extends CallName> = { [K in N]: (args: CallArgs<K>) => Promise<CallResult<K>> | CallResult<K> };
