/** Calls and events of the Office screen: bulk sends, auto-reply rules and the outbox. */
import type { TSchema } from '@sinclair/typebox';
import { Type, type Static } from '@sinclair/typebox';
import type { CallSpec } from './area';
import type { OfficeCallName, OfficeEventName } from './names';
import { MessageView, NoArgs } from './schemas';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const NullableString = Type.Union([Type.String(), Type.Null()]);
/** A phone number as a person typed it; the core normalises it. */
const PhoneNumber = Type.String({ minLength: 1, maxLength: 40 });

/**
 * The largest CSV text a bulk send takes. The web bridge refuses request bodies over 1 MiB,
 * and the text travels inside JSON (line breaks and quotes escaped), so a file stays below it.
 */
export const MAX_BULK_CSV_CHARS = 900_000;

/* ------------------------------------------------------------------ bulk sends */

export const BulkSourceInput = Type.Union([
  Type.Object(
    {
      kind: Type.Literal('csv'),
      /** The file's text; its header row names the fields. */
      text: Type.String({ minLength: 1, maxLength: MAX_BULK_CSV_CHARS }),
      /** The file's name, for lists ("file list.csv"). */
      name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
      /** The column that holds the numbers; default a column named number, phone, mobile, to … */
      numberColumn: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    },
    { additionalProperties: false },
  ),
  Type.Object({ kind: Type.Literal('group'), name: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
]);
export type BulkSourceInput = Static<typeof BulkSourceInput>;

const template = Type.String({ minLength: 1, maxLength: 10_000 });

export const BulkPreviewRequest = Type.Object(
  { template, source: BulkSourceInput, flash: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export type BulkPreviewRequest = Static<typeof BulkPreviewRequest>;

export const BulkStartRequest = Type.Object(
  {
    template,
    source: BulkSourceInput,
    flash: Type.Optional(Type.Boolean()),
    /** Shown in lists; default the source. */
    name: Type.Optional(Type.String({ maxLength: 200 })),
    /** Leave rows with errors out instead of refusing to start. */
    skipInvalid: Type.Optional(Type.Boolean()),
    /** Messages of the job waiting in the outbox at a time (default 2). */
    window: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  },
  { additionalProperties: false },
);
export type BulkStartRequest = Static<typeof BulkStartRequest>;

export const BulkPreviewRow = Type.Object({
  /** The CSV line where the row starts (the header is line 1), or the position in the group. */
  row: Type.Integer({ minimum: 1 }),
  to: Type.String(),
  /** The merged text, plain (never markup). */
  text: Type.String(),
  parts: Type.Integer({ minimum: 1 }),
  encoding: Type.Union([Type.Literal('gsm7'), Type.Literal('ucs2')]),
  /** Characters that force UCS-2, in order of appearance. */
  nonGsmChars: Type.Array(Type.String()),
});
export type BulkPreviewRow = Static<typeof BulkPreviewRow>;

export const BulkRowErrorCode = Type.Union([
  Type.Literal('bad-number'),
  Type.Literal('missing-field'),
  Type.Literal('duplicate'),
  Type.Literal('too-long'),
  Type.Literal('unreadable'),
]);
export type BulkRowErrorCode = Static<typeof BulkRowErrorCode>;

export const BulkRowError = Type.Object({
  row: Type.Integer({ minimum: 0 }),
  code: BulkRowErrorCode,
  /** What is wrong, in words. */
  message: Type.String(),
  /** The empty field, for missing-field. */
  field: NullableString,
});
export type BulkRowError = Static<typeof BulkRowError>;

export const BulkPreview = Type.Object({
  /** The source in words: "file list.csv", "group Customers". */
  source: Type.String(),
  /** The fields the source offers, as named there. */
  fields: Type.Array(Type.String()),
  recipients: Type.Array(BulkPreviewRow),
  errors: Type.Array(BulkRowError),
  /** Problems of the template or the whole source, in words; nothing can start until they are fixed. */
  problems: Type.Array(Type.String()),
  /** SMS the whole send costs (the sum of parts). */
  totalParts: Type.Integer({ minimum: 0 }),
});
export type BulkPreview = Static<typeof BulkPreview>;

const count = Type.Integer({ minimum: 0 });

/** Where each recipient is; the counts split `total`, every recipient in exactly one. */
export const BulkProgress = Type.Object({
  total: count,
  /** Not handed to the outbox yet. */
  pending: count,
  /** In the outbox, waiting for a modem. */
  queued: count,
  /** A modem is sending it now. */
  sending: count,
  sent: count,
  unconfirmed: count,
  delivered: count,
  failed: count,
  cancelled: count,
});
export type BulkProgress = Static<typeof BulkProgress>;

export const BulkState = Type.Union([Type.Literal('running'), Type.Literal('paused'), Type.Literal('cancelled'), Type.Literal('done')]);
export type BulkState = Static<typeof BulkState>;

export const BulkJobView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  source: Type.String(),
  template: Type.String(),
  flash: Type.Boolean(),
  state: BulkState,
  /** Rows left out because they had errors. */
  skipped: count,
  progress: BulkProgress,
  createdAt: Type.String(),
  updatedAt: Type.String(),
  finishedAt: NullableString,
});
export type BulkJobView = Static<typeof BulkJobView>;

export const BulkJobRef = Type.Object({ jobId: Id }, { additionalProperties: false });
export type BulkJobRef = Static<typeof BulkJobRef>;

export const GroupView = Type.Object({ name: Type.String(), members: count });
export type GroupView = Static<typeof GroupView>;

/* ------------------------------------------------------------------ rules */

export const RuleKind = Type.Union([Type.Literal('auto-reply'), Type.Literal('forward'), Type.Literal('missed-call')]);
export type RuleKind = Static<typeof RuleKind>;

const keyword = Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()]));
const senders = Type.Optional(Type.Union([Type.Array(PhoneNumber, { minItems: 1, maxItems: 100 }), Type.Null()]));
const perHour = Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 }));
const ruleText = Type.String({ minLength: 1, maxLength: 1_000 });

