import { Type, type Static } from '@sinclair/typebox';

/**
 * The HTTP API's request and response schemas. Fastify validates with them and the OpenAPI
 * document at /v1/openapi.json is generated from them, so this file is the API's reference.
 */

export const API_VERSION = 1;

/** Lengths bound every text field: hostile input cannot grow rows or SMS without limit. */
export const LIMITS = {
  numberChars: 40,
  codeMinDigits: 6,
  codeMaxDigits: 10,
  deviceNameChars: 100,
  passwordChars: 200,
  clientIdChars: 64,
  textChars: 10_000,
  recipients: 50,
  pageSize: 500,
  receiptsPerCall: 500,
  /** Messages in one batch send; its rate limit divides the per-minute budget by this, so batching saves requests, not limits. */
  batchMessages: 50,
} as const;

export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String({
        description: 'A stable code: bad-request, unauthorized, bad-credentials, rate-limited, not-found, conflict, internal.',
      }),
      message: Type.String({ description: 'Plain words for a person.' }),
    }),
  },
  { $id: 'ErrorBody' },
);

const PhoneNumber = Type.String({
  minLength: 3,
  maxLength: LIMITS.numberChars,
  description: 'A phone number; stored and returned in E.164 (+ and digits).',
});

const Channel = Type.Union([Type.Literal('internet'), Type.Literal('sms')]);
const Status = Type.Union([
  Type.Literal('queued'),
  Type.Literal('sent'),
  Type.Literal('delivered'),
  Type.Literal('failed'),
  Type.Literal('read'),
]);

export const CodeRequest = Type.Object({ number: PhoneNumber }, { additionalProperties: false });
export const CodeRequested = Type.Object({ message: Type.String() });

export const LoginRequest = Type.Object(
  {
    number: PhoneNumber,
    code: Type.Optional(Type.String({ pattern: `^[0-9]{${LIMITS.codeMinDigits},${LIMITS.codeMaxDigits}}$` })),
    password: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.passwordChars })),
    device: Type.String({ minLength: 1, maxLength: LIMITS.deviceNameChars, description: 'Shown in the device list.' }),
  },
  { additionalProperties: false },
);
export const LoginResponse = Type.Object({
  token: Type.String({ description: 'The session token; send it as `Authorization: Bearer <token>`.' }),
  sessionId: Type.Integer(),
  number: Type.String(),
});

export const DeviceList = Type.Object({
  devices: Type.Array(
    Type.Object({
      id: Type.Integer(),
      name: Type.String(),
      createdAt: Type.Integer(),
      lastSeenAt: Type.Integer(),
      current: Type.Boolean(),
    }),
  ),
});
export const DeviceParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export const PasswordRequest = Type.Object(
  { password: Type.String({ minLength: 10, maxLength: LIMITS.passwordChars }) },
  { additionalProperties: false },
);

export const SendRequest = Type.Object(
  {
    clientId: Type.String({
      minLength: 1,
      maxLength: LIMITS.clientIdChars,
      pattern: '^[A-Za-z0-9_.:-]+$',
      description: 'Made by the client at birth (a UUID); sending the same id again returns the same message.',
    }),
    to: Type.Array(PhoneNumber, { minItems: 1, maxItems: LIMITS.recipients }),
    text: Type.String({ minLength: 1, maxLength: LIMITS.textChars }),
    via: Type.Optional(
      Type.Union([Type.Literal('auto'), Type.Literal('own-station')], {
        description:
          'auto (default): the mailbox for registered numbers, an SMS invitation for others. ' +
          'own-station: a plain SMS from your own number, sent by your linked station.',
      }),
    ),
  },
  { additionalProperties: false },
);

export const BatchSendRequest = Type.Object(
  {
    messages: Type.Array(SendRequest, {
      minItems: 1,
      maxItems: LIMITS.batchMessages,
      description: 'Sent in this order (serverIds grow with it); each is idempotent by its clientId, as a single send.',
    }),
  },
  { additionalProperties: false },
);

export const BatchSendResult = Type.Object({
  clientId: Type.String(),
  ok: Type.Boolean({ description: 'true: `message` is the message made (or made before); false: `error` says why not.' }),
  message: Type.Optional(Type.Unsafe<Static<typeof MessageItem>>({ $ref: 'MessageItem#' })),
  error: Type.Optional(Type.Object({ code: Type.String(), message: Type.String() })),
});

export const BatchSendResponse = Type.Object({
  results: Type.Array(BatchSendResult, { description: 'One per message, in the order sent.' }),
});

