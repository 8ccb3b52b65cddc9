/**
 * modem/at: the AT transport of SMSDesk.
 *
 *   bytes ─▶ LineFramer ─▶ lines/echo/prompt ─▶ AtChannel ─┬─▶ command replies (one in flight)
 *                                                          ├─▶ URCs ─▶ onUrc handlers
 *                                                          └─▶ AtTrace (redacted ring buffer)
 *
 * Runtime: Node (no Electron, SQLite or DOM). Everything that listens or schedules
 * returns a Disposable. Reply parsers (./parsers) are pure and never throw.
 */

// Lifecycle
export { toDisposable, assertNever, type Disposable } from './lifecycle';

// Port and clock
export { systemClock, type AtPort, type Clock } from './port';
export {
  listSerialPorts,
  openSerialTransport,
  serialStreamPort,
  type SerialBinding,
  type SerialStreamLike,
  type SerialTransportOptions,
} from './serial';

// Framing, results, URCs
export { LineFramer, DEFAULT_MAX_LINE_LENGTH, type FrameEvent, type FramerOptions } from './framing';
export { classifyFinal, finalResultError, type FinalResult } from './results';
export {
  URC_TABLE,
  UrcAssembler,
  classifyLine,
  linePrefix,
  normalisePrefix,
  urcSpecFor,
  makeUrc,
  type Urc,
  type UrcBody,
  type UrcSpec,
  type LineClass,
} from './urc';
export { UrcDispatcher, type UrcHandler, type UrcMatcher } from './dispatch';

// The channel
export { AtChannel, type AtChannelOptions, type AtCommandOptions, type AtResponse } from './channel';

// Errors and code tables
export {
  AtError,
  CmsError,
  CmeError,
  AtTimeoutError,
  AtCommandError,
  PortClosedError,
  CancelledError,
  AtParseError,
  isAtError,
  type AtErrorCode,
  type CommandFailure,
  type TimeoutStage,
} from './errors';
export { CMS_CODES, cmsInfo, cmsCodeFromText, type CodeInfo, type Retry } from './cms-codes';
export { CME_CODES, cmeInfo, cmeCodeFromText } from './cme-codes';

// Trace
export { AtTrace, redactAt, formatTrace, visibleControls, type TraceEntry, type TraceDirection, type TraceOptions } from './trace';

// Reply parsers
export * from './parsers/index';
