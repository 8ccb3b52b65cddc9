import { COLUMN_TYPES, type Db } from './db';
import { MIGRATIONS, type Migration } from './migrations';

export type MigrateErrorCode = 'schema-too-new';

export class MigrateError extends Error {
  override readonly name = 'MigrateError';
  constructor(
    readonly code: MigrateErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Brings the schema up to `target` (default: the latest), one migration per transaction so a
 * failure leaves the database at the last good version. Returns the version reached.
 */
export async function migrate(db: Db, target: number = MIGRATIONS.length, migrations: readonly Migration[] = MIGRATIONS): Promise<number> {
  const goal = Math.min(target, migrations.length);
  // Under the lock even to read: on PostgreSQL the first read creates the version table, and
  // two processes creating it at once would collide.
  let version = await db.transaction(async (tx) => {
    await db.lockForMigration(tx);
    return db.schemaVersion(tx);
  });
  if (version > migrations.length) {
    throw new MigrateError(
      'schema-too-new',
      `The database is at schema version ${version}, newer than this server knows (${migrations.length}). Update SMSDesk.`,
    );
  }
  while (version < goal) {
    version = await db.transaction(async (tx) => {
      await db.lockForMigration(tx);
      // Another process may have migrated while this one waited for the lock.
      const current = await db.schemaVersion(tx);
      if (current >= goal) return current;
      const step = migrations[current];
      if (step === undefined) return current;
      for (const sql of step.statements(COLUMN_TYPES[db.dialect])) await tx.run(sql);
      await db.setSchemaVersion(tx, step.version);
      return step.version;
    });
  }
  return version;
}
