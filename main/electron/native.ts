import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Path of better-sqlite3's Electron build when running from a checkout
 * (scripts/electron-native.mjs puts it in .native/). A packaged app has its
 * modules rebuilt for Electron by electron-builder, so it returns undefined there
 * and the default binding is used.
 */
export function sqliteBindingForElectron(appRoot: string, isPackaged: boolean): string | undefined {
  if (isPackaged) return undefined;
  const file = join(
    appRoot,
    '.native',
    `electron-${process.versions.electron ?? 'unknown'}-${process.platform}-${process.arch}`,
    'better_sqlite3.node',
  );
  return existsSync(file) ? file : undefined;
}

/**
 * Loads better-sqlite3 once so a missing or wrong-ABI native module is reported
 * at start-up in plain words, not later as a crash in the middle of a receive.
 * Returns null when it loads, else the message to show.
 */
export async function checkSqlite(nativeBinding: string | undefined): Promise<string | null> {
  try {
    const { default: Database } = await import('better-sqlite3');
    new Database(':memory:', nativeBinding ? { nativeBinding } : {}).close();
    return null;
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    return `SMSDesk's database module does not load in this Electron (${detail}). From a checkout, run "npm start" again; it rebuilds the module.`;
  }
}
