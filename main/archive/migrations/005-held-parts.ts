import type { Migration } from './types';

/**
 * Received parts are recognised as read twice only while the modem still holds them
 * (main/archive/README.md, "Receive: the same PDU twice").
 *
 * Before, a PDU's SHA-256 was unique: a part whose PDU was stored once was never stored
 * again. But two different SMS can have identical PDUs: the same text from the same sender
 * in the same second (TP-SCTS counts seconds), or one text sent to two of the station's SIMs.
 * The second was dropped. A PDU seen again is the same SMS only while the first copy is
 * still on the modem: its SIM slot not yet deleted (AT+CMGD), or a direct delivery (+CMT)
 * not yet acknowledged (AT+CNMA), which the network delivers again.
 *
 * - `parts.held_at`: where the modem holds a received part until it is deleted or
 *   acknowledged: `SM:3` (store and index), `direct`; NULL once it is gone from the modem,
 *   and for every part stored before this migration (the modem deleted those long ago).
 * - `parts_pdu_hash` is no longer unique; it still finds a PDU's earlier copies.
 * - `parts_held`: the few parts a modem still holds, by modem and place.
 */
export const migration005: Migration = {
  version: 5,
  name: 'held-parts',
  up(db) {
    db.exec(`
ALTER TABLE parts ADD COLUMN held_at TEXT;

DROP INDEX parts_pdu_hash;
CREATE INDEX parts_pdu_hash ON parts(pdu_hash) WHERE pdu_hash IS NOT NULL;
CREATE INDEX parts_held ON parts(modem_id, held_at) WHERE held_at IS NOT NULL;
`);
  },
};
