/**
 * Applying the mailbox's changes to the archive: the conflict rules of README.md as code.
 * Pure archive work, no I/O: the engine calls it inside the transaction that also saves the
 * new state, so an item is applied exactly when the cursor moves past it.
 */
import type { Archive, Message, OutgoingStatus, SyncStore } from '../archive/index';
import { SYNC_KEYS } from './keys';
import type { DeliveryT, MessageItemT } from './wire';

export type Applied = { readonly kind: 'added' | 'updated'; readonly message: Message };

type DeliveryStatus = DeliveryT['status'];

/** The server's rank of a delivery status (mailbox/domain/status.ts): it only ever grows. */
const RANK: Readonly<Record<DeliveryStatus, number>> = { queued: 0, sent: 1, delivered: 2, failed: 2, read: 3 };

/**
 * An outgoing message's archive status for the server's delivery status. The server has
 * the message once it answers, so `queued` there (an SMS waiting for a station) is `sending`
 * here; `read` is `delivered` plus a logged "read" move (the archive has no read status for
 * outgoing messages).
 */
const OUTGOING: Readonly<Record<DeliveryStatus, OutgoingStatus>> = {
  queued: 'sending',
  sent: 'sent',
  delivered: 'delivered',
  failed: 'failed',
  read: 'delivered',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ApplyContext {
  readonly archive: Archive;
  readonly store: SyncStore;
  /** Local time, for received_at. */
  readonly now: number;
}

/** Applies one item; returns what changed in the archive, if anything. */
export function applyItem(ctx: ApplyContext, item: MessageItemT): Applied | undefined {
  return item.direction === 'out' ? applyOutgoing(ctx, item) : applyIncoming(ctx, item);
}

/**
 * Applies a page of items in the server's order (serverId), so messages new to this archive
 * enter a thread in the order the server accepted them. The caller holds the transaction.
 */
export function applyPage(ctx: ApplyContext, items: readonly MessageItemT[]): Applied[] {
  const applied: Applied[] = [];
  for (const item of [...items].sort((a, b) => a.serverId - b.serverId)) {
    const change = applyItem(ctx, item);
    if (change !== undefined) applied.push(change);
  }
  return applied;
}

function applyOutgoing(ctx: ApplyContext, item: MessageItemT): Applied | undefined {
  const { archive, store } = ctx;
  const serverId = String(item.serverId);
  let local = item.clientId !== null ? archive.messages.getByUid(item.clientId) : undefined;
  // A uid that names something else here is not ours to update.
  if (local !== undefined && (local.direction !== 'out' || (local.serverId !== null && local.serverId !== serverId))) local = undefined;
  local ??= store.byServerId(serverId);
  const peer = local?.peer ?? item.to[0];
  if (peer === undefined) return undefined;
  const delivery = item.deliveries.find((d) => d.number === peer) ?? item.deliveries[0];
  const target: OutgoingStatus = delivery === undefined ? 'sent' : OUTGOING[delivery.status];
  const reason = target === 'failed' ? failureReason(delivery) : null;

  if (local !== undefined) {
    let changed = false;
    if (local.serverId === null) {
      // The server's time is the message's place in the thread from now on.
      changed = store.attachServerId(local.id, serverId, item.createdAt) || changed;
    }
    archive.settings.set(SYNC_KEYS.sendPrefix + local.uid, null);
    if (delivery !== undefined) {
      changed = store.advanceStatus(local.id, target, { at: delivery.updatedAt, reason }) || changed;
      if (delivery.status === 'read') changed = recordRead(ctx, local, delivery.updatedAt) || changed;
    }
    const message = archive.messages.get(local.id);
    return changed && message ? { kind: 'updated', message } : undefined;
  }

  // Sent from another of the account's devices (or before this archive existed).
  const uid = item.clientId !== null && UUID.test(item.clientId) && !archive.messages.getByUid(item.clientId) ? item.clientId : undefined;
  const sent = target === 'sent' || target === 'delivered';
  const inserted = store.insertSynced({
    ...(uid !== undefined ? { uid } : {}),
    direction: 'out',
    peer,
    body: item.text,
    status: target,
    serverId,
    sortAt: item.createdAt,
    createdAt: item.createdAt,
    read: true,
    sentAt: sent ? item.createdAt : null,
    deliveredAt: target === 'delivered' && delivery !== undefined ? delivery.updatedAt : null,
  });
  if (delivery?.status === 'read') recordRead(ctx, inserted, delivery.updatedAt);
  return { kind: 'added', message: archive.messages.get(inserted.id) ?? inserted };
}

function applyIncoming(ctx: ApplyContext, item: MessageItemT): Applied | undefined {
  const { archive, store } = ctx;
  const serverId = String(item.serverId);
  // An incoming item carries only this account's own delivery.
  const mine = item.deliveries[0];
  let local = store.byServerId(serverId);
  let kind: Applied['kind'] | undefined;
  if (local === undefined && mine?.channel === 'sms') {
    // An SMS this archive's own station received and uploaded: the same message, not a second one.
    const same = store.findUploaded(item.from, item.createdAt, item.text);
    if (same !== undefined && store.attachServerId(same.id, serverId, null)) {
      local = archive.messages.get(same.id);
      kind = 'updated';
    }
  }
  if (local === undefined) {
    local = store.insertSynced({
      direction: 'in',
      peer: item.from,
      body: item.text,
      status: 'received',
      serverId,
      sortAt: item.createdAt,
      createdAt: item.createdAt,
      receivedAt: ctx.now,
      // Read on another of the account's devices.
      read: mine?.status === 'read',
    });
    kind = 'added';
  } else if (mine?.status === 'read' && !local.read) {
    archive.messages.setRead(local.id, true);
    kind = 'updated';
  }
  if (mine !== undefined) {
    // This device has it: the sender learns "delivered". Read here but not there: "read".
    if (local.read && mine.status !== 'read') queueReceipt(archive, serverId, 'read');
    else if (RANK[mine.status] < RANK.delivered) queueReceipt(archive, serverId, 'delivered');
  }
  const message = archive.messages.get(local.id);
  return kind !== undefined && message ? { kind, message } : undefined;
}

/** Owes the server a receipt; a `read` owed already is never lowered to `delivered`. */
export function queueReceipt(archive: Archive, serverId: string, status: 'delivered' | 'read'): void {
  const key = SYNC_KEYS.receiptPrefix + serverId;
  if (status === 'delivered' && archive.settings.get(key) === 'read') return;
  archive.settings.set(key, status);
}

/** The recipient read an outgoing message: logged once as a status move (the status stays). */
function recordRead(ctx: ApplyContext, message: Message, at: number): boolean {
  if (ctx.store.hasStatusEvent(message.id, 'read')) return false;
  ctx.archive.events.record({
    kind: 'message-status',
    messageId: message.id,
    from: message.status,
    to: 'read',
    detail: 'read by the recipient',
    at,
  });
  return true;
}

function failureReason(delivery: DeliveryT | undefined): string {
  return delivery?.channel === 'sms' ? 'The SMS could not be delivered.' : 'The mailbox could not deliver the message.';
}
