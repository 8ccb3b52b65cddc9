/**
 * Incoming calls (TS 27.007 §7.6, V.250 RING): SMSDesk does not take calls, but shows
 * who rings and may refuse the call (e.g. to answer by SMS instead).
 */
import { parseClip, type AtChannel, type CallerId, type Disposable } from '../at/index';

export type CallEvent =
  /** RING without caller ID (repeats every few seconds while the call waits). */
  | { readonly kind: 'ring' }
  /** +CLIP after RING: the caller's number, empty when withheld. */
  | { readonly kind: 'caller-id'; readonly caller: CallerId }
  /** The call ended (NO CARRIER while idle). */
  | { readonly kind: 'ended' };

export function watchCalls(channel: AtChannel, listener: (event: CallEvent) => void): Disposable {
  const subs = [
    channel.onUrc('RING', () => listener({ kind: 'ring' })),
    channel.onUrc('+CLIP:', (u) => {
      const parsed = parseClip(u.line);
      if (parsed.ok) listener({ kind: 'caller-id', caller: parsed.value });
    }),
    channel.onUrc('NO CARRIER', () => listener({ kind: 'ended' })),
  ];
  return { dispose: () => subs.forEach((s) => s.dispose()) };
}
