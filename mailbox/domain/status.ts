/**
 * Delivery statuses and the one rule about them: a status only moves forward. Internet
 * deliveries go sent → delivered → read; SMS deliveries go queued → sent → delivered or
 * failed (from the station's result and the status report). A late or repeated report can
 * never move a delivery back.
 */
export type Channel = 'internet' | 'sms';

export type DeliveryStatus = 'queued' | 'sent' | 'delivered' | 'failed' | 'read';

/** delivered and failed share a rank: whichever the network reported first stands. */
export const STATUS_RANK: Readonly<Record<DeliveryStatus, number>> = {
  queued: 0,
  sent: 1,
  delivered: 2,
  failed: 2,
  read: 3,
};
