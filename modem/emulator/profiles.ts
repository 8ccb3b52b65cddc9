/**
 * Quirk profiles: how real modems differ, as data. Each quirk names the public
 * source that shows a real device doing it. The virtual modem reads these
 * fields; nothing in it asks which model it is.
 */
import type { StoreName } from './storage';

export type ProfileId = 'generic' | 'huawei-e173' | 'simcom-sim800' | 'simcom-sim7600' | 'quectel-ec25' | 'wavecom-fastrack' | 'phone';

export interface PortSpec {
  /** Suffix of the port's name, e.g. "0" → /dev/ttyUSB0 style naming by the host. */
  name: string;
  /** Whether unsolicited result codes (new SMS, RING, reports) appear on this port. */
  urcs: boolean;
}

export interface ModemProfile {
  id: ProfileId;
  label: string;
  manufacturer: string;
  model: string;
  revision: string;
  /** Lines printed by ATI. */
  ati: readonly string[];
  /** Slots per store; 0 means the store does not exist. */
  capacity: { SM: number; ME: number; SR: number };
  /** Stores offered by AT+CPMS=? for <mem1>, <mem2>, <mem3>. */
  cpmsChoices: readonly [readonly StoreName[], readonly StoreName[], readonly StoreName[]];
  /** Values each +CNMI parameter accepts, as AT+CNMI=? lists them. */
  cnmi: { mode: readonly number[]; mt: readonly number[]; bm: readonly number[]; ds: readonly number[]; bfr: readonly number[] };
  /** Final result for a command the modem does not implement. */
  unknownCommand: 'error' | 'unsupported';
  /** The modem's serial ports; USB sticks often have several, and only one carries URCs. */
  ports: readonly PortSpec[];
  /** Vendor status lines the modem prints on its own, e.g. Huawei's ^RSSI every few seconds. */
  noise: { lines: readonly string[]; everyMs: number; insideResponses: boolean } | null;
  /** Lines printed when the modem starts (after power-on, AT+CFUN=1,1 or replug). */
  boot: readonly string[];
  /** Time the modem takes to answer a command. */
  answerDelayMs: number;
  /** How +CMGR/+CMGL show the absent <alpha> field. */
  alphaField: 'empty' | 'quoted-empty';
  /** Where SMS-STATUS-REPORTs are stored with +CNMI ds=2, and which store +CDSI names. */
  statusReports: { store: 'SR' | 'SM' | 'ME'; announce: 'SR' | 'SM' | 'ME' };
  /** How +CUSD strings travel: as text, or as hex of the packed 7-bit / UCS-2 octets. */
  ussd: 'text' | 'hex';
  /** Whether ATE1 is accepted (some Wavecom firmware does not echo at all). */
  echo: boolean;
  /** A vendor's own command table to answer besides the 3GPP ones. */
  vendorCommands: 'huawei' | null;
  /** Public sources for the quirks above. */
  sources: Readonly<Record<string, string>>;
}

const STANDARD_CNMI = { mode: [0, 1, 2], mt: [0, 1, 2, 3], bm: [0, 2], ds: [0, 1, 2], bfr: [0, 1] } as const;

const generic: ModemProfile = {
  id: 'generic',
  label: 'Generic 3GPP modem',
  manufacturer: 'SMSDesk',
  model: 'Virtual GSM Modem',
  revision: 'VM 1.0',
  ati: ['SMSDesk', 'Virtual GSM Modem', 'Revision: VM 1.0'],
  capacity: { SM: 30, ME: 100, SR: 20 },
  cpmsChoices: [
    ['SM', 'ME', 'MT', 'SR'],
    ['SM', 'ME', 'MT'],
    ['SM', 'ME', 'MT'],
  ],
  cnmi: STANDARD_CNMI,
  unknownCommand: 'error',
  ports: [{ name: '0', urcs: true }],
  noise: null,
  boot: [],
  answerDelayMs: 0,
  alphaField: 'empty',
  statusReports: { store: 'SR', announce: 'SR' },
  ussd: 'text',
  echo: true,
  vendorCommands: null,
  sources: {
    commands: '3GPP TS 27.005 and TS 27.007',
  },
};

