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

/** Groups are named by people and shown in one line: a bounded, trimmed, non-empty name. */
const MAX_GROUP_NAME = 100;

function groupName(name: string): string {
  const clean = name.replace(/\s+/g, ' ').trim();
  if (clean === '') throw new ArchiveError('ARCHIVE_INVALID', 'A group needs a name.');
  if (Array.from(clean).length > MAX_GROUP_NAME) {
    throw new ArchiveError('ARCHIVE_INVALID', `A group name has at most ${MAX_GROUP_NAME} characters.`);
  }
  return clean;
}

/** Contact groups (recipient lists for bulk sends), by name, case-insensitively unique. */
export class GroupStore {
  readonly #ctx: StoreContext;
  readonly #byName;
  readonly #byUid;
  readonly #rename;
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
    this.#byUid = db.prepare<[string], GroupRow>(`SELECT ${columns} FROM groups g WHERE g.uid = ?`);
    this.#rename = db.prepare<[string, number]>(`UPDATE groups SET name = ? WHERE id = ?`);
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

  /** A new group; a name already taken (in any case) is an ARCHIVE_CONFLICT. */
  create(name: string): Group {
    const clean = groupName(name);
    if (this.#byName.get(clean)) throw new ArchiveError('ARCHIVE_CONFLICT', `There is already a group named “${clean}”.`);
    return this.ensure(clean);
  }

  /** Renames a group; another group's name (in any case) is an ARCHIVE_CONFLICT. */
  rename(groupId: number, name: string): Group {
    const clean = groupName(name);
    const other = this.#byName.get(clean);
    if (other && other.id !== groupId) throw new ArchiveError('ARCHIVE_CONFLICT', `There is already a group named “${clean}”.`);
    if (this.#rename.run(clean, groupId).changes === 0) throw new ArchiveError('ARCHIVE_NOT_FOUND', 'That group is not in the archive.');
    return this.#byName.get(clean) as Group;
  }

  getByUid(uid: string): Group | undefined {
    return this.#byUid.get(uid);
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
