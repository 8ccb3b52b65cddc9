/**
 * +CME ERROR codes, 3GPP TS 27.007 §9.2 (§9.2.1 general, §9.2.2 GPRS), with plain words.
 * `name` is the text modems print with verbose errors (AT+CMEE=2), used to map a verbose
 * reply back to its number.
 */
import type { CodeInfo } from './cms-codes';

const t = (name: string, message: string): CodeInfo => ({ name, message, retry: 'transient' });
const p = (name: string, message: string): CodeInfo => ({ name, message, retry: 'permanent' });

export const CME_CODES: ReadonlyMap<number, CodeInfo> = new Map<number, CodeInfo>([
  [0, t('phone failure', 'The modem failed.')],
  [1, t('no connection to phone', 'The modem is not connected.')],
  [2, t('phone-adaptor link reserved', 'The modem link is in use.')],
  [3, p('operation not allowed', 'The modem does not allow this operation now.')],
  [4, p('operation not supported', 'The modem does not support this operation.')],
  [5, p('PH-SIM PIN required', 'The modem needs its phone-to-SIM lock code.')],
  [6, p('PH-FSIM PIN required', 'The modem needs its first-SIM lock code.')],
  [7, p('PH-FSIM PUK required', 'The modem needs its first-SIM unblocking code.')],
  [10, p('SIM not inserted', 'There is no SIM card in the modem.')],
  [11, p('SIM PIN required', 'The SIM needs its PIN.')],
  [12, p('SIM PUK required', 'The SIM is blocked and needs its PUK.')],
  [13, p('SIM failure', 'The SIM card failed.')],
  [14, t('SIM busy', 'The SIM is busy. It can be tried again shortly.')],
  [15, p('SIM wrong', 'The SIM card is not accepted by this modem.')],
  [16, p('incorrect password', 'The PIN or password is wrong.')],
  [17, p('SIM PIN2 required', 'The SIM needs its PIN2.')],
  [18, p('SIM PUK2 required', 'The SIM needs its PUK2.')],
  [20, t('memory full', 'The modem memory is full.')],
  [21, p('invalid index', 'There is nothing at that place in storage.')],
  [22, p('not found', 'The item was not found.')],
  [23, t('memory failure', 'The modem memory failed.')],
  [24, p('text string too long', 'The text is too long.')],
  [25, p('invalid characters in text string', 'The text has characters the modem cannot take.')],
  [26, p('dial string too long', 'The number is too long.')],
  [27, p('invalid characters in dial string', 'The number has characters the modem cannot take.')],
  [30, t('no network service', 'The modem has no network service.')],
  [31, t('network timeout', 'The mobile network did not answer in time.')],
  [32, t('network not allowed - emergency calls only', 'The network allows emergency calls only.')],
  [40, p('network personalization PIN required', 'The modem is locked to a network and needs its unlock code.')],
  [41, p('network personalization PUK required', 'The modem network lock needs its unblocking code.')],
  [42, p('network subset personalization PIN required', 'The modem is locked to a network subset and needs its code.')],
  [43, p('network subset personalization PUK required', 'The modem network subset lock needs its unblocking code.')],
  [44, p('service provider personalization PIN required', 'The modem is locked to a provider and needs its code.')],
  [45, p('service provider personalization PUK required', 'The modem provider lock needs its unblocking code.')],
  [46, p('corporate personalization PIN required', 'The modem is locked to a company and needs its code.')],
  [47, p('corporate personalization PUK required', 'The modem company lock needs its unblocking code.')],
  [48, p('hidden key required', 'The modem needs a hidden key.')],
  [49, p('EAP method not supported', 'The modem does not support this sign-in method.')],
  [50, p('Incorrect parameters', 'The modem rejected the command parameters.')],
  [51, p('command implemented but currently disabled', 'The command is turned off on this modem.')],
  [52, p('command aborted by user', 'The command was aborted.')],
  [53, t('not attached to network due to MT functionality restrictions', 'The modem radio is off.')],
  [54, p('modem not allowed - MT restricted to emergency calls only', 'The modem allows emergency calls only.')],
  [55, t('operation not allowed because of MT functionality restrictions', 'The modem radio is off.')],
  [56, p('fixed dial number only allowed - called number is not a fixed dial number', 'The SIM only allows its fixed numbers.')],
  [57, t('temporarily out of service due to other MT usage', 'The modem is busy with something else.')],
  [58, p('language/alphabet not supported', 'The modem does not support this alphabet.')],
  [59, p('unexpected data value', 'The modem got a value it did not expect.')],
  [60, t('system failure', 'The modem had a system failure.')],
  [61, p('data missing', 'The modem is missing data for this command.')],
  [62, p('call barred', 'This call or service is barred.')],
  [63, t('message waiting indication subscription failure', 'The modem could not subscribe to waiting-message alerts.')],
  [100, t('unknown', 'The modem reported an unknown error.')],
  [103, p('Illegal MS', 'The network rejected this SIM.')],
  [106, p('Illegal ME', 'The network rejected this modem.')],
  [107, p('GPRS services not allowed', 'Mobile data is not allowed for this SIM.')],
  [111, p('PLMN not allowed', 'This network is not allowed for this SIM.')],
  [112, p('Location area not allowed', 'The SIM is not allowed in this area.')],
  [113, p('Roaming not allowed in this location area', 'Roaming is not allowed here.')],
  [132, p('service option not supported', 'The network does not support this service.')],
  [133, p('requested service option not subscribed', 'This SIM is not subscribed to the service.')],
  [134, t('service option temporarily out of order', 'The service is out of order for now.')],
  [148, t('unspecified GPRS error', 'Mobile data failed.')],
  [149, p('PDP authentication failure', 'Mobile data sign-in failed.')],
  [150, p('invalid mobile class', 'The modem class is not valid for this network.')],
]);

const byName = new Map<string, number>([...CME_CODES].map(([code, info]) => [normaliseName(info.name), code]));

function normaliseName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Maps a verbose CME text (AT+CMEE=2), e.g. "SIM PIN required", back to its code. */
export function cmeCodeFromText(text: string): number | undefined {
  return byName.get(normaliseName(text));
}

export function cmeInfo(code: number | undefined): CodeInfo {
  if (code !== undefined) {
    const known = CME_CODES.get(code);
    if (known) return known;
    if (code >= 256) return t(`manufacturer specific error ${code}`, `The modem reported its own error ${code}.`);
  }
  return t('unknown', 'The modem reported an error.');
}
