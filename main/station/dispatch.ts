/**
 * Hands due outbox jobs to the station's modems. The router decides which modem sends which
 * job; the dispatcher keeps that plan (a few jobs per modem, in memory only) and claims a job
 * in the archive only when its modem is about to send it. So:
 *
 * - no two workers send one job: a job is planned for one modem at a time, and the claim
 *   (`outbox.claim`, an IMMEDIATE transaction that needs the job still queued) succeeds once,
 *   also against another station on the same archive;
 * - a modem that goes away hands its queue to the others by simply losing its plan: nothing
 *   of it was claimed, so the next plan routes those jobs again. Jobs only that modem may
 *   send (a chosen sender, or the rest of a long message it began) stay and wait, with the
 *   reason on the message.
 */
import type { Archive, DueJob, Message, OutboxJob, Route } from '../archive/index';
import { rateOf } from './rate';
import { Router, type Candidate, type RoutingStrategy } from './routing';

/** What the dispatcher needs of a modem's worker. */
export interface Lane {
  readonly modemId: number;
  /** Ready, not stopping, and holding its modem's lease as far as it knows. */
  readonly available: boolean;
  /** Another process holds this modem's lease: it sends that modem's jobs, not us. */
  readonly drivenElsewhere: boolean;
  /** Makes the worker look for work (it asks `next`). */
  kick(): void;
}

export interface DispatchSettings {
  readonly holder: string;
  readonly claimMs: number;
  readonly ratePerMinute: number;
  readonly strategy: RoutingStrategy;
}

/**
 * Jobs planned ahead per modem. Two keeps a modem busy between its sends while a modem that
 * joins, or one that goes, changes the plan of only a few jobs.
 */
const PLAN_AHEAD = 2;
/** Due jobs read per plan at most: a long run of jobs for busy modems cannot make the plan scan the whole outbox. */
const MAX_SCAN = 1_000;
const PAGE = 100;

interface Planned {
  readonly lane: Lane;
  readonly jobs: DueJob[];
}

/** A candidate the plan updates as it hands out jobs. */
interface Slot extends Candidate {
  load: number;
  full: boolean;
  readonly limit: number;
  readonly recent: number;
  plannedParts: number;
  plannedJobs: number;
}

export class Dispatcher {
  readonly #archive: Archive;
  readonly #settings: DispatchSettings;
  readonly #router: Router;
  readonly #lanes = new Map<number, Planned>();
  /** job id → modem id, for every job planned and not yet claimed. */
  readonly #planned = new Map<number, number>();
  /** Something changed (time passed, a job was queued or came back, a modem came or went) since the last plan. */
  #stale = true;
  #closed = false;

  constructor(archive: Archive, settings: DispatchSettings) {
    this.#archive = archive;
    this.#settings = settings;
    this.#router = new Router(settings.strategy);
  }

  get strategy(): RoutingStrategy {
    return this.#router.strategy;
  }

  attach(lane: Lane): void {
    this.#lanes.set(lane.modemId, { lane, jobs: [] });
    this.replan();
  }