const huawei: ModemProfile = {
  ...generic,
  id: 'huawei-e173',
  label: 'Huawei E173 / E1750 / E3372 (stick mode)',
  manufacturer: 'huawei',
  model: 'E173',
  revision: '11.126.85.00.209',
  ati: ['Manufacturer: huawei', 'Model: E173', 'Revision: 11.126.85.00.209', 'IMEI: {imei}', '+GCAP: +CGSM,+DS,+ES'],
  capacity: { SM: 50, ME: 0, SR: 0 },
  cpmsChoices: [['SM'], ['SM'], ['SM']],
  cnmi: { mode: [0, 1, 2], mt: [0, 1, 2, 3], bm: [0, 2], ds: [0, 1, 2], bfr: [0, 1] },
  unknownCommand: 'unsupported',
  // Interface 0 is the modem (data) port, interface 2 the PC UI port that carries notices.
  ports: [
    { name: '0', urcs: false },
    { name: '1', urcs: false },
    { name: '2', urcs: true },
  ],
  noise: { lines: ['^RSSI:{signal}', '^MODE:5,4', '^BOOT:42687023,0,0,0,89'], everyMs: 10_000, insideResponses: true },
  ussd: 'hex',
  statusReports: { store: 'SM', announce: 'SM' },
  vendorCommands: 'huawei',
  sources: {
    vendorCommands:
      'https://github.com/sergei-mironov/asterisk-dongle-setup README (E173 11.126.85.00.209 delivers incoming SMS notices only after AT^PORTSEL=1); gammu 1.42 sends AT^CURC=0 and AT^PORTSEL=1 when it sees a Huawei',
    unknownCommand: 'https://github.com/gammu/wammu/issues/44 (E173 answers AT+CPROT=? with COMMAND NOT SUPPORT)',
    noise:
      'https://github.com/gammu/gammu/issues/138 (E1752 ^RSSI every few seconds); https://github.com/gammu/gammu/issues/126 (^SRVST right before a command echo, ^MODE:5,4)',
    ports:
      'https://github.com/wdoekes/asterisk-chan-dongle/issues/161 (E1550: one port only streams ^BOOT/^RSSI); https://github.com/zabsalahid/serialport-gsm/issues/32 (notices only on ttyUSB2, ^GETPORTMODE PCUI:2)',
    ussd: 'https://github.com/wdoekes/asterisk-chan-dongle/issues/116 (AT+CUSD=1,"AA182C3602",15: USSD as hex of packed GSM 7-bit); https://github.com/mbloody/yate-datacard/pull/1 (7-bit USSD encoding for Huawei E352)',
  },
};

const sim800: ModemProfile = {
  ...generic,
  id: 'simcom-sim800',
  label: 'SIMCom SIM800',
  manufacturer: 'SIMCOM_Ltd',
  model: 'SIMCOM_SIM800L',
  revision: 'Revision:1418B04SIM800L24',
  ati: ['SIM800 R14.18'],
  capacity: { SM: 30, ME: 0, SR: 0 },
  cpmsChoices: [['SM'], ['SM'], ['SM']],
  cnmi: { mode: [0, 1, 2, 3], mt: [0, 1, 2, 3], bm: [0, 2], ds: [0, 1, 2], bfr: [0, 1] },
  boot: ['RDY', '+CFUN: 1', '+CPIN: READY', 'Call Ready', 'SMS Ready'],
  alphaField: 'quoted-empty',
  statusReports: { store: 'SM', announce: 'SM' },
  sources: {
    boot: 'SIM800 Series AT Command Manual V1.09, §"Summary of unsolicited result codes" (RDY, Call Ready, SMS Ready); https://docslib.org/doc/8160536/sim800-series-at-command-manual-v1-09',
    alphaField: 'SIM800 Series AT Command Manual V1.09, AT+CMGR example: +CMGR: 0,"",24',
  },
};

