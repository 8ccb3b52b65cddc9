/**
 * Modem quirks as data: a record per device family, picked by the identity the modem
 * reports (+CGMI/+CGMM). The core reads fields of the record; it never asks which model
 * it talks to. Each entry names the public source that shows a real device doing it.
 */
import type { UssdEncoding } from '../at/index';

/** Where a multi-port modem prints its notices (+CMTI, RING, +CUSD), among its ports in name order. */
export type NoticesPort = 'first' | 'last' | 'any';

/** Where status reports really are after +CDSI: the store the modem names, or a fixed one. */
export type StatusReportStore = 'announced' | 'SR' | 'SM' | 'ME';

/** One optional command a family needs during set-up; its failure is logged, not fatal. */
export interface ExtraCommand {
  readonly command: string;
  readonly timeoutMs?: number;
  /** Why the family needs it (the source). */
  readonly why: string;
}

export interface Quirks {
  readonly id: string;
  readonly label: string;
  readonly noticesPort: NoticesPort;
  /** How +CUSD strings travel in both directions; undefined: plain text out, a careful guess in. */
  readonly ussdEncoding: UssdEncoding | undefined;
  readonly statusReportStore: StatusReportStore;
  /** Whether +CSMS=1 and +CNMA work, so +CMT/+CDS can be acknowledged after the archive has them. */
  readonly supportsCnma: boolean;
  /** Receive storages in order of preference. SIM first: it survives a power cut (stick "ME" often does not). */
  readonly storagePreference: readonly string[];
  /** Commands sent after the standard set-up. */
  readonly extraInit: readonly ExtraCommand[];
  /**
   * The modem answers AT+CPIN? with the +CPIN line but no final OK (Wavecom, see
   * python-gsmmodem's fakemodems): read the line as a notice and do not wait long.
   */
  readonly cpinWithoutFinal: boolean;
  /** How to refuse an incoming call. */
  readonly hangupCommand: string;
  /** Commands that read the ICCID, tried in order. */
  readonly iccidCommands: readonly string[];
  /** Vendor lines that carry signal strength (0…31), besides +CSQ polling. */
  readonly signalNotice: string | undefined;
}

export const DEFAULT_QUIRKS: Quirks = {
  id: 'standard',
  label: 'Standard 3GPP modem',
  noticesPort: 'any',
  ussdEncoding: undefined,
  statusReportStore: 'announced',
  supportsCnma: true,
  storagePreference: ['SM', 'ME', 'MT'],
  extraInit: [],
  cpinWithoutFinal: false,
  hangupCommand: 'AT+CHUP',
  iccidCommands: ['AT+CCID', 'AT+ICCID', 'AT^ICCID?', 'AT+QCCID', 'AT+CRSM=176,12258,0,0,10'],
  signalNotice: undefined,
};

export interface QuirkEntry {
  /** Matched against +CGMI (case-insensitive). */
  readonly manufacturer: RegExp;
  /** Matched against +CGMM; any model when absent. */
  readonly model?: RegExp;
  readonly quirks: Partial<Quirks> & Pick<Quirks, 'id' | 'label'>;
  /** Public sources for the fields above. */
  readonly sources: Readonly<Record<string, string>>;
}

/** Most specific entries first: the first match wins. */
export const QUIRK_TABLE: readonly QuirkEntry[] = [
  {
    manufacturer: /huawei/i,
    quirks: {
      id: 'huawei',
      label: 'Huawei USB stick',
      noticesPort: 'last',
      ussdEncoding: 'gsm7-packed-hex',
      iccidCommands: ['AT^ICCID?', 'AT+CCID', 'AT+CRSM=176,12258,0,0,10'],
      signalNotice: '^RSSI:',
    },
    sources: {
      noticesPort:
        'https://github.com/zabsalahid/serialport-gsm/issues/32 (E173: notices only on ttyUSB2, the PC UI port); https://github.com/wdoekes/asterisk-chan-dongle/issues/161',
      ussdEncoding:
        'https://github.com/wdoekes/asterisk-chan-dongle/issues/116 (AT+CUSD=1,"AA182C3602",15: USSD as hex of packed GSM 7-bit)',
      signalNotice: 'https://github.com/gammu/gammu/issues/138 (E1752 prints ^RSSI every few seconds)',
    },
  },
  {
    manufacturer: /quectel/i,
    quirks: { id: 'quectel', label: 'Quectel LTE module', statusReportStore: 'SR' },
    sources: {
      statusReportStore:
        'https://github.com/IchthysMaranatha/asterisk-chan-quectel/pull/75 (EC25/EG25 store status reports in "SR" but announce +CDSI: "SM",0)',
    },
  },
  {
    manufacturer: /simcom/i,
    quirks: { id: 'simcom', label: 'SIMCom module', noticesPort: 'first' },
    sources: { noticesPort: 'SIM7500/SIM7600 Series AT Command Manual: URCs on the AT port (the first of the two)' },
  },
  {
    manufacturer: /wavecom/i,
    quirks: { id: 'wavecom', label: 'Wavecom / Sierra Fastrack', cpinWithoutFinal: true, hangupCommand: 'ATH' },
    sources: {
      cpinWithoutFinal: 'python-gsmmodem test/fakemodems.py (Wavecom answers AT+CPIN? without a final OK)',
      hangupCommand: 'Wavecom AT Commands Interface Guide: ATH ends or refuses a call (no +CHUP)',
    },
  },
];

export interface DeviceIdentity {
  readonly manufacturer: string;
  readonly model: string;
}

/** The quirk record for a device: defaults with the first matching entry laid over them. */
export function quirksFor(device: DeviceIdentity, table: readonly QuirkEntry[] = QUIRK_TABLE): Quirks {
  const entry = table.find((e) => e.manufacturer.test(device.manufacturer) && (e.model === undefined || e.model.test(device.model)));
  return entry ? { ...DEFAULT_QUIRKS, ...entry.quirks } : DEFAULT_QUIRKS;
}
