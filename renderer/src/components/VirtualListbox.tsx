/**
 * A listbox of any length: only the options near the viewport are in the DOM. Keyboard per the
 * ARIA listbox pattern: focus stays on the listbox, aria-activedescendant names the active
 * option; arrows, Page Up/Down, Home and End move it; Enter or Space chooses it.
 */
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useListWindow } from './virtual';

export interface VirtualListboxProps<T> {
  readonly items: readonly T[];
  readonly keyOf: (item: T) => string;
  /** Accessible name of the listbox. */
  readonly label: string;
  /** Height in px of a row before it is measured. */
  readonly rowHeight: number;
  /** Key of the chosen item (aria-selected), if any. */
  readonly selectedKey: string | null;
  /** Whether more items can be loaded (the set size is unknown then). */
  readonly hasMore: boolean;
  /** Called when the view nears the end of the loaded items and more can be loaded. */
  readonly onNearEnd?: () => void;
  readonly onChoose: (item: T) => void;
  readonly renderOption: (item: T) => ReactNode;
  /** The option's accessible name (its visible text, in reading order). */
  readonly optionLabel: (item: T) => string;
  /** Prefix of option element ids (unique on the page). */
  readonly idPrefix: string;
  readonly className?: string;
  readonly optionTestId?: string;
  readonly testId?: string;
  /** Rendered after the options, inside the scroller (a "loading more" line). */
  readonly footer?: ReactNode;
}

const NEAR_END = 20;

export function VirtualListbox<T>(props: VirtualListboxProps<T>): React.JSX.Element {
  const { items, keyOf, rowHeight, selectedKey, hasMore, onNearEnd, onChoose, idPrefix } = props;
  const keys = useMemo(() => items.map(keyOf), [items, keyOf]);
  const estimate = useCallback(() => rowHeight, [rowHeight]);
  const [win, attach, measure, list] = useListWindow(keys, estimate, { anchor: 'start', overscan: rowHeight * 8 });
  const [activeKey, setActiveKey] = useState<string | null>(null);
  // A scan, not a Map rebuilt for every page of a long list: only while a key is active.
  const activeIndex = useMemo(() => (activeKey !== null ? keys.indexOf(activeKey) : -1), [keys, activeKey]);

  useEffect(() => {
    if (hasMore && onNearEnd && win.end >= keys.length - NEAR_END) onNearEnd();
  }, [hasMore, onNearEnd, win.end, keys.length]);

  const moveTo = (i: number): void => {
    if (keys.length === 0) return;
    const to = Math.max(0, Math.min(keys.length - 1, i));
    setActiveKey(keys[to]!);
    list.scrollToIndex(to, 'nearest');
  };

  const onKeyDown = (e: React.KeyboardEvent): void => {
    const current = activeIndex >= 0 ? activeIndex : selectedKey !== null ? keys.indexOf(selectedKey) : -1;
    const page = Math.max(1, win.end - win.start - 2);
    switch (e.key) {
      case 'ArrowDown':
        moveTo(current + 1);
        break;
      case 'ArrowUp':
        moveTo(current < 0 ? 0 : current - 1);
        break;
      case 'PageDown':
        moveTo(current + Math.floor(page / 2));
        break;
      case 'PageUp':
        moveTo(current - Math.floor(page / 2));
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(keys.length - 1);
        break;
      case 'Enter':
      case ' ': {
        const item = items[current];
        if (!item) return;
        onChoose(item);
        break;
      }
      default:
        return;
    }
    e.preventDefault();
  };

  const onFocus = (): void => {
    if (activeIndex >= 0 || keys.length === 0) return;
    const found = selectedKey !== null ? keys.indexOf(selectedKey) : -1;
    const selected = found >= 0 ? found : undefined;
    moveTo(selected ?? 0);
  };

  const rows: React.JSX.Element[] = [];
  for (let i = win.start; i < win.end && i < items.length; i++) {
    const item = items[i]!;
    const key = keys[i]!;
    rows.push(
      <div
        key={key}
        ref={measure(key)}
        id={`${idPrefix}-${key}`}
        role="option"
        aria-selected={key === selectedKey}
        aria-posinset={i + 1}
        aria-setsize={hasMore ? -1 : items.length}
        aria-label={props.optionLabel(item)}
        className={`vl-option${i === activeIndex ? ' is-active' : ''}${key === selectedKey ? ' is-selected' : ''}`}
        data-testid={props.optionTestId}
        onClick={() => {
          setActiveKey(key);
          onChoose(item);
        }}
      >
        {props.renderOption(item)}
      </div>,
    );
  }

  return (
    <div className={`vl-scroller ${props.className ?? ''}`} ref={attach}>
      <div
        role="listbox"
        aria-label={props.label}
        tabIndex={0}
        aria-activedescendant={
          activeIndex >= 0 && activeIndex >= win.start && activeIndex < win.end ? `${idPrefix}-${activeKey}` : undefined
        }
        className="vl-listbox"
        onKeyDown={onKeyDown}
        onFocus={onFocus}
        data-testid={props.testId}
        style={{ paddingTop: win.padTop, paddingBottom: win.padBottom }}
      >
        {rows}
      </div>
      {props.footer}
    </div>
  );
}
