/**
 * The messages of one conversation as an ARIA feed, windowed: a thread of 100,000 messages
 * keeps a few dozen articles in the DOM. Older pages load when the view nears the top and the
 * view does not move when they arrive; at the bottom it follows new messages.
 */
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { MessageView } from '../../../../main/contract';
import { useListWindow } from '../../components/virtual';
import { refusalText } from '../../api/refusal';
import { t } from '../../i18n';
import { localDayKey, type DayRow } from './days';
import { MessageRow, type MessageAction } from './MessageRow';
import type { ThreadState, ThreadStore } from './thread-store';

/** Load older messages when the view comes this close (px) to the top. */
const LOAD_OLDER_WITHIN = 1200;

/**
 * A row's height before it is measured. Every older page re-adds up the heights of every row
 * (the list's offsets), so a message's estimate is worked out once and remembered with it:
 * splitting 20,000 bodies again on each prepend was most of a page's cost.
 */
const bodyHeights = new WeakMap<MessageView, number>();

function estimate(row: DayRow<MessageView> | undefined): number {
  if (!row) return 72;
  let height = bodyHeights.get(row.item);
  if (height === undefined) {
    const lines = row.item.body.split('\n');
    let count = lines.length;
    for (const line of lines) count += Math.floor(line.length / 48);
    height = 58 + count * 20;
    bodyHeights.set(row.item, height);
  }
  return height + (row.day !== null ? 40 : 0);
}

/** The local day of a message's time, remembered with it (a Date and its calendar fields per row per page add up). */
const messageDays = new WeakMap<MessageView, string>();

function dayOfMessage(m: MessageView): string {
  let day = messageDays.get(m);
  if (day === undefined) {
    day = localDayKey(new Date(m.at));
    messageDays.set(m, day);
  }
  return day;
}

/** The thread's rows, each first message of a day carrying the day (as days.ts's withDays, with days remembered). */
function threadRows(messages: readonly MessageView[]): DayRow<MessageView>[] {
  const rows: DayRow<MessageView>[] = new Array(messages.length);
  let previous: string | null = null;
  for (let i = 0; i < messages.length; i++) {
    const item = messages[i]!;
    const day = dayOfMessage(item);
    rows[i] = { item, day: day === previous ? null : day };
    previous = day;
  }
  return rows;
}

