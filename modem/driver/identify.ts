/**
 * Who the modem is: manufacturer, model, revision and IMEI (TS 27.007 §5, need no SIM),
 * then the SIM's IMSI, ICCID and own number (need an unlocked SIM). The ICCID command
 * differs by vendor, so the quirk record lists the ones to try.
 */
import { parseCnum, parseIccid, parseImei, parseImsi, type AtChannel } from '../at/index';
import type { Quirks } from './quirks';
import { isFatal, plainValue, runSequence, type RunOptions, type Step } from './sequence';

export interface DeviceInfo {
  readonly manufacturer: string;
  readonly model: string;
  readonly revision: string;
  /** 15 digits; the key that recognises the modem on any port. */
  readonly imei: string;
}

export interface SimInfo {
  readonly imsi?: string;
  readonly iccid?: string;
  /** From +CNUM, when the SIM knows it (many do not). */
  readonly ownNumber?: string;
}

export type ModemIdentity = DeviceInfo & SimInfo;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const ID_TIMEOUT_MS = 5_000;

const DEVICE_STEPS: readonly Step<Mutable<DeviceInfo>>[] = [
  { command: 'AT+CGMI', timeoutMs: ID_TIMEOUT_MS, optional: true, handle: (r, d) => (d.manufacturer = plainValue(r.lines)) },
  { command: 'AT+CGMM', timeoutMs: ID_TIMEOUT_MS, optional: true, handle: (r, d) => (d.model = plainValue(r.lines)) },
  { command: 'AT+CGMR', timeoutMs: ID_TIMEOUT_MS, optional: true, handle: (r, d) => (d.revision = plainValue(r.lines)) },
  {
    command: 'AT+CGSN',
    timeoutMs: ID_TIMEOUT_MS,
    handle: (r, d) => {
      const imei = parseImei(r.lines);
      if (imei.ok) d.imei = imei.value;
    },
  },
];

export async function readDeviceInfo(channel: AtChannel, options: RunOptions = {}): Promise<DeviceInfo> {
  const info: Mutable<DeviceInfo> = { manufacturer: '', model: '', revision: '', imei: '' };
  await runSequence(channel, DEVICE_STEPS, info, options);
  return info;
}

const SIM_STEPS: readonly Step<Mutable<SimInfo>>[] = [
  {
    command: 'AT+CIMI',
    timeoutMs: ID_TIMEOUT_MS,
    optional: true,
    handle: (r, s) => {
      const imsi = parseImsi(r.lines);
      if (imsi.ok) s.imsi = imsi.value;
    },
  },
  {
    command: 'AT+CNUM',
    timeoutMs: ID_TIMEOUT_MS,
    expect: '+CNUM:',
    optional: true,
    handle: (r, s) => {
      const numbers = parseCnum(r.lines);
      const first = numbers.ok ? numbers.value[0] : undefined;
      if (first) s.ownNumber = first.number;
    },
  },
];

export async function readSimInfo(channel: AtChannel, quirks: Quirks, options: RunOptions = {}): Promise<SimInfo> {
  const info: Mutable<SimInfo> = {};
  await runSequence(channel, SIM_STEPS, info, options);
  for (const command of quirks.iccidCommands) {
    try {
      const r = await channel.send(command, { timeoutMs: ID_TIMEOUT_MS, ...(options.signal ? { signal: options.signal } : {}) });
      const iccid = parseIccid(r.lines);
      if (iccid.ok) {
        info.iccid = iccid.value;
        break;
      }
    } catch (error) {
      if (isFatal(error)) throw error;
      options.onSkip?.(command, error);
    }
  }
  return info;
}
