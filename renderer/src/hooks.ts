import { useEffect, useRef, useState } from 'react';
import type { CallArgs, CallName, CallResult, ContractError, EventName, EventPayload } from '../../main/contract';
import { api } from './api';

export type Loadable<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'error'; error: ContractError };

/** Run one contract call when the component mounts; the result is a Loadable. */
export function useCall<K extends CallName>(name: K, args: CallArgs<K>): Loadable<CallResult<K>> {
  const [result, setResult] = useState<Loadable<CallResult<K>>>({ state: 'loading' });
  const key = JSON.stringify(args ?? null);
  useEffect(() => {
    let live = true;
    void api.call(name, JSON.parse(key) as CallArgs<K>).then((r) => {
      if (!live) return;
      setResult(r.ok ? { state: 'ready', value: r.value } : { state: 'error', error: r.error });
    });
    return () => {
      live = false;
    };
  }, [name, key]);
  return result;
}

/** The latest payload of a contract event, or undefined until the first arrives. */
export function useEvent<K extends EventName>(name: K): EventPayload<K> | undefined {
  const [value, setValue] = useState<EventPayload<K> | undefined>(undefined);
  useEffect(() => api.on(name, setValue), [name]);
  return value;
}

/**
 * Calls `handler` for every payload of a contract event (useEvent keeps only the latest, and
 * a burst of message.changed must not lose any). The subscription is disposed on unmount.
 */
export function useEventHandler<K extends EventName>(name: K, handler: (payload: EventPayload<K>) => void): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => api.on(name, (payload) => latest.current(payload)), [name]);
}