  detach(modemId: number): void {
    if (!this.#lanes.delete(modemId)) return;
    this.replan();
  }

  /**
   * A modem came, went, or lost or won its lease: drops every plan (nothing of it was
   * claimed) and lets every available worker ask again, so the work is spread anew.
   */
  replan(): void {
    this.#planned.clear();
    for (const p of this.#lanes.values()) p.jobs.length = 0;
    this.#stale = true;
    if (this.#closed) return;
    for (const p of this.#lanes.values()) if (p.lane.available) p.lane.kick();
  }

  /** The station stops: no job is handed out any more (what is being sent finishes or goes back). */
  close(): void {
    this.#closed = true;
    this.replan();
  }

  /** New work may be due (a poll, a job queued or handed back): the next `next` plans again. */
  touch(): void {
    this.#stale = true;
  }

  /**
   * The next job for this modem, claimed for the station; undefined when nothing is routed
   * to it now (nothing due, or due jobs belong to busier-rule modems or wait for their own).
   */
  next(modemId: number): { job: OutboxJob; message: Message } | undefined {
    const planned = this.#lanes.get(modemId);
    if (this.#closed || !planned?.lane.available) return undefined;
    // Bounded: every failed claim means a job left "queued", so the plan shrinks each time.
    for (let tries = 0; tries < MAX_SCAN; tries++) {
      if (planned.jobs.length === 0) this.#plan();
      const due = planned.jobs.shift();
      if (!due) return undefined;
      this.#planned.delete(due.job.id);
      const claimed = this.#archive.outbox.claim(due.job.id, this.#settings.holder, { claimMs: this.#settings.claimMs, modemId });
      if (claimed) return claimed;
      // Taken by another station, cancelled, or rescheduled since it was planned.
      this.#stale = true;
    }
    return undefined;
  }

  /**
   * Says on each due message that only a modem this station cannot use may send why it
   * waits. Skips modems another station drives (it sends them). Returns the messages whose
   * reason changed.
   */
  explainWaiting(): number[] {
    const here = [...this.#lanes.values()].filter((p) => p.lane.available || p.lane.drivenElsewhere).map((p) => p.lane.modemId);
    const changed: number[] = [];
    const elsewhere = new Map<number, boolean>();
    for (const job of this.#archive.outbox.pinnedElsewhere(here)) {
      const modemId = job.modemId as number;
      const modem = this.#archive.modems.get(modemId);
      let driven = elsewhere.get(modemId);
      if (driven === undefined) {
        const holder = modem?.imei ? this.#archive.leases.holder(`modem:${modem.imei}`) : undefined;
        driven = holder !== undefined && holder !== this.#settings.holder;
        elsewhere.set(modemId, driven);
      }
      if (driven) continue;
      const name = modem ? describeModem(modem) : `modem ${modemId}`;
      const message = this.#archive.messages.get(job.messageId);
      const chosen = message?.modemId === modemId;
      const reason = chosen
        ? `Waiting for the modem with ${name}: only it may send this message, and it is not connected.`
        : `Waiting for the modem with ${name}: it sent the first parts, so only it may send the rest, and it is not connected.`;
      if (this.#archive.outbox.setWaitingReason(job.id, reason)) changed.push(job.messageId);
    }
    return changed;
  }

  #plan(): void {
    if (!this.#stale) return;
    this.#stale = false;
    const lanes = [...this.#lanes.values()].filter((p) => p.lane.available);
    if (lanes.length === 0) return;
    const slots = new Map<number, Slot>();
    for (const p of lanes) {
      const { limit, recent } = rateOf(this.#archive, p.lane.modemId, this.#settings.ratePerMinute);
      const plannedParts = p.jobs.reduce((n, d) => n + d.partCount, 0);
      const slot: Slot = { modemId: p.lane.modemId, limit, recent, plannedParts, plannedJobs: p.jobs.length, load: 0, full: false };
      update(slot);
      slots.set(slot.modemId, slot);
    }
    const routes: Route[] = this.#archive.modems.routes();
    const modemIds = [...slots.keys()];
    const given = new Set<Planned>();
    let after: OutboxJob | undefined;
    for (let scanned = 0; scanned < MAX_SCAN && [...slots.values()].some((s) => !s.full);) {
      const page = this.#archive.outbox.due({ modemIds, limit: PAGE, ...(after ? { after } : {}) });
      for (const due of page) {
        if (this.#planned.has(due.job.id)) continue;
        const decision = this.#router.route({ peer: due.peer, modemId: due.job.modemId }, [...slots.values()], routes);
        if (decision.kind !== 'send') continue;
        const slot = slots.get(decision.modemId) as Slot;
        const target = this.#lanes.get(decision.modemId) as Planned;
        target.jobs.push(due);
        this.#planned.set(due.job.id, decision.modemId);
        slot.plannedParts += due.partCount;
        slot.plannedJobs += 1;
        update(slot);
        given.add(target);
      }
      scanned += page.length;
      if (page.length < PAGE) break;
      after = page[page.length - 1]!.job;
    }
    for (const p of given) p.lane.kick();
  }
}

function update(slot: Slot): void {
  slot.load = slot.recent + slot.plannedParts;
  slot.full = slot.plannedJobs >= PLAN_AHEAD || slot.load >= slot.limit;
}

function describeModem(modem: { ownNumber: string | null; imei: string | null; iccid: string | null }): string {
  if (modem.ownNumber && modem.imei) return `${modem.ownNumber} (IMEI ${modem.imei})`;
  if (modem.ownNumber) return modem.ownNumber;
  if (modem.imei) return `IMEI ${modem.imei}`;
  return `SIM ${modem.iccid ?? '?'}`;
}
