import { migration001 } from './001-initial';
import { migration002 } from './002-bulk-import';
import { migration003 } from './003-office';
import { migration004 } from './004-routing';
import { migration005 } from './005-held-parts';
import { migration006 } from './006-contacts-by-name';
import { migration007 } from './007-mailbox-reach';
import type { Migration } from './types';

export type { Migration } from './types';

/** Every migration in order; `MIGRATIONS[i].version === i + 1`. Append only. */
export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
];
