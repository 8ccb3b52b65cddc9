import { afterEach, describe, expect, it, vi } from 'vitest';
import { ImportSessions } from './contacts-imports';

afterEach(() => {
  vi.useRealTimers();
});

describe('ImportSessions', () => {
  it('drops an import nobody sends to for a minute, and keeps one that keeps receiving', () => {
    vi.useFakeTimers();
    const sessions = new ImportSessions({ idleMs: 60_000 });
    const quiet = sessions.start('vcard', 10);
    const busy = sessions.start('csv', 10);
    for (let i = 0; i < 3; i++) {
      vi.advanceTimersByTime(40_000);
      sessions.append(busy, `row ${i}\n`);
    }
    expect(() => sessions.append(quiet, 'x')).toThrow('This import is no longer open');
    expect(sessions.take(busy)).toEqual({ format: 'csv', chunks: ['row 0\n', 'row 1\n', 'row 2\n'] });
    expect(sessions.open).toBe(0);
  });

  it('bounds the number of open imports and forgets them all when disposed', () => {
    vi.useFakeTimers();
    const sessions = new ImportSessions();
    for (let i = 0; i < 4; i++) sessions.start('vcard', 1);
    expect(() => sessions.start('vcard', 1)).toThrow('Other contact imports are still on their way');
    sessions.dispose();
    expect(sessions.open).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
