/**
 * Getting in step with a modem in an unknown state: ESC leaves a "> " prompt a crashed
 * program left open (TS 27.005 §3.5.1), then AT until OK. A stale answer (to that ESC, or
 * to what the crashed program sent) could be taken for the answer to our AT, and from then
 * on every reply for the command after it; so after the first OK a pause lets any
 * leftover pass while no command waits (the channel drops it), and a second AT confirms
 * the line is in step. Then echo off and numeric errors (+CMEE=1), which the SIM checks
 * need to tell "no SIM" from "wrong PIN".
 */
import type { AtChannel } from '../at/index';
import { DriverError } from './errors';
import { isFatal } from './sequence';

export interface SyncOptions {
  readonly attempts?: number;
  readonly timeoutMs?: number;
  /** Quiet time after ESC; longer than the modem's slowest answer. */
  readonly quietMs?: number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly signal?: AbortSignal;
}

export async function synchronise(channel: AtChannel, options: SyncOptions): Promise<void> {
  const attempts = options.attempts ?? 3;
  const timeoutMs = options.timeoutMs ?? 1_500;
  const quietMs = options.quietMs ?? 300;
  await channel.escape();
  await options.sleep(quietMs);
  let last: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      await channel.send('AT', { timeoutMs, ...(options.signal ? { signal: options.signal } : {}) });
      await options.sleep(quietMs);
      await channel.send('AT', { timeoutMs, ...(options.signal ? { signal: options.signal } : {}) });
      last = undefined;
      break;
    } catch (error) {
      if (isFatal(error)) throw error;
      last = error;
    }
  }
  if (last !== undefined) throw new DriverError('NOT_RESPONDING', `no OK to AT after ${attempts} tries`, { cause: last });
  // Echo off saves bytes (the framer copes with echo either way: Wavecom refuses ATE1, some refuse ATE0).
  for (const command of ['ATE0', 'AT+CMEE=1']) {
    try {
      await channel.send(command, { timeoutMs });
    } catch (error) {
      if (isFatal(error)) throw error;
    }
  }
}
