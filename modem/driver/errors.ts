/**
 * The driver's own errors: what went wrong with the modem as a whole, in words for
 * people, with a stable `code` for programs (codes survive IPC, classes do not).
 * Command-level failures stay the typed errors of modem/at and are wrapped here only
 * when they change what the station should do.
 */

export type DriverErrorCode =
  /** Nothing answered AT on the port (not a modem, or a hung one). */
  | 'NOT_RESPONDING'
  /** The SIM waits for its PIN and none was given. */
  | 'PIN_REQUIRED'
  /** The stored PIN was refused; it is never tried again on its own. */
  | 'PIN_WRONG'
  /** The SIM is blocked and needs its PUK: a person must act. */
  | 'PUK_REQUIRED'
  /** No SIM card, or the SIM failed. */
  | 'SIM_UNAVAILABLE'
  /** The SIM or modem waits for another code (PIN2, network lock). */
  | 'SIM_LOCKED'
  /** The port closed or the modem went away. */
  | 'OFFLINE'
  /** The modem answered, but not in a way SMS can work with. */
  | 'SETUP_FAILED'
  /** The port holds a different modem than the one expected (IMEI mismatch). */
  | 'WRONG_MODEM'
  /** The driver was disposed. */
  | 'DISPOSED';

const MESSAGES: Record<DriverErrorCode, string> = {
  NOT_RESPONDING: 'The modem does not answer.',
  PIN_REQUIRED: 'The SIM needs its PIN.',
  PIN_WRONG: 'The SIM refused the stored PIN. Enter the right PIN; SMSDesk will not try again by itself.',
  PUK_REQUIRED: 'The SIM is blocked and needs its PUK.',
  SIM_UNAVAILABLE: 'There is no usable SIM card in the modem.',
  SIM_LOCKED: 'The SIM or modem is waiting for a code.',
  OFFLINE: 'The modem is not connected.',
  SETUP_FAILED: 'The modem could not be set up for SMS.',
  WRONG_MODEM: 'A different modem is connected on this port.',
  DISPOSED: 'The modem connection was shut down.',
};

export class DriverError extends Error {
  override readonly name = 'DriverError';
  constructor(
    readonly code: DriverErrorCode,
    /** Technical context for logs: the modem's own words, the command. */
    readonly detail = '',
    options?: { cause?: unknown; message?: string },
  ) {
    super(options?.message ?? MESSAGES[code], options?.cause !== undefined ? { cause: options.cause } : undefined);
  }
}

export function isDriverError(value: unknown, code?: DriverErrorCode): value is DriverError {
  return value instanceof DriverError && (code === undefined || value.code === code);
}
