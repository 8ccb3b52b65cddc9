import type { AddressNormaliser } from './address';
import { ArchiveError } from './errors';
import { newUid } from './ids';
import { cleanText, type Encoding, type Message, type StoreContext } from './model';
import type { OutboxStore } from './outbox';

export type RuleKind = 'auto-reply' | 'forward' | 'missed-call';

export interface Rule {
  id: number;
  uid: string;
  kind: RuleKind;
  /** First word of the incoming text (any case); null: any text. Never set on missed-call rules. */
  keyword: string | null;
  /** Normalised numbers the rule listens to; null: anyone. */
  senders: string[] | null;
  /** Forward rules: where to. */
  forwardTo: string | null;
  /** Auto-reply and missed-call rules: the text sent. */
  text: string | null;
  flash: boolean;
  /** Missed-call rules: refuse the call at once (then reply) instead of waiting for the rings to stop. */
  rejectCall: boolean;
  /** Automatic messages to one number in the last hour, counting every rule's, at most. */
  perHour: number;
  enabled: boolean;
  createdAt: number;
}

export type RuleInput =
  | { kind: 'auto-reply'; keyword?: string | null; senders?: readonly string[] | null; text: string; flash?: boolean; perHour?: number }
  | { kind: 'forward'; keyword?: string | null; senders?: readonly string[] | null; forwardTo: string; perHour?: number }
  | {
      kind: 'missed-call';
      senders?: readonly string[] | null;
      text: string;
      flash?: boolean;
      rejectCall?: boolean;
      perHour?: number;
    };

/** An automatic message a rule wants to send, already planned (part count, encoding). */
export interface AutomaticMessage {
  ruleId: number;
  /** The incoming message that triggered it; omitted for a call. */
  triggerMessageId?: number;
  /** Who triggered it (the sender or caller). */
  triggerPeer: string;
  to: string;
  body: string;
  encoding: Encoding;
  partCount: number;
  flash: boolean;
  /** Send through this modem only (a reply leaves from the number that was texted or called). */
  modemId?: number | null;
}

export type FireResult =
  | { outcome: 'queued'; message: Message }
  /** The per-number cap held it back. */
  | { outcome: 'capped'; sentLastHour: number; limit: number }
  /** This rule already answered this message (handed over twice, or completed late). */
  | { outcome: 'duplicate' };

export interface RuleHit {
  id: number;
  ruleId: number | null;
  triggerMessageId: number | null;
  triggerPeer: string;
  peer: string;
  outcome: 'queued' | 'capped';
  messageId: number | null;
  at: number;
}

/**
 * Automatic messages per number per hour unless a rule says otherwise. Three lets a person
 * who texts "INFO" twice get both answers, and stops two stations that answer each other
 * after three rounds.
 */
export const DEFAULT_PER_HOUR = 3;
/**
 * Forwards go to one number (a colleague's phone) for everyone who writes, so they need more
 * room; a forward is never sent back to its sender, which ends the two-station loop at once.
 */
export const DEFAULT_FORWARDS_PER_HOUR = 30;
const HOUR_MS = 3_600_000;

interface RuleRow {
  id: number;
  uid: string;
  kind: RuleKind;
  keyword: string | null;
  senders: string | null;
  forward_to: string | null;
  text: string | null;
  flash: number;
  reject_call: number;
  per_hour: number;
  enabled: number;
  created_at: number;
}

interface HitRow {
  id: number;
  rule_id: number | null;
  trigger_message_id: number | null;
  trigger_peer: string;
  peer: string;
  outcome: 'queued' | 'capped';
  message_id: number | null;
  at: number;
}

/**
 * Rules that answer incoming messages and calls, and the ledger of what they sent. `fire`
 * checks the per-number cap, queues the message and records it in one IMMEDIATE
 * transaction, so two processes on one archive cannot both slip under the cap.
 */
