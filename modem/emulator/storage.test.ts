import { describe, expect, it } from 'vitest';
import { MessageStore } from './storage';

const msg = (stat: 0 | 1 | 2 | 3) => ({ stat, pdu: new Uint8Array([0]), tpduLength: 0 });

describe('MessageStore', () => {
  it('fills the lowest free slot and refuses when full', () => {
    const sm = new MessageStore('SM', 3);
    expect([sm.add(msg(0)), sm.add(msg(0)), sm.add(msg(0))]).toEqual([1, 2, 3]);
    expect(sm.isFull).toBe(true);
    expect(sm.add(msg(0))).toBeNull();
    sm.delete(2);
    expect(sm.add(msg(1))).toBe(2);
  });

  it('deletes by flag as TS 27.005 §3.5.4 defines', () => {
    const make = () => {
      const s = new MessageStore('ME', 10);
      for (const stat of [0, 1, 2, 3] as const) s.add(msg(stat));
      return s;
    };
    const cases: Array<[1 | 2 | 3 | 4, number[]]> = [
      [1, [0, 2, 3]],
      [2, [0, 2]],
      [3, [0]],
      [4, []],
    ];
    for (const [flag, left] of cases) {
      const s = make();
      s.deleteByFlag(flag);
      expect(s.entries().map(([, m]) => m.stat)).toEqual(left);
    }
  });
});
