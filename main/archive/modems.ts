import { ArchiveError } from './errors';
import type { StoreContext } from './model';

export interface ModemRecord {
  id: number;
  imei: string | null;
  iccid: string | null;
  imsi: string | null;
  ownNumber: string | null;
  manufacturer: string | null;
  model: string | null;
  label: string | null;
  ratePerMinute: number | null;
  firstSeenAt: number;
  lastSeenAt: number;
}

export interface ModemIdentity {
  imei?: string | null;
  iccid?: string | null;
  imsi?: string | null;
  ownNumber?: string | null;
  manufacturer?: string | null;
  model?: string | null;
}

interface ModemRow {
  id: number;
  imei: string | null;
  iccid: string | null;
  imsi: string | null;
  own_number: string | null;
  manufacturer: string | null;
  model: string | null;
  label: string | null;
  rate_per_minute: number | null;
  first_seen_at: number;
  last_seen_at: number;
}

/** Modems by identity, and the routing rules that pick one for a recipient. */
export class ModemStore {
  readonly #ctx: StoreContext;
  readonly #byImei;
  readonly #byIccid;
  readonly #byId;
  readonly #all;
  readonly #insert;
  readonly #update;
  readonly #setRate;
  readonly #addRoute;
  readonly #routes;
  readonly #submittedSince;

  constructor(ctx: StoreContext) {
    this.#ctx = ctx;
    const db = ctx.db;
    this.#byImei = db.prepare<[string], ModemRow>(`SELECT * FROM modems WHERE imei = ?`);
    this.#byIccid = db.prepare<[string], ModemRow>(`SELECT * FROM modems WHERE iccid = ? AND imei IS NULL`);
    this.#byId = db.prepare<[number], ModemRow>(`SELECT * FROM modems WHERE id = ?`);
    this.#all = db.prepare<[], ModemRow>(`SELECT * FROM modems ORDER BY id`);
    this.#insert = db.prepare<[string | null, string | null, string | null, string | null, string | null, string | null, number, number]>(
      `INSERT INTO modems (imei, iccid, imsi, own_number, manufacturer, model, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#update = db.prepare<[string | null, string | null, string | null, string | null, string | null, number, number]>(
      `UPDATE modems SET iccid = coalesce(?, iccid), imsi = coalesce(?, imsi), own_number = coalesce(?, own_number),
         manufacturer = coalesce(?, manufacturer), model = coalesce(?, model), last_seen_at = ? WHERE id = ?`,
    );
    this.#setRate = db.prepare<[number | null, number]>(`UPDATE modems SET rate_per_minute = ? WHERE id = ?`);
    this.#addRoute = db.prepare<[number, string, number]>(`INSERT INTO routes (priority, prefix, modem_id) VALUES (?, ?, ?)`);
    this.#routes = db.prepare<[], { prefix: string; modem_id: number }>(`SELECT prefix, modem_id FROM routes ORDER BY priority, id`);
    this.#submittedSince = db.prepare<[number, number], { n: number }>(
      `SELECT count(*) AS n FROM parts WHERE modem_id = ? AND submitted_at >= ?`,
    );
  }

  /**
   * Records that a modem was seen: found by IMEI (the device), else by ICCID (the SIM, for
   * phones that hide their IMEI), created when new. Returns the stored record.
   */
  seen(identity: ModemIdentity, at: number = this.#ctx.now()): ModemRecord {
    const imei = identity.imei ?? null;
    const iccid = identity.iccid ?? null;
    if (imei === null && iccid === null) throw new ArchiveError('ARCHIVE_INVALID', 'A modem needs an IMEI or an ICCID to be archived.');
    const existing = imei !== null ? this.#byImei.get(imei) : iccid !== null ? this.#byIccid.get(iccid) : undefined;
    if (existing) {
      this.#update.run(
        iccid,
        identity.imsi ?? null,
        identity.ownNumber ?? null,
        identity.manufacturer ?? null,
        identity.model ?? null,
        at,
        existing.id,
      );
      return this.get(existing.id) as ModemRecord;
    }
    const info = this.#insert.run(
      imei,
      iccid,
      identity.imsi ?? null,
      identity.ownNumber ?? null,
      identity.manufacturer ?? null,
      identity.model ?? null,
      at,
      at,
    );
    return this.get(Number(info.lastInsertRowid)) as ModemRecord;
  }

  get(id: number): ModemRecord | undefined {
    const row = this.#byId.get(id);
    return row ? toModem(row) : undefined;
  }

  list(): ModemRecord[] {
    return this.#all.all().map(toModem);
  }

  setRatePerMinute(id: number, rate: number | null): void {
    if (rate !== null && (!Number.isInteger(rate) || rate < 1))
      throw new ArchiveError('ARCHIVE_INVALID', `A send rate is a whole number of messages per minute, not ${rate}.`);
    this.#setRate.run(rate, id);
  }

  /** Parts the modem submitted since `since`, for its per-minute rate limit. */
  submittedSince(modemId: number, since: number): number {
    return this.#submittedSince.get(modemId, since)?.n ?? 0;
  }

  addRoute(rule: { prefix: string; modemId: number; priority?: number }): void {
    this.#addRoute.run(rule.priority ?? 100, rule.prefix, rule.modemId);
  }

  /**
   * Modems that may send to `address` (E.164), best first: every rule whose prefix matches,
   * by priority. Empty when no rule matches; the station then uses any free modem.
   */
  routeFor(address: string): number[] {
    const ids: number[] = [];
    for (const r of this.#routes.all()) if (address.startsWith(r.prefix) && !ids.includes(r.modem_id)) ids.push(r.modem_id);
    return ids;
  }
}

function toModem(r: ModemRow): ModemRecord {
  return {
    id: r.id,
    imei: r.imei,
    iccid: r.iccid,
    imsi: r.imsi,
    ownNumber: r.own_number,
    manufacturer: r.manufacturer,
    model: r.model,
    label: r.label,
    ratePerMinute: r.rate_per_minute,
    firstSeenAt: r.first_seen_at,
    lastSeenAt: r.last_seen_at,
  };
}