export const RuleInput = Type.Union([
  Type.Object(
    { kind: Type.Literal('auto-reply'), keyword, senders, text: ruleText, flash: Type.Optional(Type.Boolean()), perHour },
    { additionalProperties: false },
  ),
  Type.Object({ kind: Type.Literal('forward'), keyword, senders, forwardTo: PhoneNumber, perHour }, { additionalProperties: false }),
  Type.Object(
    {
      kind: Type.Literal('missed-call'),
      senders,
      text: ruleText,
      flash: Type.Optional(Type.Boolean()),
      rejectCall: Type.Optional(Type.Boolean()),
      perHour,
    },
    { additionalProperties: false },
  ),
]);
export type RuleInput = Static<typeof RuleInput>;

export const RuleView = Type.Object({
  id: Type.String(),
  kind: RuleKind,
  /** First word of the incoming text (any case); null: any text. */
  keyword: NullableString,
  /** The numbers the rule listens to; null: anyone. */
  senders: Type.Union([Type.Array(Type.String()), Type.Null()]),
  forwardTo: NullableString,
  /** The reply, or the status text for a missed call. */
  text: NullableString,
  flash: Type.Boolean(),
  rejectCall: Type.Boolean(),
  /** Automatic messages to one number per hour at most. */
  perHour: Type.Integer({ minimum: 1 }),
  enabled: Type.Boolean(),
  createdAt: Type.String(),
});
export type RuleView = Static<typeof RuleView>;

export const RuleRef = Type.Object({ ruleId: Id }, { additionalProperties: false });
export type RuleRef = Static<typeof RuleRef>;

export const RuleEnable = Type.Object({ ruleId: Id, enabled: Type.Boolean() }, { additionalProperties: false });
export type RuleEnable = Static<typeof RuleEnable>;

/* ------------------------------------------------------------------ outbox */

export const OutboxJobState = Type.Union([
  Type.Literal('queued'),
  Type.Literal('claimed'),
  Type.Literal('failed'),
  Type.Literal('unconfirmed'),
]);
export type OutboxJobState = Static<typeof OutboxJobState>;

export const OutboxQuery = Type.Object(
  {
    /** Job states to list (default all four: waiting, sending, failed, unconfirmed). */
    states: Type.Optional(Type.Array(OutboxJobState, { minItems: 1, maxItems: 4 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  },
  { additionalProperties: false },
);
export type OutboxQuery = Static<typeof OutboxQuery>;

export const OutboxEntry = Type.Object({
  message: MessageView,
  /** queued: waiting for a modem or its time; claimed: a modem is sending it. */
  state: OutboxJobState,
  attempts: count,
  maxAttempts: count,
  /** ISO 8601: not sent before this time. */
  notBefore: Type.String(),
  /** Why the last attempt did not go through, in words (the message's reason comes first). */
  lastError: NullableString,
  /** True when the message belongs to a bulk send (pause or cancel it there). */
  bulk: Type.Boolean(),
});
export type OutboxEntry = Static<typeof OutboxEntry>;

export const OutboxList = Type.Object({
  /** Newest first. */
  items: Type.Array(OutboxEntry),
  /** True when there were more than `limit`. */
  more: Type.Boolean(),
});
export type OutboxList = Static<typeof OutboxList>;

/* ------------------------------------------------------------------ the area */

export const officeCalls = {
  /** The contact groups a bulk send can go to, by name. */
  'office.groups': { args: NoArgs, result: Type.Array(GroupView) },
  /** Merges and plans every message of a bulk send (text, parts) and flags the rows that would fail; queues nothing. */
  'office.bulkPreview': { args: BulkPreviewRequest, result: BulkPreview },
  /** Stores a bulk send as a running job; the station sends it a few messages at a time. Refuses rows with errors unless `skipInvalid`. */
  'office.bulkStart': { args: BulkStartRequest, result: BulkJobView },
  /** Every bulk send, newest first, with its progress. */
  'office.bulkList': { args: NoArgs, result: Type.Array(BulkJobView) },
  /** Stops a running bulk send at once; what waits in the outbox is taken back. */
  'office.bulkPause': { args: BulkJobRef, result: BulkJobView },
  /** A paused bulk send goes on where it stopped. */
  'office.bulkResume': { args: BulkJobRef, result: BulkJobView },
  /** Cancels what of a bulk send has not gone out; a message being sent finishes. */
  'office.bulkCancel': { args: BulkJobRef, result: BulkJobView },
  /** The automatic answers, in the order they are tried. */
  'office.rulesList': { args: NoArgs, result: Type.Array(RuleView) },
  /** Adds a keyword auto-reply, a forward, or a missed-call answer. */
  'office.rulesAdd': { args: RuleInput, result: RuleView },
  /** Turns a rule on or off. */
  'office.rulesSetEnabled': { args: RuleEnable, result: RuleView },
  'office.rulesRemove': { args: RuleRef, result: Type.Null() },
  /** Outgoing messages not done yet: waiting, being sent, failed, unconfirmed (retry or cancel them with messages.retry / messages.cancel). */
  'office.outbox': { args: OutboxQuery, result: OutboxList },
} as const satisfies { [K in OfficeCallName]: CallSpec };

export const officeEvents = {
  /** A bulk send's state or counts changed (at most a few times a second per job). */
  'office.bulkChanged': BulkJobView,
} as const satisfies { [K in OfficeEventName]: TSchema };
