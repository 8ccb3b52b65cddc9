/**
 * The mailbox client's errors as the Account screen needs them: login and code requests end
 * in outcomes the screen words in the person's language (a wrong code is not a failure of
 * SMSDesk); other calls fail with the contract's codes and the server's plain words.
 */
import type { AccountCodeOutcome, AccountLoginOutcome } from '../contract';
import { isMailboxClientError } from '../sync/index';
import { CallError } from './area';

export type CodeOutcomeName = AccountCodeOutcome['outcome'];
export type LoginOutcomeName = AccountLoginOutcome['outcome'];

/** Why a code request did not go out. */
export function codeOutcome(err: unknown): CodeOutcomeName {
  if (!isMailboxClientError(err)) throw err;
  switch (err.code) {
    case 'bad-request':
      return 'invalid-number';
    case 'rate-limited':
      return 'too-many-attempts';
    default:
      return 'unreachable';
  }
}

/** Why a login failed. The server answers a malformed code like a malformed number, so the code's shape decides. */
export function loginOutcome(err: unknown, code: string): LoginOutcomeName {
  if (!isMailboxClientError(err)) throw err;
  switch (err.code) {
    case 'bad-credentials':
    case 'unauthorized':
      return 'wrong-code';
    case 'rate-limited':
      return 'too-many-attempts';
    case 'bad-request':
      return /^\d{6,10}$/.test(code.trim()) ? 'invalid-number' : 'wrong-code';
    default:
      return 'unreachable';
  }
}

/** Any other call's failure as a CallError the renderer can show. */
export function remoteError(err: unknown): unknown {
  if (!isMailboxClientError(err)) return err;
  switch (err.code) {
    case 'offline':
      return new CallError('unavailable', 'The mailbox server cannot be reached.');
    case 'internal':
    case 'bad-response':
    case 'rate-limited':
      return new CallError('unavailable', err.message);
    case 'unauthorized':
    case 'signed-out':
    case 'bad-credentials':
      return new CallError('forbidden', 'The mailbox ended this session. Log in again.');
    case 'not-found':
      return new CallError('not-found', err.message);
    case 'bad-request':
    case 'conflict':
    case 'too-large':
      return new CallError('bad-request', err.message);
  }
}
