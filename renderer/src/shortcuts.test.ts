import { describe, expect, it } from 'vitest';
import { sectionShortcut, shortcutFor, type KeyLike } from './shortcuts';

const key = (code: string, keyName: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  code,
  key: keyName,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  ...mods,
});

describe('shortcutFor', () => {
  it('maps Alt+N to a new message by the physical key, whatever character Alt makes', () => {
    expect(shortcutFor(key('KeyN', 'n', { altKey: true }))).toEqual({ kind: 'new-message' });
    expect(shortcutFor(key('KeyN', '˜', { altKey: true }))).toEqual({ kind: 'new-message' });
    expect(shortcutFor(key('KeyN', 'n'))).toBeNull();
    expect(shortcutFor(key('KeyN', 'N', { altKey: true, shiftKey: true }))).toBeNull();
  });

  it('maps Alt+1…6 to the sections in their order and ignores other digits', () => {
    expect(shortcutFor(key('Digit1', '1', { altKey: true }))).toEqual({ kind: 'section', section: 'messages' });
    expect(shortcutFor(key('Digit6', '6', { altKey: true }))).toEqual({ kind: 'section', section: 'account' });
    expect(shortcutFor(key('Digit7', '7', { altKey: true }))).toBeNull();
    expect(shortcutFor(key('Digit1', '1', { ctrlKey: true }))).toBeNull();
    expect(sectionShortcut('office')).toBe('Alt+3');
  });

  it('maps Ctrl+K and Cmd+K to search, not K alone', () => {
    expect(shortcutFor(key('KeyK', 'k', { ctrlKey: true }))).toEqual({ kind: 'search' });
    expect(shortcutFor(key('KeyK', 'K', { metaKey: true }))).toEqual({ kind: 'search' });
    expect(shortcutFor(key('KeyK', 'k'))).toBeNull();
  });
});
