/** Words for what the core reports about a modem: state, registration, signal. */
import type { ModemState, ModemSummary } from '../../../../main/contract';
import { t, type MessageKey } from '../../i18n';

export type SignalBand = 'none' | 'weak' | 'fair' | 'good' | 'excellent';

/** +CSQ rssi 0–31 → dBm (TS 27.007 §8.5: 0 is −113 dBm or less, each step 2 dB, 31 is −51 or more). */
export function dbm(rssi: number): number {
  return -113 + 2 * rssi;
}

/** Bands as installers use them: below −95 dBm SMS gets unreliable, above −75 dBm it is excellent. */
export function signalBand(rssi: number | null): SignalBand {
  if (rssi === null) return 'none';
  if (rssi <= 9) return 'weak';
  if (rssi <= 14) return 'fair';
  if (rssi <= 19) return 'good';
  return 'excellent';
}

export function signalWords(rssi: number | null): string {
  const band = signalBand(rssi);
  if (rssi === null) return t('modems.signal.none');
  return t('modems.signal.value', { words: t(`modems.signal.${band}` as MessageKey), dbm: String(dbm(rssi)).replace('-', '−') });
}

export function stateWords(state: ModemState): string {
  return t(`modems.state.${state}`);
}

export function stateHelp(state: ModemState): string | null {
  return state === 'ready' ? null : t(`modems.problem.${state}`);
}

const REGISTRATIONS = new Set([
  'home',
  'roaming',
  'searching',
  'denied',
  'not-registered',
  'unknown',
  'home-sms-only',
  'roaming-sms-only',
  'emergency-only',
  'home-csfb-not-preferred',
  'roaming-csfb-not-preferred',
  'attached-rlos',
]);

export function registrationWords(registration: string | null): string {
  if (registration === null) return t('modems.unknown');
  return REGISTRATIONS.has(registration) ? t(`modems.reg.${registration}` as MessageKey) : registration;
}

export function modemName(modem: ModemSummary): string {
  const name = [modem.manufacturer, modem.model].filter((p): p is string => p !== null && p !== '').join(' ');
  return name || t('modems.unnamed', { port: modem.port });
}
