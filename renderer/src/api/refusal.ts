/**
 * A refusal from the core in the reader's language. Refusals arrive as `{ code, message }`
 * with the message in English; a Chinese reader gets what kind of refusal it was in Chinese,
 * with the core's exact words after it (they name the number, the modem, the state, which a
 * code alone cannot). An English reader gets the core's words as they are.
 */
import type { ContractError, ErrorCode } from '../../../main/contract';
import { locale, t, type MessageKey } from '../i18n';

/** One text per contract error code; the type fails the build when the contract adds a code. */
export const refusalKeys: Readonly<Record<ErrorCode, MessageKey>> = {
  'bad-request': 'error.bad-request',
  'unknown-call': 'error.unknown-call',
  forbidden: 'error.forbidden',
  'not-found': 'error.not-found',
  unavailable: 'error.unavailable',
  internal: 'error.internal',
};

export function refusalText(error: ContractError): string {
  if (locale() === 'en') return error.message;
  // A code from a newer core that this renderer does not know: its words are all there is.
  const key = Object.hasOwn(refusalKeys, error.code) ? refusalKeys[error.code] : undefined;
  if (!key) return error.message;
  return error.message === '' ? t(key) : t('error.withDetail', { text: t(key), detail: error.message });
}
