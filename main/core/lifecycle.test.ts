import { describe, expect, it } from 'vitest';
import { DisposableStore, toDisposable } from './lifecycle';

describe('DisposableStore', () => {
  it('disposes in reverse order, once', () => {
    const order: number[] = [];
    const store = new DisposableStore();
    store.add(toDisposable(() => order.push(1)));
    store.add(toDisposable(() => order.push(2)));
    store.dispose();
    store.dispose();
    expect(order).toEqual([2, 1]);
    expect(store.size).toBe(0);
  });

  it('disposes at once what is added after disposal', () => {
    const store = new DisposableStore();
    store.dispose();
    let disposed = false;
    store.add(toDisposable(() => (disposed = true)));
    expect(disposed).toBe(true);
  });

  it('disposes every item even when one throws, then reports the failure', () => {
    const store = new DisposableStore();
    let second = false;
    store.add(toDisposable(() => (second = true)));
    store.add(
      toDisposable(() => {
        throw new Error('boom');
      }),
    );
    expect(() => store.dispose()).toThrow('boom');
    expect(second).toBe(true);
  });
});
