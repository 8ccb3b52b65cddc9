/** Missed-call tracking with a scripted modem and fake timers: one answer per call, however often it rings. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openArchive, type Archive, type Message } from '../archive/index';
import { toDisposable } from '../core/lifecycle';
import type { CallEvent } from '../../modem/driver/index';
import { RuleRunner, type CallSource } from './rules';

const ANNA = '+491701234567';
const BERT = '+491701234568';

class ScriptedModem implements CallSource {
  readonly path = '/dev/fake';
  readonly listeners = new Set<(e: CallEvent) => void>();
  rejected = 0;
  onCall(listener: (e: CallEvent) => void) {
    this.listeners.add(listener);
    return toDisposable(() => this.listeners.delete(listener));
  }
  async rejectCall(): Promise<void> {
    this.rejected++;
  }
  /** RING then +CLIP, as a modem repeats them while a call waits. */
  ring(number: string): void {
    this.emit({ kind: 'ring' });
    this.emit({ kind: 'caller-id', caller: { number, type: 145 } });
  }
  emit(e: CallEvent): void {
    for (const l of [...this.listeners]) l(e);
  }
}

let archive: Archive;
let queued: Message[];
let runner: RuleRunner;
let modemId: number;
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  archive = openArchive(':memory:', { defaultCountry: 'DE' });
  queued = [];
  modemId = archive.modems.seen({ imei: '356938035643809' }).id;
  runner = new RuleRunner(archive, { queued: (m) => queued.push(m), log: () => undefined }, { callEndMs: 8_000 });
});
afterEach(() => {
  runner.dispose();
  archive.close();
  vi.useRealTimers();
});

describe('missed calls', () => {
  it('answers a call that rang five times once, 8 s after its last ring', () => {
    archive.rules.add({ kind: 'missed-call', text: 'Call you back soon.' });
    const modem = new ScriptedModem();
    runner.watchCalls(modem, () => modemId);
    for (let i = 0; i < 5; i++) {
      modem.ring(ANNA);
      vi.advanceTimersByTime(5_000);
    }
    expect(queued).toEqual([]);
    vi.advanceTimersByTime(3_000);
    expect(queued.map((m) => [m.peer, m.body, m.flash, m.modemId])).toEqual([[ANNA, 'Call you back soon.', false, modemId]]);
    vi.advanceTimersByTime(60_000);
    expect(queued).toHaveLength(1);
    expect(modem.rejected).toBe(0);
  });

  it('answers at once after refusing, and not again for the rings that follow', () => {
    archive.rules.add({ kind: 'missed-call', text: 'Closed.', flash: true, rejectCall: true });
    const modem = new ScriptedModem();
    runner.watchCalls(modem, () => modemId);
    modem.ring(ANNA);
    expect(modem.rejected).toBe(1);
    expect(queued.map((m) => [m.peer, m.flash])).toEqual([[ANNA, true]]);
    modem.ring(ANNA); // a modem slow to hang up rings once more
    vi.advanceTimersByTime(60_000);
    expect(queued).toHaveLength(1);
  });

  it('ends a call at NO CARRIER, at a call from someone else, and ignores a withheld number', () => {
    archive.rules.add({ kind: 'missed-call', text: 'Missed you.', perHour: 10 });
    const modem = new ScriptedModem();
    runner.watchCalls(modem, () => modemId);
    modem.ring(ANNA);
    modem.emit({ kind: 'ended' });
    expect(queued.map((m) => m.peer)).toEqual([ANNA]);
    modem.ring(BERT);
    modem.ring(ANNA);
    expect(queued.map((m) => m.peer)).toEqual([ANNA, BERT]);
    modem.ring('');
    vi.advanceTimersByTime(8_000);
    expect(queued.map((m) => m.peer)).toEqual([ANNA, BERT, ANNA]);
  });

  it('leaves callers the rule does not hear alone, and stops watching when disposed', () => {
    archive.rules.add({ kind: 'missed-call', text: 'Hi boss.', senders: [BERT] });
    const modem = new ScriptedModem();
    const watch = runner.watchCalls(modem, () => modemId);
    modem.ring(ANNA);
    vi.advanceTimersByTime(8_000);
    expect(queued).toEqual([]);
    modem.ring(BERT);
    watch.dispose();
    vi.advanceTimersByTime(8_000);
    expect(queued).toEqual([]);
    expect(modem.listeners.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
