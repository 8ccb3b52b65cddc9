/**
 * The Contacts screen's calls: contacts in name order (searched and paged), adding and editing
 * them with every number checked, groups and their members, and vCard / CSV import through
 * the archive's importer. Every change is announced with `contacts.changed`. Whether the
 * mailbox reaches a contact, and invitations by SMS, come from the account (ContactsMailbox).
 */
import { Readable } from 'node:stream';
import {
  ArchiveError,
  importContactsCsv,
  importVcards,
  UPDATED_BY_UID,
  type Archive,
  type Contact,
  type Group,
  type ImportReport,
} from '../../archive/index';
import type { ContactGroupView, ContactImportSummary, ContactInvitation, ContactsCallName, ContactView } from '../../contract';
import { CallError, type AreaHandlers, type CoreContext } from '../area';
import { ImportSessions } from './contacts-imports';

/**
 * What the contacts area needs of the mailbox account (main/core/account-service.ts): the
 * last phone-book match, and invitations by SMS.
 */
export interface ContactsMailbox {
  /** True if the mailbox reaches any of these numbers, false if known and none, null if not known or signed out. */
  reachable(addresses: readonly string[]): boolean | null;
  invite(number: string): Promise<ContactInvitation>;
  invitations(): Promise<ContactInvitation[]>;
}

/** No account: nothing is known of any number. */
const NO_MAILBOX: Pick<ContactsMailbox, 'reachable'> = { reachable: () => null };

export function contactView(contact: Contact, mailbox: Pick<ContactsMailbox, 'reachable'> = NO_MAILBOX): ContactView {
  return {
    id: contact.uid,
    name: contact.displayName,
    organization: contact.organization,
    note: contact.note,
    numbers: contact.addresses.map((a) => ({ number: a.address, kind: a.kind, raw: a.raw })),
    groups: contact.groups,
    reachable: mailbox.reachable(contact.addresses.map((a) => a.address)),
  };
}

function groupView(group: Group): ContactGroupView {
  return { id: group.uid, name: group.name, members: group.members };
}

/** The importer's report in the screen's words: new, updated, unchanged and skipped records. */
export function importSummary(report: ImportReport): ContactImportSummary {
  return {
    records: report.records,
    added: report.imported,
    updated: report.skipped[UPDATED_BY_UID] ?? 0,
    unchanged: report.duplicates,
    skipped: report.bad,
    issues: report.issues.map((i) => ({ record: i.record, line: i.line, reason: i.reason })),
  };
}

function mustContact(archive: Archive, id: string): Contact {
  const contact = archive.contacts.getByUid(id);
  if (!contact) throw new CallError('not-found', 'That contact is not in the archive any more.');
  return contact;
}

function mustGroup(archive: Archive, id: string): Group {
  const group = archive.groups.getByUid(id);
  if (!group) throw new CallError('not-found', 'That group is not in the archive any more.');
  return group;
}

/** A refusal from the archive's checks, as the words the user reads next to the field. */
function refused(err: unknown): never {
  if (err instanceof ArchiveError && (err.code === 'ARCHIVE_INVALID' || err.code === 'ARCHIVE_CONFLICT')) {
    throw new CallError('bad-request', err.message);
  }
  throw err;
}

export function contactsHandlers(ctx: CoreContext, mailbox: ContactsMailbox): AreaHandlers<ContactsCallName> {
  const view = (contact: Contact): ContactView => contactView(contact, mailbox);
  const imports = new ImportSessions();
  ctx.disposables.add(imports);
  const changed = (what: 'contacts' | 'groups'): void => ctx.events.emit('contacts.changed', { what });

  return {
    'contacts.list': ({ text, groupId, after, limit }) => {
      const archive = ctx.archive;
      if (!archive) return { items: [], next: null };
      let group: number | undefined;
      if (groupId !== undefined) group = mustGroup(archive, groupId).id;
      const page = archive.contacts.page({
        ...(text !== undefined ? { text } : {}),
        ...(group !== undefined ? { groupId: group } : {}),
        ...(after !== undefined ? { after } : {}),
        ...(limit !== undefined ? { limit } : {}),
      });
      return { items: page.items.map(view), next: page.next };
    },

    'contacts.save': ({ contactId, name, organization, note, numbers }) => {
      const archive = ctx.mustArchive();
      const existing = contactId !== undefined ? mustContact(archive, contactId) : undefined;
      const typed = numbers.filter((n) => n.number.trim() !== '');
      try {
        // Every number is checked before anything is written: one bad number changes nothing.
        for (const n of typed) archive.contacts.checkNumber(n.number);
        const { contact } = archive.contacts.upsert({
          ...(existing ? { uid: existing.uid } : {}),
          displayName: name,
          organization: organization?.trim() || null,
          note: note?.trim() ? note : null,
          addresses: typed.map((n) => ({ value: n.number, kind: n.kind?.trim() || 'mobile' })),
        });
        changed('contacts');
        return view(contact);
      } catch (err) {
        return refused(err);
      }
    },

    'contacts.delete': ({ contactId }) => {
      const archive = ctx.mustArchive();
      archive.contacts.delete(mustContact(archive, contactId).id);
      changed('contacts');
      return null;
    },

    'groups.list': () => ctx.archive?.groups.list().map(groupView) ?? [],

    'groups.create': ({ name }) => {
      const archive = ctx.mustArchive();
      try {
        const group = archive.groups.create(name);
        changed('groups');
        return groupView(group);
      } catch (err) {
        return refused(err);
      }
    },

    'groups.rename': ({ groupId, name }) => {
      const archive = ctx.mustArchive();
      const group = mustGroup(archive, groupId);
      try {
        const renamed = archive.groups.rename(group.id, name);
        changed('groups');
        return groupView(renamed);
      } catch (err) {
        return refused(err);
      }
    },

    'groups.delete': ({ groupId }) => {
      const archive = ctx.mustArchive();
      archive.groups.delete(mustGroup(archive, groupId).id);
      changed('groups');
      return null;
    },

    'groups.addMembers': ({ groupId, contactIds }) => {
      const archive = ctx.mustArchive();
      const group = mustGroup(archive, groupId);
      const contacts = contactIds.map((id) => mustContact(archive, id));
      archive.db.transaction(() => {
        for (const c of contacts) archive.groups.addMember(group.id, c.id);
      })();
      changed('contacts');
      return groupView(mustGroup(archive, groupId));
    },

    'groups.removeMembers': ({ groupId, contactIds }) => {
      const archive = ctx.mustArchive();
      const group = mustGroup(archive, groupId);
      const contacts = contactIds.map((id) => mustContact(archive, id));
      archive.db.transaction(() => {
        for (const c of contacts) archive.groups.removeMember(group.id, c.id);
      })();
      changed('contacts');
      return groupView(mustGroup(archive, groupId));
    },

    'contacts.importStart': ({ format, size }) => {
      ctx.mustArchive();
      return { importId: imports.start(format, size) };
    },

    'contacts.importChunk': ({ importId, text }) => {
      imports.append(importId, text);
      return null;
    },

    'contacts.importFinish': async ({ importId }) => {
      const archive = ctx.mustArchive();
      const { format, chunks } = imports.take(importId);
      const source = Readable.from(chunks);
      const report = format === 'vcard' ? await importVcards(archive, source) : await importContactsCsv(archive, source);
      const summary = importSummary(report);
      if (summary.added > 0 || summary.updated > 0) changed('contacts');
      return summary;
    },

    'contacts.invite': ({ number }) => mailbox.invite(number),
    'contacts.invitations': () => mailbox.invitations(),
  };
}
