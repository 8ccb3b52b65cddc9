/**
 * The mailbox's wire formats as this client reads them. The schemas are the server's own
 * (mailbox/protocol), compiled once; every answer is checked before it is used, so a proxy's
 * error page or a newer server's surprise becomes a typed error, not a crash deeper down.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import {
  ChangesResponse,
  ContactsResponse,
  DeviceList,
  InvitationList,
  InvitationT,
  LinkStationResponse,
  LoginResponse,
  MessageItem,
  NotificationRules,
  OwnStationList,
  ReceiptsResponse,
  type MessageItemT,
} from '../../mailbox/protocol/http';
import type { PushFrame } from '../../mailbox/protocol/push';
import type { ServerToStation } from '../../mailbox/protocol/station';

export type { MessageItemT, PushFrame, ServerToStation };
export type { DeliveryT } from '../../mailbox/protocol/http';
export { LIMITS } from '../../mailbox/protocol/http';

/**
 * POST /v1/messages/batch's answer (the server's BatchSendResponse), with the message inline:
 * the server's schema names it by $ref for its OpenAPI document, which the compiler here
 * cannot follow.
 */
const BatchResults = Type.Object({
  results: Type.Array(
    Type.Object({
      clientId: Type.String(),
      ok: Type.Boolean(),
      message: Type.Optional(MessageItem),
      error: Type.Optional(Type.Object({ code: Type.String(), message: Type.String() })),
    }),
  ),
});

function compile<T extends TSchema>(schema: T): TypeCheck<T> {
  // ChangesResponse refers to MessageItem by $ref.
  return TypeCompiler.Compile(schema, [MessageItem]);
}

export const checks = {
  login: compile(LoginResponse),
  devices: compile(DeviceList),
  message: compile(MessageItem),
  batch: compile(BatchResults),
  changes: compile(ChangesResponse),
  receipts: compile(ReceiptsResponse),
  linkStation: compile(LinkStationResponse),
  stations: compile(OwnStationList),
  contacts: compile(ContactsResponse),
  notifications: compile(NotificationRules),
  invitation: compile(InvitationT),
  invitations: compile(InvitationList),
  codeRequested: compile(Type.Object({ message: Type.String() })),
};

export type LoginResponseT = Static<typeof LoginResponse>;
export type Device = Static<typeof DeviceList>['devices'][number];
export type ChangesPage = Static<typeof ChangesResponse>;
/** One message's answer in a batch send: the message made, or why not. */
export type BatchResult = Static<typeof BatchResults>['results'][number];
export type LinkedStation = Static<typeof LinkStationResponse>;
export type OwnStation = Static<typeof OwnStationList>['stations'][number];
export type ContactsResult = Static<typeof ContactsResponse>;
export type NotificationRule = Static<typeof NotificationRules>['rules'][number];
export type Invitation = Static<typeof InvitationT>;

/** A state as the server writes it: decimal digits, at most 15 (safe as a JS number). */
export function isState(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9]{1,15}$/.test(value);
}

/** A push frame, or undefined for anything else (a push carries no content, so dropping one loses nothing). */
export function parsePushFrame(text: string): PushFrame | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null) return undefined;
  const frame = raw as Record<string, unknown>;
  return frame['v'] === 1 && frame['type'] === 'state' && isState(frame['state'])
    ? { v: 1, type: 'state', state: frame['state'] }
    : undefined;
}

const id = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
const str = (x: unknown): x is string => typeof x === 'string';

/** A frame from the station socket, checked field by field; undefined for anything malformed. */
export function parseServerFrame(text: string): ServerToStation | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null) return undefined;
  const f = raw as Record<string, unknown>;
  if (f['v'] !== 1) return undefined;
  switch (f['type']) {
    case 'welcome':
      return id(f['stationId']) && str(f['name']) ? { v: 1, type: 'welcome', stationId: f['stationId'], name: f['name'] } : undefined;
    case 'offer': {
      const job = f['job'];
      if (typeof job !== 'object' || job === null) return undefined;
      const j = job as Record<string, unknown>;
      return id(j['id']) && str(j['kind']) && str(j['to']) && str(j['text'])
        ? { v: 1, type: 'offer', job: { id: j['id'], kind: j['kind'], to: j['to'], text: j['text'] } }
        : undefined;
    }
    case 'lease':
      return id(f['jobId']) && id(f['leaseUntil']) ? { v: 1, type: 'lease', jobId: f['jobId'], leaseUntil: f['leaseUntil'] } : undefined;
    case 'taken': {
      const reason = f['reason'];
      return id(f['jobId']) && (reason === 'taken' || reason === 'not-yours' || reason === 'gave-up')
        ? { v: 1, type: 'taken', jobId: f['jobId'], reason }
        : undefined;
    }
    case 'ack': {
      const of = f['of'];
      return (of === 'result' || of === 'report' || of === 'received') && str(f['ref']) && typeof f['ok'] === 'boolean'
        ? { v: 1, type: 'ack', of, ref: f['ref'], ok: f['ok'] }
        : undefined;
    }
    case 'error': {
      const code = f['code'];
      return (code === 'bad-frame' || code === 'unsupported-version' || code === 'internal') && str(f['message'])
        ? { v: 1, type: 'error', code, message: f['message'] }
        : undefined;
    }
    default:
      return undefined;
  }
}
