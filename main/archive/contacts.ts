import { newUid } from './ids';
import type { AddressNormaliser } from './address';
import { ArchiveError } from './errors';
import type { GroupStore } from './groups';
import { checkContactNumber } from './contacts-numbers';
import { ContactPages, type ContactPageQuery, type ContactRow } from './contacts-page';
import { cleanText, type StoreContext } from './model';

export interface ContactAddress {
  /** Normalised (E.164 or text). */
  address: string;
  /** "mobile", "home", "work", "other", …, as the source called it. */
  kind: string;
  /** As written in the source. */
  raw: string;
}

export interface Contact {
  id: number;
  uid: string;
  displayName: string;
  organization: string | null;
  note: string | null;
  addresses: ContactAddress[];
  groups: string[];
}

export interface ContactInput {
  /** A stable id (vCard UID, sync id); a second upsert with it updates the same contact. */
  uid?: string;
  displayName: string;
  organization?: string | null;
  note?: string | null;
  addresses: readonly { value: string; kind?: string }[];
  /** Group names the contact joins (created when new). */
  groups?: readonly string[];
  /** Import hash for sources without ids: the same card imported twice is skipped. */
  importKey?: bigint | null;
}

export class ContactStore {
  readonly #ctx: StoreContext;
  readonly #addresses: AddressNormaliser;
  readonly #groups: GroupStore;
  readonly #byId;
  readonly #byUid;
  readonly #byImportKey;
  readonly #insert;
  readonly #update;
  readonly #clearAddresses;
  readonly #addAddress;
  readonly #addressesOf;
  readonly #groupsOf;
  readonly #byAddress;
  readonly #list;
  readonly #delete;
  readonly #pages;

  constructor(ctx: StoreContext, addresses: AddressNormaliser, groups: GroupStore) {
    this.#ctx = ctx;
    this.#addresses = addresses;
    this.#groups = groups;
    const db = ctx.db;
    this.#byId = db.prepare<[number], ContactRow>(`SELECT * FROM contacts WHERE id = ?`);
    this.#byUid = db.prepare<[string], ContactRow>(`SELECT * FROM contacts WHERE uid = ?`);
    this.#byImportKey = db.prepare<[bigint], ContactRow>(`SELECT * FROM contacts WHERE import_key = ?`);
    this.#insert = db.prepare<[string, string, string | null, string | null, bigint | null, number, number], { id: number }>(
      `INSERT INTO contacts (uid, display_name, organization, note, import_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    );
    this.#update = db.prepare<[string, string | null, string | null, bigint | null, number, number]>(
      `UPDATE contacts SET display_name = ?, organization = ?, note = ?, import_key = coalesce(?, import_key), updated_at = ?,
         revision = revision + 1 WHERE id = ?`,
    );
    this.#clearAddresses = db.prepare<[number]>(`DELETE FROM contact_addresses WHERE contact_id = ?`);
    this.#addAddress = db.prepare<[number, string, string, string]>(
      `INSERT INTO contact_addresses (contact_id, address, kind, raw) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    );
    this.#addressesOf = db.prepare<[number], ContactAddress>(
      `SELECT address, kind, raw FROM contact_addresses WHERE contact_id = ? ORDER BY address`,
    );
    this.#groupsOf = db.prepare<[number], { name: string }>(
      `SELECT g.name FROM group_members m JOIN groups g ON g.id = m.group_id WHERE m.contact_id = ? ORDER BY g.name`,
    );
    this.#byAddress = db.prepare<[string], ContactRow>(
      `SELECT c.* FROM contact_addresses a JOIN contacts c ON c.id = a.contact_id WHERE a.address = ? ORDER BY c.id`,
    );
    this.#list = db.prepare<[number, number], ContactRow>(
      `SELECT * FROM contacts ORDER BY display_name COLLATE NOCASE, id LIMIT ? OFFSET ?`,
    );
    this.#delete = db.prepare<[number]>(`DELETE FROM contacts WHERE id = ?`);
    this.#pages = new ContactPages(db);
  }

  /**
   * Creates or updates a contact in one transaction. With a `uid` the contact of that uid is
   * updated (addresses replaced, groups added); a contact already imported with the same
   * `importKey` is left as it is (the same card imported twice changes nothing). `created`
   * says whether a new contact was made, `changed` whether anything was written.
   */
  upsert(input: ContactInput): { contact: Contact; created: boolean; changed: boolean } {
    const name = cleanText(input.displayName).trim();
    if (name === '') throw new ArchiveError('ARCHIVE_INVALID', 'A contact needs a name.');
    return this.#ctx.db.transaction(() => {
      const now = this.#ctx.now();
      if (input.importKey != null) {
        const seen = this.#byImportKey.get(input.importKey);
        if (seen) return { contact: this.get(seen.id) as Contact, created: false, changed: false };
      }
      const byUid = input.uid !== undefined ? this.#byUid.get(input.uid) : undefined;
      let id: number;
      if (byUid) {
        id = byUid.id;
        this.#update.run(name, input.organization ?? null, input.note ?? null, input.importKey ?? null, now, id);
        this.#clearAddresses.run(id);
      } else {
        id = (
          this.#insert.get(
            input.uid ?? newUid(),
            name,
            input.organization ?? null,
            input.note ?? null,
            input.importKey ?? null,
            now,
            now,
          ) as { id: number }
        ).id;
      }
      for (const a of input.addresses) {
        const raw = a.value.trim();
        if (raw === '') continue;
        this.#addAddress.run(id, this.#addresses.normalise(raw), a.kind ?? 'other', raw);
      }
      for (const group of input.groups ?? []) {
        if (group.trim() !== '') this.#groups.addMember(this.#groups.ensure(group).id, id);
      }
      return { contact: this.get(id) as Contact, created: !byUid, changed: true };
    })();
  }

  get(id: number): Contact | undefined {
    const row = this.#byId.get(id);
    return row ? this.#toContact(row) : undefined;
  }

  getByUid(uid: string): Contact | undefined {
    const row = this.#byUid.get(uid);
    return row ? this.#toContact(row) : undefined;
  }

  /** Contacts that hold this address (raw or normalised). */
  findByAddress(address: string): Contact[] {
    return this.#byAddress.all(this.#addresses.normalise(address)).map((r) => this.#toContact(r));
  }

  list(options: { limit?: number; offset?: number } = {}): Contact[] {
    return this.#list.all(options.limit ?? 100, options.offset ?? 0).map((r) => this.#toContact(r));
  }

  /** One keyset page in name order (see contacts-page.ts), narrowed by name, number or group. */
  page(query: ContactPageQuery = {}): { items: Contact[]; next: string | null } {
    const { rows, next } = this.#pages.page(query);
    return { items: rows.map((r) => this.#toContact(r)), next };
  }

  /** The archive form of a number typed by hand, or an ArchiveError saying what is wrong with it. */
  checkNumber(raw: string): string {
    return checkContactNumber(raw, this.#addresses);
  }

  delete(id: number): boolean {
    return this.#delete.run(id).changes > 0;
  }

  #toContact(r: ContactRow): Contact {
    return {
      id: r.id,
      uid: r.uid,
      displayName: r.display_name,
      organization: r.organization,
      note: r.note,
      addresses: this.#addressesOf.all(r.id),
      groups: this.#groupsOf.all(r.id).map((g) => g.name),
    };
  }
}
