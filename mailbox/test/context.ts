import type { MailboxContext } from '../domain/context';
import { LocalNotifier, type MailboxEvent } from '../domain/notifier';
import { DEFAULT_POLICY, type Policy } from '../domain/policy';
import type { Dialect } from '../store/db';
import { migrate } from '../store/migrate';
import type { Backends } from './backends';
import { ManualClock } from './clock';

export interface TestContext extends MailboxContext {
  readonly clock: ManualClock;
  readonly events: MailboxEvent[];
  /** The SMS jobs queued so far, oldest first. */
  jobs(): Promise<{ id: number; kind: string; to_number: string; body: string; state: string }[]>;
}

/** A migrated store on a fresh database with a hand-moved clock; services run on it directly. */
export async function testContext(backends: Backends, dialect: Dialect, policy: Partial<Policy> = {}): Promise<TestContext> {
  const db = await backends.fresh(dialect);
  await migrate(db);
  const notifier = new LocalNotifier();
  const events: MailboxEvent[] = [];
  notifier.subscribe((e) => events.push(e));
  return {
    db,
    notifier,
    clock: new ManualClock(),
    policy: { ...DEFAULT_POLICY, ...policy },
    events,
    jobs: () => db.all('SELECT id, kind, to_number, body, state FROM jobs ORDER BY id'),
  };
}
