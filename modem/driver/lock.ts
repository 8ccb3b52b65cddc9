/**
 * A promise queue: one storage transaction at a time. Reading a message is several
 * commands (+CPMS to pick the store, +CMGR, the handler, +CMGD); another transaction
 * must not switch the store in between.
 */
export class Lock {
  #tail: Promise<unknown> = Promise.resolve();
  #held = 0;

  /** Runs `job` after every job queued before it; its failure does not block the next. */
  run<T>(job: () => Promise<T>): Promise<T> {
    this.#held++;
    const result = this.#tail.then(job, job);
    this.#tail = result.then(
      () => this.#held--,
      () => this.#held--,
    );
    return result;
  }

  /** Jobs queued or running. */
  get busy(): boolean {
    return this.#held > 0;
  }

  /** Resolves once everything queued so far has finished. */
  async idle(): Promise<void> {
    while (this.#held > 0) await this.#tail;
  }
}
