/**
 * Desktop cores on the sync test world (main/sync/testing.ts), reached only through their
 * contract calls and events, as the renderer reaches them. Tests only.
 */
import { expect } from 'vitest';
import { openSerialTransport, type SerialBinding } from '../../modem/at/index';
import type { Archive } from '../archive/index';
import type { AccountStatus, CallArgs, CallName, CallResult } from '../contract';
import { FAST_BACKOFF, GATEWAY_NUMBER, codeIn, until, type World } from '../sync/testing';
import type { AccountTokenStore } from './account-tokens';
import { memoryAccountTokens } from './account-tokens';
import { StationCore } from './core';

/** Cores made by `desk`; the test file closes them in afterEach. */
export const openDesks: StationCore[] = [];

/** A desktop core on the world's archive `name`; with `sim`, it drives that emulator modem as its own station. */
export function desk(
  w: World,
  name: string,
  tokens: AccountTokenStore = memoryAccountTokens(),
  sim?: number,
): { core: StationCore; archive: Archive } {
  const archive = w.rig.archive(name);
  const binding = w.rig.emulator.binding() as unknown as SerialBinding;
  const ports = sim === undefined ? [] : (w.rig.emulator.modems[sim]?.ports.map((p) => p.name) ?? []);
  const core = new StationCore({
    archive,
    station: { pollMs: 50, ratePerMinute: 1_000 },
    tokenStore: tokens,
    mailboxTimings: { backoff: FAST_BACKOFF, timeoutMs: 2_000, reconcileMs: 200, contactsSettleMs: 100 },
    log: () => undefined,
    ...(sim !== undefined
      ? { systemPorts: { list: async () => ports, opener: (path) => openSerialTransport(path, 115200, binding), rescanMs: 0 } }
      : {}),
  });
  openDesks.push(core);
  return { core, archive };
}

/** A contract call that must succeed. */
export async function call<K extends CallName>(core: StationCore, name: K, args: CallArgs<K>): Promise<CallResult<K>> {
  const result = await core.call(name, args);
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  return result.value as CallResult<K>;
}

/** Logs the core in with the code the handset of `number` receives from the gateway. */
export async function loginByHandset(w: World, core: StationCore, number: string): Promise<AccountStatus> {
  const handset = w.handset(number);
  const before = handset.inbox.length;
  expect(await call(core, 'account.requestCode', { number })).toEqual({ outcome: 'sent' });
  const sms = await until(() => handset.inbox.slice(before).find((m) => m.from === GATEWAY_NUMBER), `a code SMS at ${number}`);
  const login = await call(core, 'account.login', { number, code: codeIn(sms.text), deviceName: 'Office desk' });
  expect(login.outcome).toBe('signed-in');
  return login.status;
}
