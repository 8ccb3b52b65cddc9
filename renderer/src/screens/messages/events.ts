import { useEffect, useRef } from 'react';
import type { EventName, EventPayload } from '../../../../main/contract';
import { api } from '../../api';

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
