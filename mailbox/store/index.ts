/**
 * Storage: one async Db interface over better-sqlite3 and pg, the numbered migrations both
 * dialects run, and opening a migrated store with its notifier.
 */
export type { Db, Dialect, Queryable, RunResult, SqlValue } from './db';
export { SqliteDb } from './sqlite-db';
export { PgDb } from './pg-db';
export { PgNotifier } from './pg-notifier';
export { migrate, MigrateError } from './migrate';
export { MIGRATIONS, LATEST_SCHEMA_VERSION } from './migrations';
export { openStore } from './open';
export type { OpenStore, StoreLocation } from './open';
