/**
 * The one error type of the mailbox client. `code` is stable (the server's error codes, plus
 * three of the client's own); `message` is plain words for a person; `status` is the HTTP
 * status when the server answered.
 */
export type MailboxErrorCode =
  // The server's codes (mailbox/README.md, "Errors").
  | 'bad-request'
  | 'unauthorized'
  | 'bad-credentials'
  | 'not-found'
  | 'conflict'
  | 'too-large'
  | 'rate-limited'
  | 'internal'
  // The client's own.
  | 'offline' // no answer: no network, the server is down, or the request timed out
  | 'signed-out' // no session token stored: log in first
  | 'bad-response'; // the server answered something this client does not understand

const SERVER_CODES: ReadonlySet<string> = new Set([
  'bad-request',
  'unauthorized',
  'bad-credentials',
  'not-found',
  'conflict',
  'too-large',
  'rate-limited',
  'internal',
]);

export class MailboxClientError extends Error {
  override readonly name = 'MailboxClientError';

  constructor(
    readonly code: MailboxErrorCode,
    message: string,
    readonly status?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }

  /** Worth trying again later as it is: the network, the server's load or its limits. */
  get transient(): boolean {
    return this.code === 'offline' || this.code === 'internal' || this.code === 'rate-limited' || this.code === 'bad-response';
  }

  /** The session is gone (revoked, expired, never made): only a new login helps. */
  get signedOut(): boolean {
    return this.code === 'unauthorized' || this.code === 'signed-out';
  }
}

export function isMailboxClientError(error: unknown): error is MailboxClientError {
  return error instanceof MailboxClientError;
}

/** The server's error code, or the code its HTTP status stands for when the body says none. */
export function errorCodeOf(status: number, code: unknown): MailboxErrorCode {
  if (typeof code === 'string' && SERVER_CODES.has(code)) return code as MailboxErrorCode;
  if (status === 400) return 'bad-request';
  if (status === 401) return 'unauthorized';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 413) return 'too-large';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'internal';
  return 'bad-response';
}
