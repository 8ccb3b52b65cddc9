/** A fake of the contract's `call` for store tests: answers from handlers, records every call. */
import type { CallArgs, CallName, CallResult, Result, SmsDeskApi } from '../../../../main/contract';

export type Handlers = { [K in CallName]?: (args: CallArgs<K>) => CallResult<K> | Promise<CallResult<K>> };

export function fakeApi(handlers: Handlers): Pick<SmsDeskApi, 'call'> & { calls: { name: CallName; args: unknown }[] } {
  const calls: { name: CallName; args: unknown }[] = [];
  return {
    calls,
    call: (async (name: CallName, args: unknown): Promise<Result<unknown>> => {
      calls.push({ name, args });
      const handler = handlers[name] as ((a: unknown) => unknown) | undefined;
      if (!handler) return { ok: false, error: { code: 'unknown-call', message: `no fake for ${name}` } };
      return { ok: true, value: await handler(args) };
    }) as SmsDeskApi['call'],
  };
}
