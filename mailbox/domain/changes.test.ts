import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queryable } from '../store/db';
import { DIALECTS, useBackends } from '../test/backends';
import { testContext } from '../test/context';
import { ensureAccount } from './accounts';
import { changesSince } from './changes';
import { sendMessage } from './messages';
import type { E164 } from './phone';

const backends = useBackends();
beforeAll(() => backends.start());
afterAll(() => backends.stop());

describe.each(DIALECTS)('changes since on %s', (dialect) => {
  it('never answers an empty page with a state whose row it did not see (a send committed between the two reads)', async () => {
    const ctx = await testContext(backends, dialect);
    const now = ctx.clock.now();
    const alice = await ensureAccount(ctx.db, '+14155550101' as E164, now);
    const bob = await ensureAccount(ctx.db, '+14155550102' as E164, now);
    await ctx.db.run('UPDATE accounts SET registered_at = $1', [now]);
    // The first read of Bob's mailbox finds nothing; Alice's send commits right after it,
    // before the counter is read (what PostgreSQL's per-statement snapshots allow).
    let raced = false;
    const racing: Queryable = {
      dialect: ctx.db.dialect,
      one: (sql, params) => ctx.db.one(sql, params),
      run: (sql, params) => ctx.db.run(sql, params),
      async all<R>(sql: string, params?: Parameters<Queryable['all']>[1]): Promise<R[]> {
        const rows = await ctx.db.all<R>(sql, params);
        if (!raced && sql.includes('FROM mailbox')) {
          raced = true;
          await sendMessage(
            ctx,
            { sessionId: 1, accountId: alice, number: '+14155550101' },
            { clientId: 'c1', to: ['+14155550102'], text: 'hi' },
          );
        }
        return rows;
      },
    };
    const page = await changesSince(racing, bob, 0, 100);
    expect(raced).toBe(true);
    expect(page.items.map((i) => i.text)).toEqual(['hi']);
    expect(page.state).toBe(1);
    // A client ahead of the server (a state from elsewhere) is brought back in line.
    expect(await changesSince(ctx.db, bob, 7, 100)).toEqual({ items: [], state: 1, more: false });
  });
});
