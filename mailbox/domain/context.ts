import type { Db } from '../store/db';
import type { Clock } from './clock';
import type { Notifier } from './notifier';
import type { Policy } from './policy';

/** What every mailbox service works with; one per server process. */
export interface MailboxContext {
  readonly db: Db;
  readonly clock: Clock;
  readonly policy: Policy;
  readonly notifier: Notifier;
}
