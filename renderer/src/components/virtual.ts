/**
 * Windowing for long lists (100,000 conversations, a thread of years): only the rows in and
 * near the viewport are in the DOM. Rows stay in normal flow inside one element whose top and
 * bottom padding stand in for the rows that are not rendered, so a list keeps its ARIA shape
 * (listbox → options, feed → articles) with no spacer elements.
 *
 * Rows may differ in height: each rendered row is measured after layout and remembered by
 * key; rows never rendered count with an estimate. The view is held still across changes
 * (older pages prepended, rows measured, rows inserted above): the first visible row keeps its
 * place on screen. A list anchored at the end (a chat) follows new rows while it is at the end;
 * one anchored at the start stays at the top while it is at the top.
 *
 * When rows change, the scroll position they need is worked out first and the rendered range
 * comes from that position, in the same render: a row on screen (and the focus in it) never
 * leaves the DOM for a frame because rows were added above it. The DOM's scrollTop follows
 * right after layout. The state lives in a small store outside React (the DOM work is
 * imperative by nature); the hook subscribes to it with useSyncExternalStore.
 */
import { useLayoutEffect, useState, useSyncExternalStore } from 'react';

export type AnchorMode = 'start' | 'end';
export type Align = 'start' | 'center' | 'nearest';

export interface WindowState {
  /** First rendered index. */
  readonly start: number;
  /** One past the last rendered index. */
  readonly end: number;
  /** Padding (px) standing in for the rows before `start` and after `end`. */
  readonly padTop: number;
  readonly padBottom: number;
  /** True while the view shows the end of the list. */
  readonly atEnd: boolean;
}

interface Anchor {
  readonly key: string;
  /** The row's offset minus scrollTop when the anchor was taken. */
  readonly delta: number;
}

/** The row containing y: the first index i with offsets[i + 1] > y (binary search). */
export function rowAt(offsets: Float64Array<ArrayBuffer>, count: number, y: number): number {
  let lo = 0;
  let hi = Math.max(0, count - 1);
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid + 1]! > y) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Prefix sums of row heights: offsets[i] is where row i starts, offsets[count] the total. */
export function rowOffsets(
  keys: readonly string[],
  sizes: ReadonlyMap<string, number>,
  estimate: (i: number) => number,
): Float64Array<ArrayBuffer> {
  const offsets = new Float64Array(keys.length + 1);
  for (let i = 0; i < keys.length; i++) offsets[i + 1] = offsets[i]! + (sizes.get(keys[i]!) ?? estimate(i));
  return offsets;
}

/** The rows to render for a view from `top`, `height` px tall, with `overscan` px either side. */
export function windowRange(
  offsets: Float64Array<ArrayBuffer>,
  count: number,
  top: number,
  height: number,
  overscan: number,
): { start: number; end: number; padTop: number; padBottom: number } {
  if (count === 0) return { start: 0, end: 0, padTop: 0, padBottom: 0 };
  const total = offsets[count]!;
  const start = rowAt(offsets, count, Math.max(0, top - overscan));
  const end = Math.min(count, rowAt(offsets, count, top + Math.max(height, 1) + overscan) + 1);
  return { start, end, padTop: offsets[start]!, padBottom: Math.max(0, total - offsets[end]!) };
}

/** Whether `next` is `previous` with rows added at the end (same keys, same places, more of them). */
export function appends(previous: readonly string[], next: readonly string[]): boolean {
  if (previous.length === 0 || next.length <= previous.length) return false;
  for (let i = 0; i < previous.length; i++) if (previous[i] !== next[i]) return false;
  return true;
}

export class ListWindow {
  readonly #mode: AnchorMode;
  readonly #overscan: number;
  #keys: readonly string[] = [];
  #estimate: (i: number) => number = () => 40;
  readonly #sizes = new Map<string, number>();
  #offsets: Float64Array<ArrayBuffer> = new Float64Array(1);
  #index = new Map<string, number>();
  #el: HTMLElement | null = null;
  #height = 0;
  #anchor: Anchor | null = null;
  #atEnd: boolean;
  /** Where the view must be after the next layout (set when rows moved or a row was asked for). */
  #pendingTop: number | null = null;
  readonly #rows = new Map<string, HTMLElement>();
  readonly #rowRefs = new Map<string, (el: HTMLElement | null) => void>();
  readonly #listeners = new Set<() => void>();
  #version = 0;
  #cached: { version: number; keys: readonly string[]; state: WindowState } | null = null;
  #frame = 0;
  #viewObserver: ResizeObserver | null = null;
  #rowObserver: ResizeObserver | null = null;

