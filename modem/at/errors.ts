/**
 * The few error types of the AT layer. Each carries a stable `code` (survives structured
 * clone and IPC, unlike the class) and a plain-language `message` for people; the raw
 * modem text stays in `detail` for logs and bug reports.
 */
import { cmeInfo } from './cme-codes';
import { cmsInfo, type Retry } from './cms-codes';

export type AtErrorCode = 'AT_CMS' | 'AT_CME' | 'AT_TIMEOUT' | 'AT_COMMAND' | 'AT_PORT_CLOSED' | 'AT_CANCELLED' | 'AT_PARSE';

export abstract class AtError extends Error {
  abstract readonly code: AtErrorCode;
  /** The command that failed, as sent (already redacted for PIN/PUK). */
  readonly command: string | undefined;
  /** Raw modem text or other technical context. */
  readonly detail: string;

  constructor(message: string, detail: string, command?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.detail = detail;
    this.command = command;
  }
}

/** `+CMS ERROR: <n>` (TS 27.005 §3.2.5). `cms` is undefined when the modem gave no number. */
export class CmsError extends AtError {
  override readonly name = 'CmsError';
  readonly code = 'AT_CMS';
  readonly retry: Retry;
  constructor(
    readonly cms: number | undefined,
    detail: string,
    command?: string,
  ) {
    const info = cmsInfo(cms);
    super(info.message, detail, command);
    this.retry = info.retry;
  }
}

/** `+CME ERROR: <n>` (TS 27.007 §9.2). */
export class CmeError extends AtError {
  override readonly name = 'CmeError';
  readonly code = 'AT_CME';
  readonly retry: Retry;
  constructor(
    readonly cme: number | undefined,
    detail: string,
    command?: string,
  ) {
    const info = cmeInfo(cme);
    super(info.message, detail, command);
    this.retry = info.retry;
  }
}

/** Where a command was when its time ran out; tells the sender whether a PDU may have left. */
export type TimeoutStage = 'response' | 'prompt' | 'payload';

export class AtTimeoutError extends AtError {
  override readonly name = 'AtTimeoutError';
  readonly code = 'AT_TIMEOUT';
  constructor(
    readonly stage: TimeoutStage,
    readonly timeoutMs: number,
    command?: string,
  ) {
    super(
      stage === 'payload'
        ? 'The modem did not confirm the message in time; it may or may not have been sent.'
        : 'The modem did not answer in time.',
      `no final result after ${timeoutMs} ms (stage ${stage})`,
      command,
    );
  }
  /** True when the payload (e.g. an SMS PDU) was handed to the modem before time ran out. */
  get payloadSent(): boolean {
    return this.stage === 'payload';
  }
}

/** Final results without a number: ERROR, COMMAND NOT SUPPORT, NO CARRIER, BUSY, ... */
export type CommandFailure = 'ERROR' | 'COMMAND NOT SUPPORT' | 'TOO MANY PARAMETERS' | 'NO CARRIER' | 'BUSY' | 'NO ANSWER' | 'NO DIALTONE';

const failureMessage: Record<CommandFailure, string> = {
  ERROR: 'The modem refused the command.',
  'COMMAND NOT SUPPORT': 'The modem does not support this command.',
  'TOO MANY PARAMETERS': 'The modem refused the command parameters.',
  'NO CARRIER': 'The connection was lost or could not be made.',
  BUSY: 'The other side is busy.',
  'NO ANSWER': 'The other side did not answer.',
  'NO DIALTONE': 'The modem has no network to dial on.',
};

export class AtCommandError extends AtError {
  override readonly name = 'AtCommandError';
  readonly code = 'AT_COMMAND';
  constructor(
    readonly result: CommandFailure,
    detail: string,
    command?: string,
  ) {
    super(failureMessage[result], detail, command);
  }
}

export class PortClosedError extends AtError {
  override readonly name = 'PortClosedError';
  readonly code = 'AT_PORT_CLOSED';
  constructor(detail = 'port closed', command?: string, options?: { cause?: unknown }) {
    super('The connection to the modem was lost.', detail, command, options);
  }
}

/** Cancellation is not failure: callers check for this and stay quiet. */
export class CancelledError extends AtError {
  override readonly name = 'CancelledError';
  readonly code = 'AT_CANCELLED';
  constructor(
    detail = 'cancelled',
    command?: string,
    /** True when the payload (an SMS PDU) had already gone to the modem: the outcome is unknown. */
    readonly payloadSent = false,
  ) {
    super('The request was cancelled.', detail, command);
  }
}

/** A reply that a parser could not read; returned by parsers, never thrown by them. */
export class AtParseError extends AtError {
  override readonly name = 'AtParseError';
  readonly code = 'AT_PARSE';
  constructor(
    readonly what: string,
    readonly input: string,
  ) {
    super('The modem sent a reply SMSDesk could not read.', `cannot parse ${what}: ${JSON.stringify(input.slice(0, 200))}`);
  }
}

export function isAtError(value: unknown): value is AtError {
  return value instanceof AtError;
}
