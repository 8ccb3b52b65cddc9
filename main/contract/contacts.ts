/** Calls and events of the Contacts screen: contacts, groups, vCard and CSV import. */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { CallSpec } from './area';
import type { ContactsCallName, ContactsEventName } from './names';
import { NoArgs } from './schemas';

const Id = Type.String({ minLength: 1, maxLength: 200 });
const Cursor = Type.String({ maxLength: 2048 });
const NullableString = Type.Union([Type.String(), Type.Null()]);

/** Files larger than this are refused before a byte is sent: a phone book is far smaller. */
export const CONTACTS_IMPORT_MAX_BYTES = 20 * 1024 * 1024;
/**
 * Text per import chunk, in UTF-16 code units. Even if every unit were escaped in JSON
 * (6 bytes), a chunk stays under the web bridge's 1 MiB request limit.
 */
export const CONTACTS_IMPORT_CHUNK = 128 * 1024;

export const ContactNumber = Type.Object({
  /** The archive's form: E.164 for phone numbers, a short code or a sender name as written. */
  number: Type.String(),
  /** "mobile", "home", "work", "other", … as the source called it. */
  kind: Type.String(),
  /** As written in the source or typed. */
  raw: Type.String(),
});
export type ContactNumber = Static<typeof ContactNumber>;

export const ContactView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  organization: NullableString,
  note: NullableString,
  numbers: Type.Array(ContactNumber),
  /** Names of the groups the contact is in, in name order. */
  groups: Type.Array(Type.String()),
  /**
   * Whether one of the numbers is a mailbox user the internet reaches: true or false once the
   * mailbox matched the phone book, null before (or without an account).
   */
  reachable: Type.Union([Type.Boolean(), Type.Null()]),
});
export type ContactView = Static<typeof ContactView>;

export const ContactQuery = Type.Object(
  {
    /** Words of the name or organisation, or digits of a number. */
    text: Type.Optional(Type.String({ maxLength: 200 })),
    /** Only members of this group. */
    groupId: Type.Optional(Id),
    after: Type.Optional(Cursor),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  },
  { additionalProperties: false },
);
export type ContactQuery = Static<typeof ContactQuery>;

export const ContactPage = Type.Object({
  /** In name order. */
  items: Type.Array(ContactView),
  next: Type.Union([Type.String(), Type.Null()]),
});
export type ContactPage = Static<typeof ContactPage>;

export const ContactInput = Type.Object(
  {
    /** The contact to change; absent to add a new one. */
    contactId: Type.Optional(Id),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    organization: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    note: Type.Optional(Type.Union([Type.String({ maxLength: 5000 }), Type.Null()])),
    /** Every number of the contact (replacing the ones it had), as typed; checked by the core. */
    numbers: Type.Array(
      Type.Object(
        { number: Type.String({ maxLength: 40 }), kind: Type.Optional(Type.String({ maxLength: 20 })) },
        { additionalProperties: false },
      ),
      { maxItems: 50 },
    ),
  },
  { additionalProperties: false },
);
export type ContactInput = Static<typeof ContactInput>;

export const ContactRef = Type.Object({ contactId: Id }, { additionalProperties: false });
export type ContactRef = Static<typeof ContactRef>;

export const ContactGroupView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  members: Type.Integer({ minimum: 0 }),
});
export type ContactGroupView = Static<typeof ContactGroupView>;

const ContactGroupName = Type.String({ minLength: 1, maxLength: 100 });

export const ContactGroupCreate = Type.Object({ name: ContactGroupName }, { additionalProperties: false });
export const ContactGroupRename = Type.Object({ groupId: Id, name: ContactGroupName }, { additionalProperties: false });
export const ContactGroupRef = Type.Object({ groupId: Id }, { additionalProperties: false });
export const ContactGroupMembers = Type.Object(
  { groupId: Id, contactIds: Type.Array(Id, { minItems: 1, maxItems: 500 }) },
  { additionalProperties: false },
);
export type ContactGroupMembers = Static<typeof ContactGroupMembers>;

export const ContactImportFormat = Type.Union([Type.Literal('vcard'), Type.Literal('csv')]);
export type ContactImportFormat = Static<typeof ContactImportFormat>;

