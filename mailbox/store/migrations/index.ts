import { migration001 } from './001-accounts-and-login';
import { migration002 } from './002-stations-and-jobs';
import { migration003 } from './003-messages';
import { migration004 } from './004-own-stations';
import { migration005 } from './005-contacts';
import { migration006 } from './006-notification-rules';
import { migration007 } from './007-invitations';
import type { Migration } from './migration';

export type { Migration } from './migration';

/** Every migration, in order; `version` equals the position plus one (checked by a test). */
export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
