import { newUid } from './ids';
import { ArchiveError } from './errors';
import type { StoreContext } from './model';

export interface Group {
  id: number;
  uid: string;
  name: string;
  members: number;
}

interface GroupRow {
  id: number;
  uid: string;
  name: string;
  members: number;
}

/** Contact groups (recipient lists for bulk sends), by name, case-insensitively unique. */
export class GroupStore {
  readonly #ctx: StoreContext;
  readonly #byName;
  readonly #insert;
  readonly #all;
  readonly #add;
  readonly #remove;
  readonly #members;
  readonly #delete;

  constructor(ctx: StoreContext) {
    this.#ctx = ctx;
    const db = ctx.db;
    const columns = `g.id, g.uid, g.name, (SELECT count(*) FROM group_members m WHERE m.group_id = g.id) AS members`;
    this.#byName = db.prepare<[string], GroupRow>(`SELECT ${columns} FROM groups g WHERE g.name = ?`);
    this.#insert = db.prepare<[string, string, number]>(
      `INSERT INTO groups (uid, name, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
    );
    this.#all = db.prepare<[], GroupRow>(`SELECT ${columns} FROM groups g ORDER BY g.name`);
    this.#add = db.prepare<[number, number]>(`INSERT INTO group_members (group_id, contact_id) VALUES (?, ?) ON CONFLICT DO NOTHING`);
    this.#remove = db.prepare<[number, number]>(`DELETE FROM group_members WHERE group_id = ? AND contact_id = ?`);
    this.#members = db.prepare<[number], { contact_id: number }>(
      `SELECT contact_id FROM group_members WHERE group_id = ? ORDER BY contact_id`,
    );
    this.#delete = db.prepare<[number]>(`DELETE FROM groups WHERE id = ?`);
  }

  /** The group of this name (any case), created if needed. */
  ensure(name: string): Group {
    const clean = name.trim();
    if (clean === '') throw new ArchiveError('ARCHIVE_INVALID', 'A group needs a name.');
    this.#insert.run(newUid(), clean, this.#ctx.now());
    return this.#byName.get(clean) as Group;
  }

  list(): Group[] {
    return this.#all.all();
  }

  addMember(groupId: number, contactId: number): void {
    this.#add.run(groupId, contactId);
  }

  removeMember(groupId: number, contactId: number): boolean {
    return this.#remove.run(groupId, contactId).changes > 0;
  }

  memberIds(groupId: number): number[] {
    return this.#members.all(groupId).map((r) => r.contact_id);
  }

  delete(groupId: number): boolean {
    return this.#delete.run(groupId).changes > 0;
  }
}
