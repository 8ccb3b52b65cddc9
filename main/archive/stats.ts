/**
 * Traffic of the archive over the last N days, for the Archive screen's dashboard: messages
 * per day in and out, per modem, and the delivery rate.
 *
 * Both queries read messages_status_recent (status, sort_at, id). Every status belongs to one
 * direction (the CHECK on messages), so naming the statuses that count turns the date range
 * into one index range per status, and the per-day counts never touch the table itself.
 */
import type { Database, Statement } from 'better-sqlite3';

export const DAY_MS = 86_400_000;

/**
 * What counts as traffic: received messages, and outgoing ones that went out or were tried.
 * Drafts, queued, sending and cancelled messages are not traffic (yet).
 */
const PER_DAY_SQL = `
SELECT CAST((sort_at - @from) / 86400000 AS INTEGER) AS day, -- (a JS number may bind as REAL)
       status IN ('incomplete', 'received') AS incoming,
       count(*) AS n
FROM messages
WHERE status IN ('incomplete', 'received', 'sent', 'unconfirmed', 'delivered', 'failed')
  AND sort_at >= @from AND sort_at < @to
GROUP BY day, incoming`;

/**
 * The delivery rate's denominator, "sent with a status report": a delivered message (a report
 * said so; an imported one too, as its phone got the report), a failed one that had been sent
 * (the report or the phone said it failed), and a sent one whose job asked for a report that
 * has not come. Sent messages that asked for none, or whose wish is unknown (imports), are left
 * out: they cannot be delivered in the archive's eyes.
 */
const PER_MODEM_SQL = `
SELECT m.channel AS channel, m.modem_id AS modemId, d.imei AS imei,
       coalesce(d.label, d.own_number, d.imei) AS name,
       sum(m.status IN ('incomplete', 'received')) AS incoming,
       sum(m.status NOT IN ('incomplete', 'received')) AS outgoing,
       sum(m.status = 'delivered') AS delivered,
       sum(m.status = 'delivered'
           OR (m.status = 'failed' AND m.sent_at IS NOT NULL)
           OR (m.status = 'sent' AND j.status_report = 1)) AS withReport
FROM messages m
LEFT JOIN modems d ON d.id = m.modem_id
LEFT JOIN outbox_jobs j ON j.message_id = m.id
WHERE m.status IN ('incomplete', 'received', 'sent', 'unconfirmed', 'delivered', 'failed')
  AND m.sort_at >= @from AND m.sort_at < @to
GROUP BY m.channel, m.modem_id
ORDER BY m.channel, m.modem_id`;

export interface TrafficQuery {
  /** Days to show, ending with today. */
  days: number;
  /** The viewer's offset from UTC in minutes (UTC+8 is 480): days start at their midnight. */
  utcOffsetMinutes: number;
  now: number;
}

export interface DayTraffic {
  /** The day's local midnight, as UTC milliseconds. */
  start: number;
  /** Its date where the viewer is, YYYY-MM-DD. */
  date: string;
  in: number;
  out: number;
}

export interface ModemTraffic {
  channel: 'sms' | 'mailbox';
  /** The archive's modem row, or null for messages of no modem (imported, mailbox). */
  modemId: number | null;
  imei: string | null;
  /** Its label, own number or IMEI. */
  name: string | null;
  in: number;
  out: number;
  delivered: number;
  withReport: number;
}

export interface TrafficStats {
  from: number;
  to: number;
  days: DayTraffic[];
  modems: ModemTraffic[];
  totals: { in: number; out: number; delivered: number; withReport: number };
}

/** The range of `days` whole local days that ends with today: [from, to). */
export function dayRange(query: TrafficQuery): { from: number; to: number } {
  const offset = query.utcOffsetMinutes * 60_000;
  const today = Math.floor((query.now + offset) / DAY_MS) * DAY_MS - offset;
  return { from: today - (query.days - 1) * DAY_MS, to: today + DAY_MS };
}

interface Range {
  from: number;
  to: number;
}

interface ModemRow {
  channel: 'sms' | 'mailbox';
  modemId: number | null;
  imei: string | null;
  name: string | null;
  incoming: number;
  outgoing: number;
  delivered: number;
  withReport: number;
}

export class TrafficStore {
  readonly #perDay: Statement<[Range], { day: number; incoming: number; n: number }>;
  readonly #perModem: Statement<[Range], ModemRow>;

  constructor(db: Database) {
    this.#perDay = db.prepare(PER_DAY_SQL);
    this.#perModem = db.prepare(PER_MODEM_SQL);
  }

  /**
   * Days are cut at the viewer's midnight by today's offset: across a daylight-saving change
   * in the range, the days before it are cut an hour off (the counts stay whole).
   */
  traffic(query: TrafficQuery): TrafficStats {
    const { from, to } = dayRange(query);
    const offset = query.utcOffsetMinutes * 60_000;
    const days: DayTraffic[] = [];
    for (let i = 0; i < query.days; i++) {
      const start = from + i * DAY_MS;
      days.push({ start, date: new Date(start + offset).toISOString().slice(0, 10), in: 0, out: 0 });
    }
    for (const row of this.#perDay.all({ from, to })) {
      const day = days[row.day];
      if (!day) continue;
      if (row.incoming) day.in += row.n;
      else day.out += row.n;
    }
    const totals = { in: 0, out: 0, delivered: 0, withReport: 0 };
    const modems = this.#perModem.all({ from, to }).map((r): ModemTraffic => {
      totals.in += r.incoming;
      totals.out += r.outgoing;
      totals.delivered += r.delivered;
      totals.withReport += r.withReport;
      return {
        channel: r.channel,
        modemId: r.modemId,
        imei: r.imei,
        name: r.name,
        in: r.incoming,
        out: r.outgoing,
        delivered: r.delivered,
        withReport: r.withReport,
      };
    });
    return { from, to, days, modems, totals };
  }
}

/** The SQL of both queries (parameters @from and @to), for the query-plan test. */
export const TRAFFIC_SQL = { perDay: PER_DAY_SQL, perModem: PER_MODEM_SQL } as const;
