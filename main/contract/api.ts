import type { CallArgs, CallResult, EventPayload } from './contract';
import type { CallName, EventName } from './names';
import type { Result } from './result';

/**
 * What the renderer sees of the core: exposed by the preload as `window.smsdesk`
 * in the desktop app, and implemented over HTTP by the web bridge.
 */
export interface SmsDeskApi {
  call<K extends CallName>(name: K, args: CallArgs<K>): Promise<Result<CallResult<K>>>;
  /** Subscribe to an event; the returned function unsubscribes. */
  on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void;
}
