/**
 * SIM PIN (TS 27.007 §8.3). A stored PIN is entered once. A refused PIN, a PUK state or
 * a missing SIM is reported to the user and never retried on its own: three wrong
 * tries block the SIM (TS 31.102), and only a person should spend them.
 */
import { assertNever, CmeError, parseCpin, type AtChannel, type PinStatus, type Urc } from '../at/index';
import { DriverError } from './errors';
import type { Quirks } from './quirks';
import { isFatal } from './sequence';

export interface PinOptions {
  /** The PIN to enter when the SIM asks for it. */
  readonly pin?: string;
  /** True once a PIN was refused: never enter it again without a new one from the user. */
  readonly pinRefused?: boolean;
  /** How long the SIM may take to become ready after the PIN (it reads its files). */
  readonly readyTimeoutMs?: number;
  readonly signal?: AbortSignal;
  readonly sleep: (ms: number) => Promise<void>;
}

export type PinOutcome = { readonly entered: boolean };

const CPIN_TIMEOUT_MS = 5_000;
/** Wavecom sends the +CPIN line without OK: the answer is in by then (python-gsmmodem fakemodems). */
const CPIN_NO_FINAL_TIMEOUT_MS = 1_500;
const POLL_MS = 500;

/** Reads what the SIM waits for. CME 10/13/14 are SIM states too. */
export async function readPinStatus(channel: AtChannel, quirks: Quirks, signal?: AbortSignal): Promise<PinStatus | 'busy'> {
  let seen: PinStatus | undefined;
  const watch = quirks.cpinWithoutFinal
    ? channel.onUrc('+CPIN:', (urc: Urc) => {
        const parsed = parseCpin(urc.line);
        if (parsed.ok) seen = parsed.value;
      })
    : undefined;
  try {
    const r = await channel.send('AT+CPIN?', {
      // Without `expect` the +CPIN line is taken for a notice, which is what the watcher needs.
      ...(quirks.cpinWithoutFinal ? { timeoutMs: CPIN_NO_FINAL_TIMEOUT_MS } : { expect: '+CPIN:', timeoutMs: CPIN_TIMEOUT_MS }),
      ...(signal ? { signal } : {}),
    });
    for (const line of r.lines) {
      const parsed = parseCpin(line);
      if (parsed.ok) return parsed.value;
    }
    if (seen) return seen;
    throw new DriverError('SETUP_FAILED', `AT+CPIN? gave no +CPIN line: ${JSON.stringify(r.lines)}`);
  } catch (error) {
    if (seen) return seen;
    if (error instanceof CmeError) {
      if (error.cme === 10) return { code: 'NOT INSERTED', state: 'not-inserted', message: 'There is no SIM card in the modem.' };
      if (error.cme === 14) return 'busy';
      if (error.cme === 13 || error.cme === 15)
        throw new DriverError('SIM_UNAVAILABLE', error.detail, { cause: error, message: error.message });
      if (error.cme === 12) throw new DriverError('PUK_REQUIRED', error.detail, { cause: error });
    }
    throw error;
  } finally {
    watch?.dispose();
  }
}

/**
 * Makes sure the SIM is unlocked. Resolves when it is ready; rejects with a DriverError
 * that says what the user must do otherwise.
 */
export async function unlockSim(channel: AtChannel, quirks: Quirks, options: PinOptions): Promise<PinOutcome> {
  const readyBy = Date.now() + (options.readyTimeoutMs ?? 20_000);
  let entered = false;
  for (;;) {
    const status = await readPinStatus(channel, quirks, options.signal);
    if (status === 'busy' || status.state === 'not-ready') {
      if (Date.now() > readyBy) throw new DriverError('SIM_UNAVAILABLE', 'the SIM stayed busy');
      await options.sleep(POLL_MS);
      continue;
    }
    switch (status.state) {
      case 'ready':
        return { entered };
      case 'pin': {
        if (entered) {
          // The PIN was accepted but the SIM still asks: treat as refused rather than loop.
          throw new DriverError('PIN_WRONG', 'the SIM still asks for the PIN after it was accepted');
        }
        if (options.pinRefused) throw new DriverError('PIN_WRONG', 'the stored PIN was refused before');
        if (options.pin === undefined || options.pin === '') throw new DriverError('PIN_REQUIRED', status.code);
        if (!/^\d{4,8}$/.test(options.pin)) throw new DriverError('PIN_WRONG', 'a PIN has 4 to 8 digits');
        try {
          await channel.send(`AT+CPIN="${options.pin}"`, { timeoutMs: 20_000, ...(options.signal ? { signal: options.signal } : {}) });
        } catch (error) {
          if (isFatal(error)) throw error;
          // +CME ERROR: 16 (incorrect password) or 12 (now blocked): stop, tell the user.
          if (error instanceof CmeError && error.cme === 12) throw new DriverError('PUK_REQUIRED', error.detail, { cause: error });
          throw new DriverError('PIN_WRONG', error instanceof Error ? error.message : String(error), { cause: error });
        }
        entered = true;
        continue;
      }
      case 'puk':
        throw new DriverError('PUK_REQUIRED', status.code);
      case 'not-inserted':
        throw new DriverError('SIM_UNAVAILABLE', status.code);
      case 'pin2':
      case 'puk2':
      case 'phone-lock':
      case 'network-lock':
      case 'other':
        throw new DriverError('SIM_LOCKED', status.code, { message: status.message });
      default:
        return assertNever(status.state, 'SIM state');
    }
  }
}
