/** Errors of the station core: a stable code for scripts and the UI, a message in plain words. */
export type StationErrorCode =
  | 'STATION_STOPPED'
  | 'STATION_MODEM_UNKNOWN'
  | 'STATION_INVALID'
  /** `from` names no modem the archive has seen (by its SIM's number or its IMEI). */
  | 'STATION_UNKNOWN_SENDER';

export class StationError extends Error {
  override readonly name = 'StationError';
  readonly code: StationErrorCode;

  constructor(code: StationErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

export function isStationError(error: unknown): error is StationError {
  return error instanceof StationError;
}
