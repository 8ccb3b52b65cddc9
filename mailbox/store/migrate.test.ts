import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, useBackends } from '../test/backends';
import { PgDb } from './pg-db';
import { MigrateError, migrate } from './migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';
import type { Db } from './db';

const backends = useBackends();
beforeAll(() => backends.start());
afterAll(() => backends.stop());

async function tables(db: Db): Promise<string[]> {
  const rows =
    db.dialect === 'sqlite'
      ? await db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      : await db.all<{ name: string }>('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()');
  return rows
    .map((r) => r.name)
    .filter((n) => n !== 'smsdesk_schema')
    .sort();
}

describe('migration list', () => {
  it('numbers migrations 1..N in order', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });
});

describe.each(DIALECTS)('migrations on %s', (dialect) => {
  it('migrates an empty database to the latest version, and a second run changes nothing', async () => {
    const db = await backends.fresh(dialect);
    expect(await migrate(db)).toBe(LATEST_SCHEMA_VERSION);
    const before = await tables(db);
    expect(await migrate(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(await tables(db)).toEqual(before);
    expect(before).toEqual(
      [
        'accounts',
        'contacts',
        'deliveries',
        'invitations',
        'jobs',
        'login_codes',
        'mailbox',
        'messages',
        'notification_rules',
        'rate_counters',
        'received_sms',
        'sessions',
        'settings',
        'stations',
      ].sort(),
    );
  });

  it('1: from 0 creates accounts, codes, sessions, counters and settings', async () => {
    const db = await backends.fresh(dialect);
    expect(await migrate(db, 0)).toBe(0);
    expect(await tables(db)).toEqual([]);
    expect(await migrate(db, 1)).toBe(1);
    await db.run('INSERT INTO accounts (number, created_at) VALUES ($1, $2)', ['+14155550100', 1]);
    await db.run('INSERT INTO sessions (account_id, token_hash, device_name, created_at, last_seen_at) VALUES (1, $1, $2, 1, 1)', [
      'h',
      'laptop',
    ]);
    const row = await db.one<{ change_seq: number }>('SELECT change_seq FROM accounts');
    expect(row).toEqual({ change_seq: 0 });
    await expect(db.run('INSERT INTO accounts (number, created_at) VALUES ($1, $2)', ['+14155550100', 2])).rejects.toThrow();
  });

  it('2: from 1 keeps accounts and adds stations, jobs and received SMS', async () => {
    const db = await backends.fresh(dialect);
    await migrate(db, 1);
    await db.run('INSERT INTO accounts (number, created_at) VALUES ($1, $2)', ['+14155550100', 1]);
    expect(await migrate(db, 2)).toBe(2);
    expect(await db.all('SELECT number FROM accounts')).toEqual([{ number: '+14155550100' }]);
    await db.run('INSERT INTO stations (name, token_hash, owner_account_id, created_at) VALUES ($1, $2, 1, 5)', ['office', 'h1']);
    await db.run("INSERT INTO jobs (kind, to_number, body, state, created_at, updated_at) VALUES ('code', $1, $2, 'queued', 1, 1)", [
      '+14155550101',
      'x',
    ]);
    const job = await db.one<{ attempts: number; lease_until: number | null }>('SELECT attempts, lease_until FROM jobs');
    expect(job).toEqual({ attempts: 0, lease_until: null });
  });

  it('3: from 2 keeps stations and jobs and adds messages, deliveries and the mailbox', async () => {
    const db = await backends.fresh(dialect);
    await migrate(db, 2);
    await db.run('INSERT INTO accounts (number, created_at) VALUES ($1, $2)', ['+14155550100', 1]);
    await db.run("INSERT INTO stations (name, token_hash, created_at) VALUES ('gw', 'h', 1)");
    expect(await migrate(db, 3)).toBe(3);
    expect(await db.all('SELECT name FROM stations')).toEqual([{ name: 'gw' }]);
    const big = 1_700_000_000_000;
    await db.run('INSERT INTO messages (sender_account_id, sender_number, client_id, body, created_at) VALUES (1, $1, $2, $3, $4)', [
      '+14155550100',
      'c1',
      'hi',
      big,
    ]);
    // A client id is unique per sender: the same id again is refused by the schema itself.
    await expect(
      db.run('INSERT INTO messages (sender_account_id, sender_number, client_id, body, created_at) VALUES (1, $1, $2, $3, $4)', [
        '+14155550100',
        'c1',
        'again',
        big,
      ]),
    ).rejects.toThrow();
    await db.run("INSERT INTO mailbox (account_id, message_id, direction, seq) VALUES (1, 1, 'out', 1)");
    const row = await db.one<{ created_at: number }>('SELECT created_at FROM messages');
    // pg returns int8 as a string by default; the store maps it to a number on both backends.
    expect(row).toEqual({ created_at: big });
  });

  it('4: from 3 marks existing (gateway) stations verified and lets own stations wait unverified', async () => {
    const db = await backends.fresh(dialect);
    await migrate(db, 3);
    await db.run("INSERT INTO stations (name, token_hash, created_at) VALUES ('gw', 'h', 42)");
    expect(await migrate(db, 4)).toBe(4);
    expect(await db.all('SELECT name, verified_at FROM stations')).toEqual([{ name: 'gw', verified_at: 42 }]);
    await db.run("INSERT INTO stations (name, token_hash, created_at) VALUES ('mine', 'h2', 43)");
    expect(await db.one("SELECT verified_at FROM stations WHERE name = 'mine'")).toEqual({ verified_at: null });
  });

  it('5: from 4 keeps stations and adds hashed contacts', async () => {
    const db = await backends.fresh(dialect);
    await migrate(db, 4);
    await db.run('INSERT INTO accounts (number, created_at) VALUES ($1, $2)', ['+14155550100', 1]);
    expect(await migrate(db, 5)).toBe(5);
    await db.run('INSERT INTO contacts (account_id, number_hash) VALUES (1, $1)', ['ab']);
    await expect(db.run('INSERT INTO contacts (account_id, number_hash) VALUES (1, $1)', ['ab'])).rejects.toThrow();
    expect(await db.all('SELECT number FROM accounts')).toEqual([{ number: '+14155550100' }]);
  });

  it('6: from 5 keeps contacts and adds notification rules', async () => {
    const db = await backends.fresh(dialect);
    await migrate(db, 5);
    await db.run('INSERT INTO accounts (number, created_at) VALUES ($1, $2)', ['+14155550100', 1]);
    await db.run('INSERT INTO contacts (account_id, number_hash) VALUES (1, $1)', ['ab']);
    expect(await migrate(db, 6)).toBe(6);
    expect(await db.all('SELECT number_hash FROM contacts')).toEqual([{ number_hash: 'ab' }]);
    await db.run(
      `INSERT INTO notification_rules (account_id, from_numbers, window_start_min, window_end_min, utc_offset_min, min_unread, daily_cap)
       VALUES (1, $1, 0, 1440, 60, 3, 5)`,
      [''],
    );
    expect(await db.one('SELECT min_unread, daily_cap FROM notification_rules')).toEqual({ min_unread: 3, daily_cap: 5 });
  });

  it('7: from 6 keeps rules and adds invitations, one pending per inviter and number', async () => {
    const db = await backends.fresh(dialect);
    await migrate(db, 6);
    await db.run('INSERT INTO accounts (number, created_at) VALUES ($1, $2)', ['+14155550100', 1]);
    await db.run(
      `INSERT INTO notification_rules (account_id, from_numbers, window_start_min, window_end_min, utc_offset_min, min_unread, daily_cap)
       VALUES (1, $1, 0, 1440, 60, 3, 5)`,
      [''],
    );
    expect(await migrate(db, 7)).toBe(7);
    expect(await db.one('SELECT daily_cap FROM notification_rules')).toEqual({ daily_cap: 5 });
    const add = (status: string) =>
      db.run('INSERT INTO invitations (inviter_account_id, number, status, created_at, expires_at) VALUES (1, $1, $2, 1, 2)', [
        '+14155550103',
        status,
      ]);
    await add('pending');
    await expect(add('pending')).rejects.toThrow();
    await add('declined');
    await add('declined');
    expect(await db.all('SELECT status FROM invitations ORDER BY id')).toEqual([
      { status: 'pending' },
      { status: 'declined' },
      { status: 'declined' },
    ]);
  });

  it('refuses a database newer than this server', async () => {
    const db = await backends.fresh(dialect);
    await migrate(db);
    await db.transaction((tx) => db.setSchemaVersion(tx, LATEST_SCHEMA_VERSION + 1));
    const err = await migrate(db).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MigrateError);
    expect((err as MigrateError).code).toBe('schema-too-new');
  });

  it('rolls a failed migration back to the last good version', async () => {
    const db = await backends.fresh(dialect);
    const broken = [
      ...MIGRATIONS.slice(0, 1),
      { version: 2, name: 'broken', statements: () => ['CREATE TABLE half (a INTEGER)', 'NOT SQL'] },
    ];
    await expect(migrate(db, 2, broken)).rejects.toThrow();
    expect(await db.transaction((tx) => db.schemaVersion(tx))).toBe(1);
    expect(await tables(db)).not.toContain('half');
  });
});

describe('migrations on pg with several servers starting at once', () => {
  it('migrates once while the others wait on the advisory lock', async () => {
    const url = await backends.freshPgUrl();
    const dbs = [new PgDb(url), new PgDb(url), new PgDb(url)];
    try {
      const versions = await Promise.all(dbs.map((db) => migrate(db)));
      expect(versions).toEqual([LATEST_SCHEMA_VERSION, LATEST_SCHEMA_VERSION, LATEST_SCHEMA_VERSION]);
    } finally {
      for (const db of dbs) await db.close();
    }
  });
});

describe('query plans on sqlite', () => {
  it('reads changes since a state through the mailbox_by_seq index', async () => {
    const db = await backends.fresh('sqlite');
    await migrate(db);
    const plan = await db.all<{ detail: string }>(
      'EXPLAIN QUERY PLAN SELECT message_id FROM mailbox WHERE account_id = $1 AND seq > $2 ORDER BY seq LIMIT 10',
      [1, 0],
    );
    expect(plan.map((p) => p.detail).join(' ')).toContain('mailbox_by_seq');
  });

  it('finds the pending invitation an SMS answers through invitations_by_number', async () => {
    const db = await backends.fresh('sqlite');
    await migrate(db);
    const plan = await db.all<{ detail: string }>(
      "EXPLAIN QUERY PLAN SELECT id FROM invitations WHERE number = $1 AND status = 'pending' AND expires_at > $2 ORDER BY id DESC LIMIT 1",
      ['+14155550103', 0],
    );
    expect(plan.map((p) => p.detail).join(' ')).toContain('USING INDEX invitations_by_number (number=? AND status=?)');
  });
});
