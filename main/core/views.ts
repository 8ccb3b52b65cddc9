/** Archive records → the contract's views. Times cross the boundary as ISO 8601 text. */
import type { Archive, Message, MessageHit } from '../archive/index';
import type { MessageView, SearchHit } from '../contract';

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

export function messageView(archive: Archive, message: Message, conversationUid?: string): MessageView {
  const conversationId = conversationUid ?? archive.conversations.get(message.conversationId)?.uid ?? '';
  const out = message.direction === 'out';
  return {
    id: message.uid,
    conversationId,
    channel: message.channel,
    direction: message.direction,
    peer: message.peer,
    body: message.body,
    encoding: message.encoding,
    partCount: message.partCount,
    partsReceived: message.partsReceived,
    status: message.status,
    statusReason: message.statusReason,
    flash: message.flash,
    read: message.read,
    at: new Date(message.sortAt).toISOString(),
    sentAt: iso(message.sentAt),
    deliveredAt: iso(message.deliveredAt),
    // Failed: a new copy goes out. Unconfirmed: only a person may send it again, as here.
    canRetry: out && message.channel === 'sms' && (message.status === 'failed' || message.status === 'unconfirmed'),
    canCancel: out && message.status === 'queued',
  };
}

export function searchHit(hit: MessageHit): SearchHit {
  return {
    messageId: hit.messageUid,
    conversationId: hit.conversationUid,
    peer: hit.peer,
    title: hit.title,
    direction: hit.direction,
    at: hit.at,
    snippet: hit.snippet,
  };
}