export class RuleStore {
  readonly #ctx: StoreContext;
  readonly #addresses: AddressNormaliser;
  readonly #outbox: OutboxStore;
  readonly #insert;
  readonly #byId;
  readonly #byUid;
  readonly #all;
  readonly #enabled;
  readonly #delete;
  readonly #setEnabled;
  readonly #sentSince;
  readonly #hitFor;
  readonly #insertHit;
  readonly #hits;

  constructor(ctx: StoreContext, addresses: AddressNormaliser, outbox: OutboxStore) {
    this.#ctx = ctx;
    this.#addresses = addresses;
    this.#outbox = outbox;
    const db = ctx.db;
    this.#insert = db.prepare<
      [string, RuleKind, string | null, string | null, string | null, string | null, number, number, number, number],
      { id: number }
    >(
      `INSERT INTO rules (uid, kind, keyword, senders, forward_to, text, flash, reject_call, per_hour, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    );
    this.#byId = db.prepare<[number], RuleRow>(`SELECT * FROM rules WHERE id = ?`);
    this.#byUid = db.prepare<[string], RuleRow>(`SELECT * FROM rules WHERE uid = ?`);
    this.#all = db.prepare<[], RuleRow>(`SELECT * FROM rules ORDER BY id`);
    this.#enabled = db.prepare<[], RuleRow>(`SELECT * FROM rules WHERE enabled = 1 ORDER BY id`);
    this.#delete = db.prepare<[number]>(`DELETE FROM rules WHERE id = ?`);
    this.#setEnabled = db.prepare<[number, number]>(`UPDATE rules SET enabled = ? WHERE id = ?`);
    this.#sentSince = db.prepare<[string, number], { n: number }>(
      `SELECT count(*) AS n FROM rule_hits WHERE peer = ? AND at > ? AND outcome = 'queued'`,
    );
    this.#hitFor = db.prepare<[number, number], { id: number }>(`SELECT id FROM rule_hits WHERE rule_id = ? AND trigger_message_id = ?`);
    this.#insertHit = db.prepare<[number, number | null, string, string, 'queued' | 'capped', number | null, number]>(
      `INSERT INTO rule_hits (rule_id, trigger_message_id, trigger_peer, peer, outcome, message_id, at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#hits = db.prepare<[number], HitRow>(`SELECT * FROM rule_hits ORDER BY id DESC LIMIT ?`);
  }

  add(input: RuleInput): Rule {
    const perHour = input.perHour ?? (input.kind === 'forward' ? DEFAULT_FORWARDS_PER_HOUR : DEFAULT_PER_HOUR);
    if (!Number.isInteger(perHour) || perHour < 1 || perHour > 1000) {
      throw new ArchiveError('ARCHIVE_INVALID', `A rule sends 1 to 1000 messages per number per hour, not ${perHour}.`);
    }
    const keyword = input.kind === 'missed-call' ? null : cleanKeyword(input.keyword);
    const senders = input.senders == null ? null : input.senders.map((s) => this.#addresses.normalise(s));
    if (senders?.length === 0)
      throw new ArchiveError('ARCHIVE_INVALID', 'Give at least one number the rule listens to, or none for anyone.');
    let text: string | null = null;
    let forwardTo: string | null = null;
    if (input.kind === 'forward') {
      forwardTo = this.#addresses.normalise(input.forwardTo);
      // A forward costs an SMS each time: it must reach a phone, not a service ("DHL", a short code).
      if (!/^\+?[0-9]{7,20}$/.test(forwardTo)) {
        throw new ArchiveError('ARCHIVE_INVALID', `Forward to a phone number (7 to 20 digits), not "${input.forwardTo.trim()}".`);
      }
    } else {
      text = cleanText(input.text).trim();
      if (text === '') throw new ArchiveError('ARCHIVE_INVALID', 'The rule needs a text to send.');
    }
    const { id } = this.#insert.get(
      newUid(),
      input.kind,
      keyword,
      senders === null ? null : JSON.stringify(senders),
      forwardTo,
      text,
      input.kind !== 'forward' && input.flash ? 1 : 0,
      input.kind === 'missed-call' && input.rejectCall ? 1 : 0,
      perHour,
      this.#ctx.now(),
    ) as { id: number };
    return this.get(id) as Rule;
  }

  get(id: number): Rule | undefined {
    const row = this.#byId.get(id);
    return row ? toRule(row) : undefined;
  }

  getByUid(uid: string): Rule | undefined {
    const row = this.#byUid.get(uid);
    return row ? toRule(row) : undefined;
  }

  list(): Rule[] {
    return this.#all.all().map(toRule);
  }

  /** The rules in force, oldest first (the order they are tried in). */
  enabled(): Rule[] {
    return this.#enabled.all().map(toRule);
  }

  remove(id: number): boolean {
    return this.#delete.run(id).changes > 0;
  }

  setEnabled(id: number, enabled: boolean): boolean {
    return this.#setEnabled.run(enabled ? 1 : 0, id).changes > 0;
  }

  /** Automatic messages queued for `peer` (normalised) since `since`. */
  sentSince(peer: string, since: number): number {
    return this.#sentSince.get(peer, since)?.n ?? 0;
  }

  /**
   * Queues an automatic message unless the number already had the rule's `perHour` in the
   * last hour (then the refusal is recorded), or this rule already answered this message.
   */
  fire(auto: AutomaticMessage): FireResult {
    const rule = this.get(auto.ruleId);
    if (!rule) throw new ArchiveError('ARCHIVE_NOT_FOUND', `There is no rule ${auto.ruleId}.`);
    const peer = this.#addresses.normalise(auto.to);
    const run = this.#ctx.db.transaction((): FireResult => {
      const now = this.#ctx.now();
      const trigger = auto.triggerMessageId ?? null;
      if (trigger !== null && this.#hitFor.get(rule.id, trigger)) return { outcome: 'duplicate' };
      const sent = this.sentSince(peer, now - HOUR_MS);
      if (sent >= rule.perHour) {
        this.#insertHit.run(rule.id, trigger, auto.triggerPeer, peer, 'capped', null, now);
        return { outcome: 'capped', sentLastHour: sent, limit: rule.perHour };
      }
      const { message } = this.#outbox.queue({
        to: peer,
        body: auto.body,
        encoding: auto.encoding,
        partCount: auto.partCount,
        flash: auto.flash,
        ...(auto.modemId !== undefined ? { modemId: auto.modemId } : {}),
      });
      this.#insertHit.run(rule.id, trigger, auto.triggerPeer, peer, 'queued', message.id, now);
      return { outcome: 'queued', message };
    });
    return run.immediate();
  }

  /** The newest entries of the ledger first. */
  hits(limit = 100): RuleHit[] {
    return this.#hits.all(limit).map(toHit);
  }
}

function cleanKeyword(keyword: string | null | undefined): string | null {
  if (keyword == null) return null;
  const word = keyword.trim();
  if (word === '') return null;
  if (/\s/u.test(word)) throw new ArchiveError('ARCHIVE_INVALID', `A keyword is one word, not "${word}".`);
  return word;
}

function toRule(r: RuleRow): Rule {
  return {
    id: r.id,
    uid: r.uid,
    kind: r.kind,
    keyword: r.keyword,
    senders: r.senders === null ? null : (JSON.parse(r.senders) as string[]),
    forwardTo: r.forward_to,
    text: r.text,
    flash: r.flash === 1,
    rejectCall: r.reject_call === 1,
    perHour: r.per_hour,
    enabled: r.enabled === 1,
    createdAt: r.created_at,
  };
}

function toHit(r: HitRow): RuleHit {
  return {
    id: r.id,
    ruleId: r.rule_id,
    triggerMessageId: r.trigger_message_id,
    triggerPeer: r.trigger_peer,
    peer: r.peer,
    outcome: r.outcome,
    messageId: r.message_id,
    at: r.at,
  };
}