export function ThreadFeed(props: {
  store: ThreadStore;
  state: ThreadState;
  title: string;
  onAction: (action: MessageAction, message: MessageView) => void;
  onLink: (url: string) => void;
}): React.JSX.Element {
  const { store, state, title } = props;
  const rows = useMemo(() => threadRows(state.messages), [state.messages]);
  const keys = useMemo(() => rows.map((r) => r.item.id), [rows]);
  const index = useMemo(() => new Map(keys.map((k, i) => [k, i])), [keys]);
  const estimateAt = useCallback((i: number) => estimate(rows[i]), [rows]);
  const [win, attach, measure, list] = useListWindow(keys, estimateAt, { anchor: 'end', overscan: 900 });
  const [activeId, setActiveId] = useState<string | null>(null);
  const focusWanted = useRef<string | null>(null);
  const shownTarget = useRef<number>(-1);
  const highlighted = state.target?.state === 'found' ? state.target.id : null;

  // A search hit was found in the loaded pages: bring it to the middle, focus and mark it.
  const target = state.target;
  useLayoutEffect(() => {
    if (!target || target.state !== 'found' || shownTarget.current === target.seq) return;
    const i = index.get(target.id);
    if (i === undefined) return;
    shownTarget.current = target.seq;
    focusWanted.current = target.id;
    list.scrollToIndex(i, 'center');
  }, [target, index, list]);

  // Focus follows the keyboard once the row is rendered.
  useLayoutEffect(() => {
    const id = focusWanted.current;
    if (id === null) return;
    const el = document.getElementById(`message-${id}`);
    if (!el) return;
    focusWanted.current = null;
    el.focus({ preventScroll: true });
  });

  const moveTo = (i: number): void => {
    if (keys.length === 0) return;
    if (i < 0 && state.next !== null) void store.loadOlder();
    const to = Math.max(0, Math.min(keys.length - 1, i));
    const id = keys[to]!;
    setActiveId(id);
    focusWanted.current = id;
    list.scrollToIndex(to, 'nearest');
  };

  const onKeyDown = (e: React.KeyboardEvent): void => {
    const target = e.target as HTMLElement;
    if (target.tagName !== 'ARTICLE') return; // buttons and links inside keep their keys
    const current = activeId !== null ? (index.get(activeId) ?? keys.length - 1) : keys.length - 1;
    switch (e.key) {
      case 'ArrowDown':
      case 'PageDown':
        moveTo(current + 1);
        break;
      case 'ArrowUp':
      case 'PageUp':
        moveTo(current - 1);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(keys.length - 1);
        list.scrollToEnd();
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const onFocusMessage = useCallback((id: string) => setActiveId(id), []);

  // One message is in the tab order: the active one if it is rendered, else the newest shown.
  const rendered = (id: string | null): boolean => {
    const i = id === null ? undefined : index.get(id);
    return i !== undefined && i >= win.start && i < win.end;
  };
  const newest = keys[keys.length - 1] ?? null;
  const tabbable = rendered(activeId) ? activeId : rendered(newest) ? newest : (keys[win.start] ?? null);

  const items: React.JSX.Element[] = [];
  for (let i = win.start; i < win.end && i < rows.length; i++) {
    const row = rows[i]!;
    const m = row.item;
    items.push(
      <MessageRow
        key={m.id}
        message={m}
        day={row.day}
        first={i === 0 && state.next === null}
        peerTitle={title}
        posinset={i + 1}
        setsize={state.next === null ? rows.length : -1}
        active={m.id === activeId}
        highlighted={m.id === highlighted}
        tabbable={m.id === tabbable}
        measureRef={measure(m.id)}
        onAction={props.onAction}
        onLink={props.onLink}
        onFocusMessage={onFocusMessage}
      />,
    );
  }

  return (
    <div className="thread-body">
      <div
        className="thread-scroller"
        ref={attach}
        onScroll={(e) => {
          if (e.currentTarget.scrollTop < LOAD_OLDER_WITHIN && state.next !== null) void store.loadOlder();
        }}
        data-testid="thread-scroller"
      >
        <div
          role="feed"
          aria-label={t('thread.messages', { title })}
          aria-busy={state.loadingOlder || state.status === 'loading'}
          className="thread-feed"
          onKeyDown={onKeyDown}
          data-testid="thread-feed"
          style={{ paddingTop: win.padTop, paddingBottom: win.padBottom }}
        >
          {items}
        </div>
      </div>
      {state.status === 'loading' && <p className="thread-note muted">{t('thread.loading')}</p>}
      {state.status === 'ready' && state.messages.length === 0 && <p className="thread-note muted">{t('thread.none')}</p>}
      {state.loadingOlder && !state.target && (
        <p className="thread-note thread-note-top muted" role="status">
          {t('thread.loadingOlder')}
        </p>
      )}
      {state.target?.state === 'looking' && (
        <p className="thread-note thread-note-top muted" role="status" data-testid="thread-finding">
          {t('thread.finding', { count: state.messages.length })}
        </p>
      )}
      {state.target?.state === 'missing' && (
        <p className="thread-note thread-note-top error" role="alert">
          {t('thread.notFound')}
        </p>
      )}
      {state.error && (
        <p className="thread-note error" role="alert">
          {t('thread.error', { reason: refusalText(state.error) })}
        </p>
      )}
      {!win.atEnd && state.messages.length > 0 && (
        <button type="button" className="to-newest" onClick={() => list.scrollToEnd()} data-testid="thread-newest">
          {t('thread.newest')} ↓
        </button>
      )}
    </div>
  );
}
