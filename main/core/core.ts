import { Value } from '@sinclair/typebox/value';
import {
  calls,
  fail,
  isCallName,
  ok,
  type AppInfo,
  type CallArgs,
  type CallName,
  type CallResult,
  type ConversationPage,
  type ModemSummary,
  type Result,
} from '../contract';
import { EventHub } from './event-hub';
import { DisposableStore } from './lifecycle';
import { APP_NAME, APP_VERSION } from './version';

export interface StationCoreOptions {
  /** Which runtime hosts the core; the Electron main process passes its versions. */
  runtime?: { kind: 'electron'; electron: string; chrome: string } | { kind: 'node' };
  /** Where unexpected errors are reported; defaults to stderr. */
  log?: (message: string, err?: unknown) => void;
}

type Handlers = { [K in CallName]: (args: CallArgs<K>) => Promise<CallResult<K>> | CallResult<K> };

/**
 * The station core: everything SMSDesk does, with no Electron in it. The desktop
 * app, the headless CLI and the web bridge all host this same object and reach it
 * only through `call` and `events`.
 */
export class StationCore {
  readonly events = new EventHub();
  readonly #disposables = new DisposableStore();
  readonly #options: StationCoreOptions;
  readonly #handlers: Handlers;
  #modems: ModemSummary[] = [];

  constructor(options: StationCoreOptions = {}) {
    this.#options = options;
    this.#handlers = {
      'app.info': () => this.#appInfo(),
      'modems.list': () => [...this.#modems],
      'conversations.list': (): ConversationPage => ({ items: [], next: null }),
    };
    this.events.emit('station.status', {
      state: 'no-modem',
      modems: 0,
      since: new Date().toISOString(),
    });
  }

  /**
   * Run one contract call. Arguments come from an untrusted renderer or browser,
   * so they are checked against the contract's schema before any handler sees
   * them; every failure comes back as a Result, never as a thrown error.
   */
  async call(name: unknown, args: unknown): Promise<Result<unknown>> {
    if (this.#disposables.isDisposed) return fail('unavailable', 'SMSDesk is shutting down.');
    if (!isCallName(name)) {
      const shown = typeof name === 'string' ? JSON.stringify(name.slice(0, 80)) : `of type ${typeof name}`;
      return fail('unknown-call', `There is no call named ${shown}.`);
    }
    return this.#dispatch(name, args);
  }

  async #dispatch<K extends CallName>(name: K, args: unknown): Promise<Result<CallResult<K>>> {
    const schema = calls[name].args;
    if (!Value.Check(schema, args)) {
      const first = Value.Errors(schema, args).First();
      const where = first?.path ? ` at ${first.path}` : '';
      return fail('bad-request', `The request for ${name} is not valid${where}: ${first?.message ?? 'unexpected value'}.`);
    }
    try {
      const handler = this.#handlers[name] as (a: CallArgs<K>) => Promise<CallResult<K>> | CallResult<K>;
      return ok(await handler(args as CallArgs<K>));
    } catch (err) {
      (this.#options.log ?? defaultLog)(`call ${name} failed`, err);
      return fail('internal', `${name} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  #appInfo(): AppInfo {
    const rt = this.#options.runtime ?? { kind: 'node' };
    return {
      name: APP_NAME,
      version: APP_VERSION,
      runtime: rt.kind,
      versions: {
        node: globalThis.process?.versions?.node ?? 'unknown',
        electron: rt.kind === 'electron' ? rt.electron : null,
        chrome: rt.kind === 'electron' ? rt.chrome : null,
      },
    };
  }

  dispose(): void {
    this.#disposables.dispose();
  }
}

function defaultLog(message: string, err?: unknown): void {
  console.error(`[smsdesk] ${message}`, err ?? '');
}
