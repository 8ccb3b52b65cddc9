/**
 * SMS set-up (TS 27.005 §3): verbose errors off, PDU mode, phase 2+ service for +CNMA,
 * storage chosen from what +CPMS=? offers, the safest +CNMI routing that +CNMI=?
 * allows, and a look at the service centre number. The choices are pure functions.
 */
import {
  CmsError,
  parseCnmiTest,
  parseCpmsSet,
  parseCpmsTest,
  parseCsca,
  type AtChannel,
  type CnmiOptions,
  type StorageOptions,
} from '../at/index';
import { DriverError } from './errors';
import type { Quirks } from './quirks';
import { isFatal, runSequence, type Step } from './sequence';

/** How new messages reach the driver: stored and announced (+CMTI), or handed over directly (+CMT, acknowledged with +CNMA). */
export type ReceiveMode = 'store' | 'direct' | 'poll';
export type ReportMode = 'store' | 'direct' | 'none';

export interface StoragePlan {
  /** Storages the start-up sweep reads (each real store once). */
  readonly sweep: readonly string[];
  /** Where new messages land (+CPMS <mem3>); reads and writes use it too. */
  readonly receive: string;
}

/** Stores a sweep must visit; "MT" is SM+ME together, read only when neither is offered alone. */
const REAL_STORES = ['SM', 'ME', 'SR'];

export function chooseStorage(options: StorageOptions, preference: readonly string[]): StoragePlan {
  const receiveChoices = options.receive.length > 0 ? options.receive : options.read;
  const receive = preference.find((s) => receiveChoices.includes(s)) ?? receiveChoices[0] ?? 'SM';
  const sweep = options.read.filter((s) => REAL_STORES.includes(s));
  if (sweep.length === 0 || !sweep.some((s) => s === 'SM' || s === 'ME')) {
    if (options.read.includes(receive) && !sweep.includes(receive)) sweep.unshift(receive);
  }
  return { sweep, receive };
}

export interface CnmiPlan {
  readonly values: readonly [number, number, number, number, number];
  readonly receive: ReceiveMode;
  readonly reports: ReportMode;
}

export interface CnmiWishes {
  /** Ask for +CMT direct delivery (needs +CNMA) instead of store-and-notify. */
  readonly preferDirect: boolean;
  /** +CSMS=1 is in effect: +CMT/+CDS can be acknowledged after the handler. */
  readonly cnma: boolean;
  /** The modem has somewhere to keep status reports (an "SR" store, or a quirk naming one). */
  readonly reportsStorable: boolean;
}

const first = (offered: readonly number[], wanted: readonly number[]): number | undefined => wanted.find((v) => offered.includes(v));

/**
 * The +CNMI values (TS 27.005 §3.4.1). Store-and-notify (mt=1) is preferred: the message
 * stays on the modem until the archive has it. Direct delivery (mt=2) is used only
 * with +CNMA, since without it the modem acknowledges on its own and a crash loses the
 * message. mode 2 buffers notices while the link is busy; bm=0: no cell broadcast;
 * bfr=0 flushes what was buffered.
 */
export function chooseCnmi(offered: CnmiOptions, wishes: CnmiWishes): CnmiPlan {
  const mode = first(offered.mode, [2, 1, 3]) ?? 0;
  const mtWanted = wishes.preferDirect && wishes.cnma ? [2, 1] : [1, ...(wishes.cnma ? [2] : [])];
  const mt = mode === 0 ? 0 : (first(offered.mt, mtWanted) ?? 0);
  const dsWanted = wishes.reportsStorable ? [2, 1] : [1, 2];
  const ds = mode === 0 ? 0 : (first(offered.ds, dsWanted) ?? 0);
  const bm = offered.bm.includes(0) || offered.bm.length === 0 ? 0 : (offered.bm[0] ?? 0);
  const bfr = offered.bfr.includes(0) || offered.bfr.length === 0 ? 0 : (offered.bfr[0] ?? 0);
  return {
    values: [mode, mt, bm, ds, bfr],
    receive: mt === 1 ? 'store' : mt === 2 ? 'direct' : 'poll',
    reports: ds === 2 ? 'store' : ds === 1 ? 'direct' : 'none',
  };
}

export interface SmsSetup {
  readonly storage: StoragePlan;
  readonly cnmi: CnmiPlan;
  readonly cnma: boolean;
  /** Use of the receive store right after set-up. */
  readonly used: number;
  readonly total: number;
  /** The service centre number on the SIM; null when none is set (sending will fail). */
  readonly smsc: string | null;
  /** Things that did not work but do not stop SMS, in words. */
  readonly warnings: readonly string[];
}

interface Ctx {
  quirks: Quirks;
  preferDirect: boolean;
  cnma: boolean;
  storageOptions: StorageOptions | undefined;
  storage: StoragePlan | undefined;
  cnmiOptions: CnmiOptions | undefined;
  cnmi: CnmiPlan | undefined;
  used: number;
  total: number;
  smsc: string | null;
  warnings: string[];
}

