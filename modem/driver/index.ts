/**
 * modem/driver: a modem's life over the AT transport (modem/at) and the PDU codec
 * (modem/pdu). Runtime: Node (no Electron, SQLite or DOM). Everything that listens,
 * polls or schedules returns a Disposable.
 *
 *   ModemSupervisor ─ probePorts/groupModems ─▶ Modem per IMEI
 *   Modem: open → synchronise → identify → quirksFor → unlockSim → setUpSms → monitor + receive
 *          send() → classified SendResult · onMessage/onStatusReport (confirm, then delete/+CNMA)
 *          ussd() → UssdSession · onCall/rejectCall · offline → locate IMEI → resume
 */
export { Modem, type ModemOptions, type ModemState, type PortOpener, type LogEntry } from './modem';
export { ModemSupervisor, type SupervisorOptions, type ModemEvent } from './supervisor';
export { probePort, probePorts, groupModems, comparePaths, type PortProbe, type ProbeOptions, type ModemCandidate } from './probe';
export { DriverError, isDriverError, type DriverErrorCode } from './errors';
export { QUIRK_TABLE, DEFAULT_QUIRKS, quirksFor, type Quirks, type QuirkEntry, type NoticesPort, type StatusReportStore } from './quirks';
export type { ModemIdentity, DeviceInfo, SimInfo } from './identify';
export type { NetworkStatus } from './monitor';
export { chooseCnmi, chooseStorage, type SmsSetup, type StoragePlan, type CnmiPlan, type ReceiveMode, type ReportMode } from './setup';
export {
  classifySendError,
  sendParts,
  DEFAULT_SUBMIT_TIMEOUT_MS,
  type SendRequest,
  type SendResult,
  type SentPart,
  type SendFailure,
  type SendFailureKind,
  type SendOptions,
} from './send';
export type { ReceivedMessage, ReceivedStatusReport, MessageHandler, ReportHandler, MessageOrigin } from './receive';
export { UssdSession, UssdError, packUssdHex, type UssdReply } from './ussd';
export type { CallEvent } from './calls';
