/**
 * Live progress of bulk sends for `office.bulkChanged`.
 *
 * Why an event and not polling by the screen: progress moves when a message of the job
 * changes (queued, sending, sent, delivered), which the core hears anyway (`message.changed`);
 * one watcher in the core turns those into at most a few job updates a second for every window
 * and browser at once, and a screen opened late gets the latest by replay. Two changes leave no
 * message event: the station's poll marking a job done, and a CLI in another process pausing or
 * cancelling it; so while a job is watched, a slow tick reads it again too.
 */
import type { Archive } from '../../archive/index';
import type { BulkJobView } from '../../contract';
import type { Disposable } from '../lifecycle';
import { bulkJobView } from './office-views';

export interface BulkWatchOptions {
  /** How soon after a message changed its job is read again (coalesces bursts; default 150 ms). */
  readonly soonMs?: number;
  /** How often watched jobs are read again without a message event (default 1 s). */
  readonly tickMs?: number;
  /** Where a failed read is reported (it runs on a timer, so nobody else would hear of it). */
  readonly log?: (message: string, err?: unknown) => void;
}

export class BulkProgressWatch implements Disposable {
  readonly #archive: Archive;
  readonly #emit: (view: BulkJobView) => void;
  readonly #soonMs: number;
  readonly #tickMs: number;
  readonly #log: (message: string, err?: unknown) => void;
  /** Jobs that may still change by themselves: running, or with messages still in the outbox. */
  readonly #watched = new Set<number>();
  /** What was last said about each job, so an unchanged job is not sent again. */
  readonly #last = new Map<number, string>();
  #soon: ReturnType<typeof setTimeout> | undefined;
  #tick: ReturnType<typeof setInterval> | undefined;
  #disposed = false;

  constructor(archive: Archive, emit: (view: BulkJobView) => void, options: BulkWatchOptions = {}) {
    this.#archive = archive;
    this.#emit = emit;
    this.#soonMs = options.soonMs ?? 150;
    this.#tickMs = options.tickMs ?? 1_000;
    this.#log = options.log ?? (() => undefined);
    // Jobs a restarted station goes on with.
    for (const job of archive.bulkJobs.list()) if (job.state === 'running') this.#watch(job.id);
  }

  /** A message changed: if it belongs to a bulk send, that job is read again soon. */
  messageChanged(messageUid: string): void {
    if (this.#disposed) return;
    let id: number | undefined;
    try {
      id = this.#archive.bulkJobs.jobIdOfMessage(messageUid);
    } catch (err) {
      // An event listener must not throw: the event hub would rethrow it where nobody catches it.
      this.#log('could not tell which bulk send a message belongs to', err);
      return;
    }
    if (id === undefined) return;
    this.#watch(id);
    this.#soon ??= setTimeout(() => {
      this.#soon = undefined;
      this.#read();
    }, this.#soonMs);
  }

  /** A call changed the job (start, pause, resume, cancel): say so now and keep watching it. */
  changed(jobId: number): BulkJobView | undefined {
    if (this.#disposed) return undefined;
    this.#watch(jobId);
    return this.#readOne(jobId);
  }

  dispose(): void {
    this.#disposed = true;
    if (this.#soon) clearTimeout(this.#soon);
    if (this.#tick) clearInterval(this.#tick);
    this.#soon = undefined;
    this.#tick = undefined;
    this.#watched.clear();
  }

  #watch(id: number): void {
    this.#watched.add(id);
    this.#tick ??= setInterval(() => this.#read(), this.#tickMs);
  }

  #read(): void {
    try {
      for (const id of [...this.#watched]) this.#readOne(id);
    } catch (err) {
      this.#log('could not read the progress of bulk sends', err);
    }
    if (this.#watched.size === 0 && this.#tick) {
      clearInterval(this.#tick);
      this.#tick = undefined;
    }
  }

  #readOne(id: number): BulkJobView | undefined {
    const job = this.#archive.bulkJobs.get(id);
    if (!job) {
      this.#watched.delete(id);
      this.#last.delete(id);
      return undefined;
    }
    const view = bulkJobView(this.#archive, job);
    const { queued, sending } = view.progress;
    // Settled: nothing of it will move again without a message event (a late delivery report).
    if (job.state !== 'running' && queued + sending === 0) this.#watched.delete(id);
    const text = JSON.stringify(view);
    if (this.#last.get(id) !== text) {
      this.#last.set(id, text);
      this.#emit(view);
    }
    return view;
  }
}