  constructor(options: { anchor?: AnchorMode; overscan?: number } = {}) {
    this.#mode = options.anchor ?? 'start';
    this.#overscan = options.overscan ?? 600;
    this.#atEnd = this.#mode === 'end';
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /** Changes whenever the window may have changed (scroll, sizes, a requested position). */
  getVersion = (): number => this.#version;

  /** The rendered range for these rows, worked out from where the view will be. */
  windowFor(keys: readonly string[], estimate: (i: number) => number): WindowState {
    if (keys !== this.#keys || estimate !== this.#estimate) {
      if (estimate === this.#estimate && appends(this.#keys, keys)) this.#append(keys);
      else {
        this.#keys = keys;
        this.#estimate = estimate;
        this.#index = new Map(keys.map((k, i) => [k, i]));
        this.#relayout();
      }
    }
    const cached = this.#cached;
    if (cached && cached.version === this.#version && cached.keys === keys) return cached.state;
    const top = this.#pendingTop ?? this.#el?.scrollTop ?? 0;
    const state: WindowState = { ...windowRange(this.#offsets, keys.length, top, this.#height, this.#overscan), atEnd: this.#atEnd };
    this.#cached = { version: this.#version, keys, state };
    return state;
  }

  /** Starts watching sizes; the returned function stops (and a later connect starts again). */
  connect(): () => void {
    // The viewport's size changes with the window, and its width changes every row's height.
    const view = new ResizeObserver(() => this.#later());
    // A row can change height outside a render of the list (a child's own state, fonts).
    const rows = new ResizeObserver((entries) => {
      if (entries.some((e) => this.#sizeChanged(e.target as HTMLElement))) this.#later();
    });
    if (this.#el) view.observe(this.#el);
    for (const el of this.#rows.values()) rows.observe(el);
    this.#viewObserver = view;
    this.#rowObserver = rows;
    return () => {
      cancelAnimationFrame(this.#frame);
      view.disconnect();
      rows.disconnect();
      if (this.#viewObserver === view) this.#viewObserver = null;
      if (this.#rowObserver === rows) this.#rowObserver = null;
    };
  }

  /** Ref callback for the scrolling element. */
  attach = (el: HTMLElement | null): void => {
    if (this.#el === el) return;
    if (this.#el) {
      this.#el.removeEventListener('scroll', this.#onScroll);
      this.#viewObserver?.unobserve(this.#el);
    }
    this.#el = el;
    if (el) {
      el.addEventListener('scroll', this.#onScroll, { passive: true });
      this.#viewObserver?.observe(el);
      this.#height = el.clientHeight;
      this.#pin();
      this.#changed();
    }
  };

  /** Ref callback for the element of row `key`, measured after each render. */
  measure = (key: string): ((el: HTMLElement | null) => void) => {
    let ref = this.#rowRefs.get(key);
    if (!ref) {
      ref = (el) => {
        const previous = this.#rows.get(key);
        if (previous && previous !== el) this.#rowObserver?.unobserve(previous);
        if (el) {
          el.dataset['vkey'] = key;
          this.#rows.set(key, el);
          this.#rowObserver?.observe(el);
        } else {
          this.#rows.delete(key);
          this.#rowRefs.delete(key);
        }
      };
      this.#rowRefs.set(key, ref);
    }
    return ref;
  };

  /** After each render: measure the rendered rows; once nothing moved, put the view where it belongs. */
  afterRender(): void {
    const el = this.#el;
    let changed = false;
    for (const row of this.#rows.values()) if (this.#sizeChanged(row, true)) changed = true;
    if (el && el.clientHeight !== this.#height) {
      this.#height = el.clientHeight;
      changed = true;
    }
    if (changed) {
      this.#relayout();
      this.#changed();
      return;
    }
    if (!el || this.#pendingTop === null) return;
    const target = this.#pendingTop;
    this.#pendingTop = null;
    if (Math.abs(el.scrollTop - target) >= 1) el.scrollTop = target;
    // The view may not reach the target (the list is shorter): the range follows where it is.
    if (Math.abs(el.scrollTop - target) >= 1) this.#changed();
  }

  /** Brings row `index` into view: at the top, centred, or only as far as needed. */
  scrollToIndex(index: number, align: Align = 'nearest'): void {
    const key = this.#keys[index];
    if (key === undefined) return;
    const current = this.#pendingTop ?? this.#el?.scrollTop ?? 0;
    const top = this.#offsets[index]!;
    const height = this.#offsets[index + 1]! - top;
    let next = current;
    if (align === 'start') next = top;
    else if (align === 'center') next = top - (this.#height - height) / 2;
    else if (top < current) next = top;
    else if (top + height > current + this.#height) next = top + height - this.#height;
    next = Math.max(0, next);
    this.#anchor = { key, delta: top - next };
    this.#atEnd = false;
    this.#pendingTop = next;
    this.#changed();
  }

  scrollToEnd(): void {
    this.#atEnd = true;
    this.#anchor = null;
    this.#pendingTop = Math.max(0, (this.#offsets[this.#keys.length] ?? 0) - this.#height);
    this.#changed();
  }

  #sizeChanged(el: HTMLElement, record = false): boolean {
    const key = el.dataset['vkey'];
    if (key === undefined || !this.#index.has(key)) return false;
    const h = el.getBoundingClientRect().height;
    if (h <= 0 || Math.abs((this.#sizes.get(key) ?? -1) - h) <= 0.5) return false;
    if (record) this.#sizes.set(key, h);
    return true;
  }

  /**
   * Rows added after the current ones (the next page of a long list): the index and offsets
   * grow by the new rows instead of being rebuilt over all of them, which at 100,000 rows was
   * a visible stall on every page.
   */
  #append(keys: readonly string[]): void {
    const from = this.#keys.length;
    const offsets = new Float64Array(keys.length + 1);
    offsets.set(this.#offsets.subarray(0, from + 1));
    for (let i = from; i < keys.length; i++) {
      this.#index.set(keys[i]!, i);
      offsets[i + 1] = offsets[i]! + (this.#sizes.get(keys[i]!) ?? this.#estimate(i));
    }
    this.#keys = keys;
    this.#offsets = offsets;
    this.#pin();
    this.#cached = null;
  }

  /** Offsets for the current rows and sizes, and the position that keeps the view still. */
  #relayout(): void {
    this.#offsets = rowOffsets(this.#keys, this.#sizes, this.#estimate);
    this.#pin();
    this.#cached = null;
  }

  /** Works out where the view must be so that what the user saw stays where it was. */
  #pin(): void {
    const total = this.#offsets[this.#keys.length] ?? 0;
    const scrollTop = this.#el?.scrollTop ?? 0;
    if (this.#mode === 'end' && this.#atEnd) {
      this.#pendingTop = Math.max(0, total - this.#height);
    } else if (this.#mode === 'start' && scrollTop <= 0 && this.#pendingTop === null) {
      // At the top of a list: stay there, so rows inserted first are seen.
    } else if (this.#anchor) {
      const i = this.#index.get(this.#anchor.key);
      if (i !== undefined) this.#pendingTop = Math.max(0, this.#offsets[i]! - this.#anchor.delta);
    }
  }

  #later(): void {
    cancelAnimationFrame(this.#frame);
    this.#frame = requestAnimationFrame(() => this.afterRender());
  }

  #onScroll = (): void => {
    const el = this.#el;
    if (!el || this.#pendingTop !== null) return; // a position is on its way; this event is stale
    this.#atEnd = el.scrollHeight - el.scrollTop - el.clientHeight < 4;
    const count = this.#keys.length;
    if (count === 0) this.#anchor = null;
    else {
      const i = rowAt(this.#offsets, count, el.scrollTop);
      this.#anchor = { key: this.#keys[i]!, delta: this.#offsets[i]! - el.scrollTop };
    }
    this.#changed();
  };

  #changed(): void {
    this.#version++;
    for (const l of [...this.#listeners]) l();
  }
}

/**
 * A windowed list: `keys` are the rows (a new array when rows change), `estimate` the height of
 * a row not measured yet. Render rows start…end with `measure(key)` as their ref, inside an
 * element padded by padTop / padBottom, inside the scroller whose ref is `attach`.
 * Returns the window's state, the two ref callbacks (scroller, rows) and the list (for scrolling).
 */
export function useListWindow(
  keys: readonly string[],
  estimate: (i: number) => number,
  options: { anchor?: AnchorMode; overscan?: number } = {},
): readonly [WindowState, ListWindow['attach'], ListWindow['measure'], ListWindow] {
  const [list] = useState(() => new ListWindow(options));
  useLayoutEffect(() => list.connect(), [list]);
  useLayoutEffect(() => list.afterRender());
  useSyncExternalStore(list.subscribe, list.getVersion);
  const state = list.windowFor(keys, estimate);
  return [state, list.attach, list.measure, list];
}