const quote = (s: string): string => `"${s}"`;

const STEPS: readonly Step<Ctx>[] = [
  { command: 'AT+CMEE=1', optional: true },
  {
    command: 'AT+CMGF=0',
    // Without PDU mode nothing below works (TS 27.005 §3.2.3).
  },
  {
    command: (c) => (c.quirks.supportsCnma ? 'AT+CSMS=1' : undefined),
    expect: '+CSMS:',
    optional: true,
    handle: (_r, c) => (c.cnma = true),
    onError: (_e, c) => c.warnings.push('The modem does not offer SMS phase 2+; direct delivery is not acknowledged.'),
  },
  {
    command: 'AT+CPMS=?',
    expect: '+CPMS:',
    optional: true,
    handle: (r, c) => {
      const parsed = parseCpmsTest(r.lines[0] ?? '');
      if (parsed.ok) c.storageOptions = parsed.value;
    },
  },
  {
    command: (c) => {
      const options = c.storageOptions ?? { read: ['SM'], write: ['SM'], receive: ['SM'] };
      const plan = chooseStorage(options, c.quirks.storagePreference);
      c.storage = plan;
      const write = options.write.includes(plan.receive) ? plan.receive : (options.write[0] ?? plan.receive);
      return `AT+CPMS=${quote(plan.receive)},${quote(write)},${quote(plan.receive)}`;
    },
    expect: '+CPMS:',
    optional: true,
    handle: (r, c) => {
      const parsed = parseCpmsSet(r.lines[0] ?? '');
      const receive = parsed.ok ? parsed.value[2] : undefined;
      if (receive) {
        c.used = receive.used;
        c.total = receive.total;
      }
    },
    onError: (_e, c) => c.warnings.push('The modem refused the message storage SMSDesk chose; it keeps its own.'),
  },
  {
    command: 'AT+CNMI=?',
    expect: '+CNMI:',
    optional: true,
    handle: (r, c) => {
      const parsed = parseCnmiTest(r.lines[0] ?? '');
      if (parsed.ok) c.cnmiOptions = parsed.value;
    },
  },
  {
    command: (c) => {
      const offered = c.cnmiOptions ?? { mode: [2], mt: [1], bm: [0], ds: [0], bfr: [0] };
      const reportsStorable = c.quirks.statusReportStore !== 'announced' || (c.storageOptions?.read.includes('SR') ?? false);
      c.cnmi = chooseCnmi(offered, { preferDirect: c.preferDirect, cnma: c.cnma, reportsStorable });
      return `AT+CNMI=${c.cnmi.values.join(',')}`;
    },
    optional: true,
    onError: (_e, c) => {
      c.cnmi = { values: [0, 0, 0, 0, 0], receive: 'poll', reports: 'none' };
      c.warnings.push('The modem does not announce new messages; SMSDesk checks for them regularly instead.');
    },
  },
  {
    command: 'AT+CSCA?',
    expect: '+CSCA:',
    optional: true,
    handle: (r, c) => {
      const parsed = parseCsca(r.lines[0] ?? '');
      c.smsc = parsed.ok && parsed.value.address !== '' ? parsed.value.address : null;
      if (c.smsc === null) c.warnings.push('The SIM has no message centre number; sending will fail until one is set.');
    },
  },
];

export async function setUpSms(
  channel: AtChannel,
  quirks: Quirks,
  options: { preferDirect?: boolean; signal?: AbortSignal; onSkip?: (command: string, error: unknown) => void } = {},
): Promise<SmsSetup> {
  const ctx: Ctx = {
    quirks,
    preferDirect: options.preferDirect ?? false,
    cnma: false,
    storageOptions: undefined,
    storage: undefined,
    cnmiOptions: undefined,
    cnmi: undefined,
    used: 0,
    total: 0,
    smsc: null,
    warnings: [],
  };
  try {
    await runSequence(channel, STEPS, ctx, options);
  } catch (error) {
    if (isFatal(error)) throw error;
    if (error instanceof CmsError && (error.cms === 310 || error.cms === 313))
      throw new DriverError('SIM_UNAVAILABLE', error.detail, { cause: error });
    throw new DriverError('SETUP_FAILED', error instanceof Error ? error.message : String(error), { cause: error });
  }
  // Optional extras a family needs (quirk data), e.g. vendor notice switches.
  for (const extra of quirks.extraInit) {
    try {
      await channel.send(extra.command, { timeoutMs: extra.timeoutMs ?? 5_000 });
    } catch (error) {
      if (isFatal(error)) throw error;
      options.onSkip?.(extra.command, error);
    }
  }
  return {
    storage: ctx.storage ?? { sweep: ['SM'], receive: 'SM' },
    cnmi: ctx.cnmi ?? { values: [0, 0, 0, 0, 0], receive: 'poll', reports: 'none' },
    cnma: ctx.cnma,
    used: ctx.used,
    total: ctx.total,
    smsc: ctx.smsc,
    warnings: ctx.warnings,
  };
}