export const ContactImportStart = Type.Object(
  {
    format: ContactImportFormat,
    /** The file's size in bytes, checked against CONTACTS_IMPORT_MAX_BYTES before anything is read. */
    size: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type ContactImportStart = Static<typeof ContactImportStart>;

export const ContactImportRef = Type.Object({ importId: Id }, { additionalProperties: false });
export type ContactImportRef = Static<typeof ContactImportRef>;

export const ContactImportChunk = Type.Object(
  { importId: Id, text: Type.String({ maxLength: CONTACTS_IMPORT_CHUNK }) },
  { additionalProperties: false },
);
export type ContactImportChunk = Static<typeof ContactImportChunk>;

export const ContactImportIssue = Type.Object({
  /** 1-based number of the card or row in the file. */
  record: Type.Integer({ minimum: 1 }),
  /** 1-based line where it starts (a card) or ends (a CSV row). */
  line: Type.Integer({ minimum: 0 }),
  /** What was wrong, in words. */
  reason: Type.String(),
});
export type ContactImportIssue = Static<typeof ContactImportIssue>;

export const ContactImportSummary = Type.Object({
  /** Cards or rows read. */
  records: Type.Integer({ minimum: 0 }),
  /** New contacts. */
  added: Type.Integer({ minimum: 0 }),
  /** Contacts of the same UID changed by the file. */
  updated: Type.Integer({ minimum: 0 }),
  /** Cards or rows imported before, left as they are. */
  unchanged: Type.Integer({ minimum: 0 }),
  /** Cards or rows skipped because they could not be read; `issues` lists the first 1000. */
  skipped: Type.Integer({ minimum: 0 }),
  issues: Type.Array(ContactImportIssue, { maxItems: 1000 }),
});
export type ContactImportSummary = Static<typeof ContactImportSummary>;

export const ContactsChanged = Type.Object({
  /** What changed: contacts (and their numbers or groups), or the groups themselves. */
  what: Type.Union([Type.Literal('contacts'), Type.Literal('groups')]),
});
export type ContactsChanged = Static<typeof ContactsChanged>;

/** A number to invite to the mailbox by SMS, as typed (the server reads it in the account's country). */
export const ContactInviteRequest = Type.Object({ number: Type.String({ minLength: 3, maxLength: 40 }) }, { additionalProperties: false });
export type ContactInviteRequest = Static<typeof ContactInviteRequest>;

export const ContactInvitation = Type.Object({
  /** E.164, as the server read it. */
  number: Type.String(),
  /** pending: the SMS went (or waits for a gateway) and no answer came; the person answers yes or no by SMS. */
  status: Type.Union([Type.Literal('pending'), Type.Literal('accepted'), Type.Literal('declined'), Type.Literal('expired')]),
  /** ISO 8601. */
  createdAt: Type.String(),
  /** ISO 8601: an unanswered invitation expires then. */
  expiresAt: Type.String(),
  answeredAt: NullableString,
});
export type ContactInvitation = Static<typeof ContactInvitation>;

export const contactsCalls = {
  /** One page of contacts in name order, narrowed by words, digits of a number, or a group. */
  'contacts.list': { args: ContactQuery, result: ContactPage },
  /** Adds a contact or changes one; every number is checked and stored in its E.164 form. */
  'contacts.save': { args: ContactInput, result: ContactView },
  /** Deletes a contact (its messages stay in the archive). */
  'contacts.delete': { args: ContactRef, result: Type.Null() },
  /** Every group with its number of members, in name order. */
  'groups.list': { args: NoArgs, result: Type.Array(ContactGroupView) },
  'groups.create': { args: ContactGroupCreate, result: ContactGroupView },
  'groups.rename': { args: ContactGroupRename, result: ContactGroupView },
  /** Deletes a group; its contacts stay. */
  'groups.delete': { args: ContactGroupRef, result: Type.Null() },
  'groups.addMembers': { args: ContactGroupMembers, result: ContactGroupView },
  'groups.removeMembers': { args: ContactGroupMembers, result: ContactGroupView },
  /** Begins importing a vCard or CSV file whose text follows in chunks; unused imports expire. */
  'contacts.importStart': { args: ContactImportStart, result: ContactImportRef },
  /** The next piece of the file's text, in order. */
  'contacts.importChunk': { args: ContactImportChunk, result: Type.Null() },
  /** Imports the text received and says what came of every card or row. */
  'contacts.importFinish': { args: ContactImportRef, result: ContactImportSummary },
  /**
   * Invites a number that is not on the mailbox (signed in only): a gateway texts them and
   * they answer yes or no by SMS. Asking again while one waits sends nothing and returns it;
   * a number already on the mailbox, or one that declined, is refused in words.
   */
  'contacts.invite': { args: ContactInviteRequest, result: ContactInvitation },
  /** The account's invitations, newest first, with their answers. */
  'contacts.invitations': { args: NoArgs, result: Type.Array(ContactInvitation) },
} as const satisfies { [K in ContactsCallName]: CallSpec };

export const contactsEvents = {
  /** Contacts or groups changed (here, in another window, or by an import). */
  'contacts.changed': ContactsChanged,
} as const satisfies { [K in ContactsEventName]: TSchema };
