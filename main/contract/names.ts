/**
 * Names of every call and event in the contract, with no dependencies, so the
 * preload can check channel names without bundling the schemas.
 * contract.ts checks at compile time that it declares exactly these names.
 */
export const callNames = [
  'app.info',
  'station.startDemo',
  'modems.list',
  'modems.unlock',
  'ussd.send',
  'ussd.cancel',
  'modems.signalHistory',
  'modems.traceLines',
  'modems.at',
  'modems.pinMemory',
  'modems.forgetPin',
  'ports.list',
  'conversations.list',
  'conversations.markRead',
  'messages.thread',
  'messages.send',
  'messages.retry',
  'messages.cancel',
  'messages.delete',
  'search.messages',
] as const;
export const eventNames = ['station.status', 'modems.changed', 'message.changed', 'modems.trace'] as const;

export type CallName = (typeof callNames)[number];
export type EventName = (typeof eventNames)[number];

const callSet: ReadonlySet<string> = new Set(callNames);
const eventSet: ReadonlySet<string> = new Set(eventNames);

export function isCallName(x: unknown): x is CallName {
  return typeof x === 'string' && callSet.has(x);
}

export function isEventName(x: unknown): x is EventName {
  return typeof x === 'string' && eventSet.has(x);
}

/** IPC channel names: one per call, one per event, all under one prefix. */
export const ipcChannel = {
  call: (name: CallName): string => `smsdesk:call:${name}`,
  event: (name: EventName): string => `smsdesk:event:${name}`,
  /** Renderer → main: "I listen to this event now; send me its latest value". */
  subscribe: 'smsdesk:subscribe',
} as const;
