/**
 * The mailbox's rules, independent of HTTP: services take a MailboxContext (or a Queryable)
 * and throw MailboxError with a code. What other folders may use is listed here.
 */
export type { MailboxContext } from './context';
export { MailboxError, HTTP_STATUS } from './errors';
export type { MailboxErrorCode } from './errors';
export { DEFAULT_POLICY } from './policy';
export type { Policy } from './policy';
export { systemClock } from './clock';
export type { Clock } from './clock';
export { LocalNotifier } from './notifier';
export type { MailboxEvent, Notifier, Disposable } from './notifier';
export { addStation, listStations, revokeStation } from './stations';
export type { StationInfo } from './stations';
export { normaliseNumber } from './phone';
export type { E164 } from './phone';
export type { Channel, DeliveryStatus } from './status';