export const LinkStationRequest = Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false });
export const OwnStationT = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  verified: Type.Boolean(),
  createdAt: Type.Integer(),
  lastSeenAt: Type.Union([Type.Integer(), Type.Null()]),
});
export const LinkStationResponse = Type.Object({
  station: OwnStationT,
  token: Type.String({ description: 'The station token, shown once: give it to the station.' }),
});
export const OwnStationList = Type.Object({ stations: Type.Array(OwnStationT) });
export const StationParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export const ContactsRequest = Type.Object(
  { numbers: Type.Array(Type.String({ maxLength: LIMITS.numberChars }), { maxItems: 2_000 }) },
  { additionalProperties: false },
);
export const ContactsResponse = Type.Object({
  stored: Type.Integer({ description: 'Distinct valid numbers kept, as keyed hashes only.' }),
  invalid: Type.Integer(),
  registered: Type.Array(Type.String(), { description: 'Uploaded numbers reachable over the internet.' }),
});

export const NotificationRuleT = Type.Object(
  {
    from: Type.Array(Type.String({ maxLength: LIMITS.numberChars }), { maxItems: 50, description: 'Empty: from anyone.' }),
    windowStartMin: Type.Integer({ minimum: 0, maximum: 1439, description: 'Local minute of the day the window opens.' }),
    windowEndMin: Type.Integer({
      minimum: 0,
      maximum: 1440,
      description: 'Local minute it closes; before the start wraps midnight; equal to the start: all day.',
    }),
    utcOffsetMin: Type.Integer({ minimum: -840, maximum: 840 }),
    minUnread: Type.Integer({ minimum: 1, maximum: 1000, description: 'Notify when this many messages are unread.' }),
    dailyCap: Type.Integer({ minimum: 1, maximum: 20 }),
  },
  { additionalProperties: false },
);
export const NotificationRules = Type.Object({ rules: Type.Array(NotificationRuleT, { maxItems: 10 }) }, { additionalProperties: false });

export const InviteRequest = Type.Object({ number: PhoneNumber }, { additionalProperties: false });
export const InvitationT = Type.Object({
  id: Type.Integer(),
  number: Type.String(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('accepted'), Type.Literal('declined'), Type.Literal('expired')], {
    description: 'Answered by an SMS reply of a yes or no keyword; unanswered ones expire after 7 days.',
  }),
  createdAt: Type.Integer(),
  expiresAt: Type.Integer(),
  answeredAt: Type.Union([Type.Integer(), Type.Null()]),
});
export const InvitationList = Type.Object({ invitations: Type.Array(InvitationT) });

export const Delivery = Type.Object({
  number: Type.String(),
  channel: Channel,
  status: Status,
  updatedAt: Type.Integer(),
});

export const MessageItem = Type.Object(
  {
    serverId: Type.Integer({ description: 'The server order: it orders a thread.' }),
    clientId: Type.Union([Type.String(), Type.Null()], { description: 'Only on the sender’s own messages.' }),
    direction: Type.Union([Type.Literal('in'), Type.Literal('out')]),
    from: Type.String(),
    to: Type.Array(Type.String()),
    text: Type.String({ description: 'Plain text, never markup.' }),
    createdAt: Type.Integer(),
    deliveries: Type.Array(Delivery, {
      description: 'Outgoing: every recipient. Incoming: this account’s own delivery.',
    }),
  },
  { $id: 'MessageItem' },
);

export const ChangesQuery = Type.Object(
  {
    since: Type.Optional(
      Type.String({ pattern: '^[0-9]{1,15}$', description: 'A state from an earlier answer; 0 or absent for everything.' }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.pageSize })),
  },
  { additionalProperties: false },
);
export const ChangesResponse = Type.Object({
  items: Type.Array(Type.Ref(MessageItem)),
  state: Type.String({ description: 'Ask again with since=state for what follows.' }),
  more: Type.Boolean({ description: 'True when another page is waiting now.' }),
});

export const ReceiptsRequest = Type.Object(
  {
    receipts: Type.Array(
      Type.Object(
        {
          serverId: Type.Integer({ minimum: 1 }),
          status: Type.Union([Type.Literal('delivered'), Type.Literal('read')]),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: LIMITS.receiptsPerCall },
    ),
  },
  { additionalProperties: false },
);
export const ReceiptsResponse = Type.Object({ updated: Type.Integer() });

export const Health = Type.Object({ ok: Type.Boolean(), schemaVersion: Type.Integer() });

export type MessageItemT = Static<typeof MessageItem>;
export type DeliveryT = Static<typeof Delivery>;
export type SendRequestT = Static<typeof SendRequest>;
export type BatchSendResultT = Static<typeof BatchSendResult>;
