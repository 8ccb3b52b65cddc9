import { randomBytes } from 'node:crypto';
import type { Queryable } from '../store/db';

/**
 * The server's secret key (HMAC of codes, hashing of contact numbers). Made once, on first use,
 * and kept in the database so every process sharing it agrees.
 */
export async function serverKey(db: Queryable): Promise<string> {
  await db.run('INSERT INTO settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [
    'server-key',
    randomBytes(32).toString('hex'),
  ]);
  const row = await db.one<{ value: string }>('SELECT value FROM settings WHERE name = $1', ['server-key']);
  if (row === undefined) throw new Error('server key missing after insert');
  return row.value;
}
