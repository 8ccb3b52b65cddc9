import type { ColumnTypes } from '../db';

/**
 * One numbered migration. `statements` receives the few column types that differ between
 * SQLite and PostgreSQL; everything else is SQL both dialects accept. Once a migration has
 * landed it is never edited: a change is a new file with the next number.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  statements(t: ColumnTypes): readonly string[];
}
