import { describe, expect, it } from 'vitest';
import { parseEvent } from './events';
import { MAX_STATION_FRAME_BYTES, parseStationFrame } from './station';

describe('parseStationFrame', () => {
  it('reads each station frame', () => {
    expect(parseStationFrame('{"v":1,"type":"claim","jobId":3}')).toEqual({ ok: true, frame: { v: 1, type: 'claim', jobId: 3 } });
    expect(parseStationFrame('{"v":1,"type":"result","jobId":3,"outcome":"sent","reference":"17"}').ok).toBe(true);
    expect(parseStationFrame('{"v":1,"type":"report","jobId":3,"status":"delivered"}').ok).toBe(true);
    expect(parseStationFrame('{"v":1,"type":"received","id":"a","from":"+1","text":"hi","receivedAt":5}').ok).toBe(true);
  });

  it('answers bad bytes, other versions and shapes with typed errors, never a throw', () => {
    const cases: [string, string][] = [
      ['', 'bad-frame'],
      ['{', 'bad-frame'],
      ['null', 'bad-frame'],
      ['[]', 'bad-frame'],
      ['{"v":2,"type":"claim","jobId":3}', 'unsupported-version'],
      ['{"v":1,"type":"claim","jobId":0}', 'bad-frame'],
      ['{"v":1,"type":"claim","jobId":1.5}', 'bad-frame'],
      ['{"v":1,"type":"claim","jobId":"1"}', 'bad-frame'],
      ['{"v":1,"type":"launch","jobId":1}', 'bad-frame'],
      ['{"v":1,"type":"claim","jobId":1,"x":1}', 'bad-frame'],
      ['{"v":1,"type":"result","jobId":3,"outcome":"maybe"}', 'bad-frame'],
      ['{"v":1,"type":"received","id":"a","from":"+1","text":"' + 'x'.repeat(40_001) + '","receivedAt":5}', 'bad-frame'],
      ['"' + 'x'.repeat(MAX_STATION_FRAME_BYTES) + '"', 'bad-frame'],
    ];
    for (const [input, code] of cases) {
      const parsed = parseStationFrame(input);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect([input.slice(0, 40), parsed.code]).toEqual([input.slice(0, 40), code]);
    }
  });
});

describe('parseEvent', () => {
  it('reads the events servers send each other and drops anything else', () => {
    expect(parseEvent('{"type":"mailbox","accountId":3,"state":9}')).toEqual({ type: 'mailbox', accountId: 3, state: 9 });
    expect(parseEvent('{"type":"jobs"}')).toEqual({ type: 'jobs' });
    expect(parseEvent('{"type":"session-revoked","sessionId":4}')).toEqual({ type: 'session-revoked', sessionId: 4 });
    expect(parseEvent('{"type":"station-revoked","stationId":2}')).toEqual({ type: 'station-revoked', stationId: 2 });
    for (const bad of [
      '',
      '{',
      'null',
      '{"type":"mailbox","accountId":"3","state":9}',
      '{"type":"mailbox","accountId":-1,"state":9}',
      '{"type":"other"}',
    ]) {
      expect(parseEvent(bad)).toBeUndefined();
    }
  });
});
