/** The channel fed random modem output: no throw, and every command ends (never a hang). */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AtChannel } from './channel';
import { AtError } from './errors';
import { FakePort } from './testing';

const pieces = [
  'OK\r\n',
  'ERROR\r\n',
  '+CMS ERROR: 500\r\n',
  '\r\n',
  '> ',
  '+CMT: ,24\r\n',
  '^RSSI:9\r\n',
  '+CUSD: 0,"a\r\n',
  'b"\r\n',
  'AT+CSQ\r',
  '\x00',
  'RING\r\n',
  '+CSQ: 9,99\r\n',
];
const noise = fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 12 }));

describe('AtChannel on random modem output', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('settles every command with a response or an AtError, and leaves no timer behind', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(noise, { maxLength: 30 }), fc.boolean(), async (chunks, twoStage) => {
        const port = new FakePort();
        const channel = new AtChannel(port, { defaultTimeoutMs: 1000, defaultPromptTimeoutMs: 500, settleMs: 200 });
        channel.onUrc(
          () => true,
          () => {},
        );
        const outcomes: unknown[] = [];
        const sends = [
          channel.send('AT+CSQ', { expect: '+CSQ:' }),
          channel.send('AT+CMGS=10', twoStage ? { payload: '00' } : {}),
          channel.send('AT'),
        ].map((p) =>
          p.then(
            (r) => outcomes.push(r),
            (e: unknown) => outcomes.push(e),
          ),
        );
        for (const c of chunks) port.emit(c);
        await vi.advanceTimersByTimeAsync(10_000);
        await Promise.all(sends);
        expect(outcomes).toHaveLength(3);
        for (const o of outcomes) if (o instanceof Error) expect(o).toBeInstanceOf(AtError);
        channel.dispose();
        expect(vi.getTimerCount()).toBe(0);
      }),
      { numRuns: 150 },
    );
  });
});
