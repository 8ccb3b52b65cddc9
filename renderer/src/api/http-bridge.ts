import { fail, isCallName, isEventName, isResult, type SmsDeskApi } from '../../../main/contract';

/**
 * The contract over HTTP, for `smsdesk web` and the browser tests: calls are
 * POST /api/call/<name>, events arrive as server-sent events on /api/events.
 * Same-origin only; the session cookie set by the server authenticates both.
 */
export function createHttpBridge(base: string = ''): SmsDeskApi {
  let source: EventSource | null = null;
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  // The server replays each event's latest payload once, when the stream opens. A listener that
  // subscribes later (a screen mounted after start-up, or again after a language switch) gets it
  // from here, as the desktop app's IPC subscribe does.
  const latest = new Map<string, unknown>();

  const ensureSource = (): EventSource => {
    if (source) return source;
    source = new EventSource(`${base}/api/events`);
    return source;
  };

  return {
    async call(name, args) {
      if (!isCallName(name)) return fail('unknown-call', `There is no call named ${String(name)}.`);
      let response: Response;
      try {
        response = await fetch(`${base}/api/call/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ args: args ?? null }),
          credentials: 'same-origin',
        });
      } catch {
        return fail('unavailable', 'The SMSDesk station cannot be reached.');
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        return fail('internal', `The station answered ${response.status} without a readable result.`);
      }
      if (!isResult(body)) return fail('internal', 'The station answered with something that is not a result.');
      return body as never;
    },
    on(name, listener) {
      if (!isEventName(name)) return () => undefined;
      const es = ensureSource();
      let set = listeners.get(name);
      if (!set) {
        set = new Set();
        listeners.set(name, set);
        es.addEventListener(name, (ev) => {
          let payload: unknown;
          try {
            payload = JSON.parse((ev as MessageEvent<string>).data);
          } catch {
            return;
          }
          latest.set(name, payload);
          for (const l of [...(listeners.get(name) ?? [])]) l(payload);
        });
      }
      const entry = listener as (payload: unknown) => void;
      set.add(entry);
      if (latest.has(name)) {
        queueMicrotask(() => {
          if (set.has(entry)) entry(latest.get(name));
        });
      }
      return () => {
        set.delete(entry);
      };
    },
  };
}
