/**
 * Names of every call and event in the contract, with no dependencies, so the
 * preload can check channel names without bundling the schemas.
 * contract.ts checks at compile time that it declares exactly these names.
 */
/** Calls of the Messages and Modems screens (contract.ts). */
export const stationCallNames = [
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
/** Calls of the Office screen: bulk sends, rules, the outbox (office.ts). */
export const officeCallNames = [
  'office.groups',
  'office.bulkPreview',
  'office.bulkStart',
  'office.bulkList',
  'office.bulkPause',
  'office.bulkResume',
  'office.bulkCancel',
  'office.rulesList',
  'office.rulesAdd',
  'office.rulesSetEnabled',
  'office.rulesRemove',
  'office.outbox',
] as const;
/** Calls of the Contacts screen (contacts.ts). */
export const contactsCallNames = [
  'contacts.list',
  'contacts.save',
  'contacts.delete',
  'groups.list',
  'groups.create',
  'groups.rename',
  'groups.delete',
  'groups.addMembers',
  'groups.removeMembers',
  'contacts.importStart',
  'contacts.importChunk',
  'contacts.importFinish',
  'contacts.invite',
  'contacts.invitations',
] as const;
/** Calls of the Archive screen: import, export, the traffic dashboard (archive-io.ts). */
export const archiveCallNames = [
  'archive.importBegin',
  'archive.importChunk',
  'archive.importEnd',
  'archive.importCancel',
  'archive.exportBegin',
  'archive.exportChunk',
  'archive.exportCancel',
  'archive.traffic',
] as const;
/** Calls of the mailbox account screen (account.ts). */
export const accountCallNames = [
  'account.status',
  'account.setServer',
  'account.requestCode',
  'account.login',
  'account.logout',
  'account.devices',
  'account.revokeDevice',
  'account.linkStation',
  'account.unlinkStation',
  'account.rules',
  'account.addRule',
  'account.removeRule',
] as const;

export const callNames = [...stationCallNames, ...officeCallNames, ...contactsCallNames, ...archiveCallNames, ...accountCallNames] as const;

export const stationEventNames = [
  'station.status',
  'modems.changed',
  'message.changed',
  'message.deleted',
  'modems.trace',
  'app.compose',
  'app.openConversation',
] as const;
export const officeEventNames = ['office.bulkChanged'] as const;
export const contactsEventNames = ['contacts.changed'] as const;
export const archiveEventNames = [] as const;
export const accountEventNames = ['account.changed'] as const;

export const eventNames = [
  ...stationEventNames,
  ...officeEventNames,
  ...contactsEventNames,
  ...archiveEventNames,
  ...accountEventNames,
] as const;

export type CallName = (typeof callNames)[number];
export type EventName = (typeof eventNames)[number];
export type StationCallName = (typeof stationCallNames)[number];
export type OfficeCallName = (typeof officeCallNames)[number];
export type ContactsCallName = (typeof contactsCallNames)[number];
export type ArchiveCallName = (typeof archiveCallNames)[number];
export type AccountCallName = (typeof accountCallNames)[number];
export type StationEventName = (typeof stationEventNames)[number];
export type OfficeEventName = (typeof officeEventNames)[number];
export type ContactsEventName = (typeof contactsEventNames)[number];
export type ArchiveEventName = (typeof archiveEventNames)[number];
export type AccountEventName = (typeof accountEventNames)[number];

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
