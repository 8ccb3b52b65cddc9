import type { MailboxEvent } from '../domain/notifier';

const isId = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;

/** Reads an event from the NOTIFY channel; anything malformed is dropped, never trusted. */
export function parseEvent(payload: string): MailboxEvent | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(payload);
  } catch {
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null) return undefined;
  const e = raw as Record<string, unknown>;
  switch (e['type']) {
    case 'mailbox':
      return isId(e['accountId']) && isId(e['state']) ? { type: 'mailbox', accountId: e['accountId'], state: e['state'] } : undefined;
    case 'jobs':
      return { type: 'jobs' };
    case 'session-revoked':
      return isId(e['sessionId']) ? { type: 'session-revoked', sessionId: e['sessionId'] } : undefined;
    case 'station-revoked':
      return isId(e['stationId']) ? { type: 'station-revoked', stationId: e['stationId'] } : undefined;
    default:
      return undefined;
  }
}
