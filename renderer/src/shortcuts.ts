/**
 * Keyboard shortcuts of the whole window. Alt + a key rather than Ctrl: in a browser
 * (`smsdesk web`) Ctrl+N and Ctrl+1…9 belong to the browser and never reach the page.
 * Keys are matched by `code` (the physical key), so Alt+N works on layouts where Alt
 * changes the character (macOS Option+N gives "˜").
 */
import { SECTIONS, type Section } from './components/Nav';

export type ShortcutAction = { kind: 'new-message' } | { kind: 'search' } | { kind: 'section'; section: Section };

export interface KeyLike {
  readonly code: string;
  readonly key: string;
  readonly altKey: boolean;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
}

/** The action a key press asks for, or null when it is not a shortcut. */
export function shortcutFor(e: KeyLike): ShortcutAction | null {
  const plainAlt = e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey;
  if (plainAlt && e.code === 'KeyN') return { kind: 'new-message' };
  if (plainAlt) {
    const digit = /^Digit([1-9])$/.exec(e.code)?.[1];
    const section = digit ? SECTIONS[Number(digit) - 1] : undefined;
    if (section) return { kind: 'section', section };
  }
  // Ctrl+K (Cmd+K on macOS) is the search shortcut people know from other apps; browsers let a page take it.
  if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k') return { kind: 'search' };
  return null;
}

/** The aria-keyshortcuts value of a section's nav button. */
export function sectionShortcut(section: Section): string {
  return `Alt+${SECTIONS.indexOf(section) + 1}`;
}