const sim7600: ModemProfile = {
  ...generic,
  id: 'simcom-sim7600',
  label: 'SIMCom SIM7600',
  manufacturer: 'SIMCOM INCORPORATED',
  model: 'SIMCOM_SIM7600E-H',
  revision: 'LE20B04SIM7600M22',
  ati: ['Manufacturer: SIMCOM INCORPORATED', 'Model: SIMCOM_SIM7600E-H', 'Revision: LE20B04SIM7600M22', 'IMEI: {imei}', '+GCAP: +CGSM'],
  capacity: { SM: 30, ME: 23, SR: 0 },
  cpmsChoices: [
    ['ME', 'SM', 'MT'],
    ['ME', 'SM', 'MT'],
    ['ME', 'SM', 'MT'],
  ],
  boot: ['RDY', '+CPIN: READY', 'SMS DONE', 'PB DONE'],
  statusReports: { store: 'SM', announce: 'SM' },
  ports: [
    { name: '2', urcs: true },
    { name: '3', urcs: false },
  ],
  sources: {
    boot: 'SIM7500/SIM7600 Series AT Command Manual V1.xx, "PB DONE" and "SMS DONE" start-up URCs',
  },
};

const ec25: ModemProfile = {
  ...generic,
  id: 'quectel-ec25',
  label: 'Quectel EC25',
  manufacturer: 'Quectel',
  model: 'EC25',
  revision: 'EC25EFAR06A10M4G',
  ati: ['Quectel', 'EC25', 'Revision: EC25EFAR06A10M4G'],
  capacity: { SM: 30, ME: 255, SR: 20 },
  cpmsChoices: [
    ['SM', 'ME', 'MT', 'SR'],
    ['SM', 'ME', 'MT', 'SR'],
    ['SM', 'ME', 'MT', 'SR'],
  ],
  ports: [
    { name: '2', urcs: true },
    { name: '3', urcs: true },
  ],
  boot: ['RDY', '+CFUN: 1', '+CPIN: READY', '+QUSIM: 1', '+QIND: SMS DONE', '+QIND: PB DONE'],
  // Stored in SR but announced as "SM" (with ds=2): a driver that trusts +CDSI reads the wrong store.
  statusReports: { store: 'SR', announce: 'SM' },
  sources: {
    statusReports:
      'https://github.com/IchthysMaranatha/asterisk-chan-quectel/pull/75 (EC25/EG25 store status reports in "SR" but announce +CDSI: "SM",0)',
  },
};

const wavecom: ModemProfile = {
  ...generic,
  id: 'wavecom-fastrack',
  label: 'Wavecom / Sierra Fastrack',
  manufacturer: 'WAVECOM MODEM',
  model: 'MULTIBAND  900E  1800',
  revision: '532a09gg.2C2 1828120 040802 18:22',
  ati: ['WAVECOM MODEM', 'MULTIBAND  900E  1800'],
  capacity: { SM: 20, ME: 0, SR: 0 },
  cpmsChoices: [['SM'], ['SM'], ['SM']],
  cnmi: { mode: [0, 1, 2, 3], mt: [0, 1, 2, 3], bm: [0, 2], ds: [0, 1, 2], bfr: [0, 1] },
  boot: ['+WIND: 3', '+WIND: 1', '+WIND: 7', '+WIND: 4'],
  sources: {
    identity: 'https://github.com/gammu/gammu/issues/407 (Model: MULTIBAND  900E  1800, Firmware 532a09gg.2C2)',
    boot: 'Wavecom AT Commands Interface Guide, +WIND indications (3 = product ready, 4 = ready for AT commands, 7 = service available)',
  },
};

const phone: ModemProfile = {
  ...generic,
  id: 'phone',
  label: 'Phone over serial/Bluetooth (ME storage only)',
  manufacturer: 'Nokia',
  model: 'Nokia 6230i',
  revision: 'V 03.88',
  ati: ['Nokia'],
  capacity: { SM: 0, ME: 150, SR: 0 },
  cpmsChoices: [['ME'], ['ME'], ['ME']],
  cnmi: { mode: [0, 1, 2], mt: [0, 1], bm: [0], ds: [0], bfr: [0] },
  answerDelayMs: 250,
  sources: {
    storage: 'Phones keep SMS in ME only and route no +CMT/+CDS to the serial port (TS 27.005 leaves both optional)',
  },
};

export const PROFILES: Readonly<Record<ProfileId, ModemProfile>> = {
  generic,
  'huawei-e173': huawei,
  'simcom-sim800': sim800,
  'simcom-sim7600': sim7600,
  'quectel-ec25': ec25,
  'wavecom-fastrack': wavecom,
  phone,
};

export function isProfileId(x: string): x is ProfileId {
  return Object.prototype.hasOwnProperty.call(PROFILES, x);
}
