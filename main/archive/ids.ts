import { randomFillSync } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

// uuid's own generator refills 256 random bytes every 16 ids; an import of a million
// messages then spends more time in randomFillSync than in SQLite. A larger pool makes
// the same random bytes in one call per 4096 ids.
const POOL = new Uint8Array(16 * 4096);
let offset = POOL.length;

/** A new globally unique id (UUIDv7: time-ordered, so new rows append to the uid index). */
export function newUid(): string {
  if (offset >= POOL.length) {
    randomFillSync(POOL);
    offset = 0;
  }
  const random = POOL.subarray(offset, offset + 16);
  offset += 16;
  return uuidv7({ random, msecs: Date.now() });
}
