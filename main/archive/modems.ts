import type { AddressNormaliser } from './address';
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

/**
 * A routing rule: recipients whose number starts with `prefix` go out through `modemId`.
 * Among the rules that match, the lowest `priority` with a modem that can send wins; rules
 * of equal priority share the work. `''` matches every number.
 */
export interface Route {
  id: number;
  priority: number;
  prefix: string;
  modemId: number;
}

/** "+49", "+4917", "4930", "" (every number); short codes match by their digits. */
const ROUTE_PREFIX = /^\+?[0-9]{0,20}$/;

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
  readonly #addresses: AddressNormaliser;
  readonly #byImei;
  readonly #byIccid;
  readonly #byId;
  readonly #all;
  readonly #insert;
  readonly #update;
  readonly #setRate;
  readonly #addRoute;
  readonly #routes;
  readonly #removeRoute;
  readonly #setOwnNumber;
  readonly #bySender;
  readonly #submittedSince;

  constructor(ctx: StoreContext, addresses: AddressNormaliser) {
    this.#ctx = ctx;
    this.#addresses = addresses;
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
    this.#addRoute = db.prepare<[number, string, number], RouteRow>(
      `INSERT INTO routes (priority, prefix, modem_id) VALUES (?, ?, ?) RETURNING id, priority, prefix, modem_id`,
    );
    this.#routes = db.prepare<[], RouteRow>(`SELECT id, priority, prefix, modem_id FROM routes ORDER BY priority, id`);
    this.#removeRoute = db.prepare<[number]>(`DELETE FROM routes WHERE id = ?`);
    this.#setOwnNumber = db.prepare<[string | null, number]>(`UPDATE modems SET own_number = ? WHERE id = ?`);
    // The IMEI names one device; a number may have moved between devices with its SIM, so
    // the modem that last showed it wins.
    this.#bySender = db.prepare<[string, string, string], ModemRow>(
      `SELECT * FROM modems WHERE imei = ? OR own_number = ? ORDER BY imei IS ? DESC, last_seen_at DESC, id DESC LIMIT 1`,
    );
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
        this.#number(identity.ownNumber),
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
      this.#number(identity.ownNumber),
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

  /**
   * Parts the modem submitted (or may have: unconfirmed) in the last `windowMs` by the
   * archive's clock, the one that stamps them.
   */
  submittedWithin(modemId: number, windowMs: number): number {
    return this.submittedSince(modemId, this.#ctx.now() - windowMs);
  }

  /**
   * The modem a person means by `sender`: its IMEI, or its SIM's own number (as typed; read
   * in the default country). Undefined when no modem with either was ever seen.
   */
  find(sender: string): ModemRecord | undefined {
    const text = sender.trim();
    if (text === '') return undefined;
    const number = this.#addresses.normalise(text);
    const row = this.#bySender.get(text, number, text);
    return row ? toModem(row) : undefined;
  }

  /**
   * Sets the SIM's own number, for SIMs that do not tell it (AT+CNUM answers nothing on
   * many); null forgets it. A number the modem reports later replaces it.
   */
  setOwnNumber(id: number, number: string | null): void {
    if (this.#setOwnNumber.run(this.#number(number), id).changes === 0) {
      throw new ArchiveError('ARCHIVE_NOT_FOUND', `There is no modem ${id}.`);
    }
  }

  /** Adds a routing rule (priority 100 unless given) and returns it. */
  addRoute(rule: { prefix: string; modemId: number; priority?: number }): Route {
    const prefix = rule.prefix.replace(/[\s\-().]/g, '');
    if (!ROUTE_PREFIX.test(prefix)) {
      throw new ArchiveError('ARCHIVE_INVALID', `A route starts numbers like "+49" or "+4917", not "${rule.prefix}".`);
    }
    const priority = rule.priority ?? 100;
    if (!Number.isSafeInteger(priority))
      throw new ArchiveError('ARCHIVE_INVALID', `A route's priority is a whole number, not ${priority}.`);
    if (!this.get(rule.modemId)) throw new ArchiveError('ARCHIVE_NOT_FOUND', `There is no modem ${rule.modemId}.`);
    return toRoute(this.#addRoute.get(priority, prefix, rule.modemId) as RouteRow);
  }

  /** Every routing rule, in the order they are tried (priority, then age). */
  routes(): Route[] {
    return this.#routes.all().map(toRoute);
  }

  /** Removes a rule; false when there was none with this id. */
  removeRoute(id: number): boolean {
    return this.#removeRoute.run(id).changes > 0;
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

  #number(raw: string | null | undefined): string | null {
    if (raw === null || raw === undefined || raw.trim() === '') return null;
    return this.#addresses.normalise(raw);
  }
}

interface RouteRow {
  id: number;
  priority: number;
  prefix: string;
  modem_id: number;
}

function toRoute(r: RouteRow): Route {
  return { id: r.id, priority: r.priority, prefix: r.prefix, modemId: r.modem_id };
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
