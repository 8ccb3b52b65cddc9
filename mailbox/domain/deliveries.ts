import type { Queryable } from '../store/db';
import { refreshMessage } from './mailbox-rows';
import type { MailboxEvent } from './notifier';
import { STATUS_RANK, type DeliveryStatus } from './status';

/**
 * Moves a delivery's status forward (never back) and refreshes the message in its mailboxes.
 * Returns the events to publish; none when the status did not move.
 */
export async function moveDelivery(
  q: Queryable,
  where: { readonly deliveryId: number } | { readonly messageId: number; readonly recipientAccountId: number },
  status: DeliveryStatus,
  now: number,
): Promise<MailboxEvent[]> {
  const rank = STATUS_RANK[status];
  const row =
    'deliveryId' in where
      ? await q.one<{ message_id: number }>(
          `UPDATE deliveries SET status = $1, status_rank = $2, updated_at = $3
           WHERE id = $4 AND status_rank < $2 RETURNING message_id`,
          [status, rank, now, where.deliveryId],
        )
      : await q.one<{ message_id: number }>(
          `UPDATE deliveries SET status = $1, status_rank = $2, updated_at = $3
           WHERE message_id = $4 AND recipient_account_id = $5 AND status_rank < $2 RETURNING message_id`,
          [status, rank, now, where.messageId, where.recipientAccountId],
        );
  if (row === undefined) return [];
  return refreshMessage(q, row.message_id);
}
