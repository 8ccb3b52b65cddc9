/**
 * The mailbox's error codes. Services throw MailboxError; the HTTP and WebSocket layers turn
 * the code into a status and a `{error: {code, message}}` body. Messages are plain words.
 */
export type MailboxErrorCode =
  /** The request does not match its schema or carries a value that makes no sense. */
  | 'bad-request'
  /** No token, or a token that is unknown, revoked or of the wrong kind. */
  | 'unauthorized'
  /** Wrong number, code or password (one code for all three: no oracle). */
  | 'bad-credentials'
  /** Too many tries for this number or address; wait and try again. */
  | 'rate-limited'
  /** The thing asked for does not exist in the caller's reach. */
  | 'not-found'
  /** The same client id was used before for different content. */
  | 'conflict'
  | 'internal';

export class MailboxError extends Error {
  override readonly name = 'MailboxError';
  constructor(
    readonly code: MailboxErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const HTTP_STATUS: Readonly<Record<MailboxErrorCode, number>> = {
  'bad-request': 400,
  unauthorized: 401,
  'bad-credentials': 401,
  'rate-limited': 429,
  'not-found': 404,
  conflict: 409,
  internal: 500,
};
