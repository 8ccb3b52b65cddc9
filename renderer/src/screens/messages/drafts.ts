/**
 * Unsent text in a composer, kept per conversation (and for the new-message form, with its
 * recipient) so it survives opening another conversation, another screen, or a reload.
 *
 * Drafts live in this window's localStorage, keyed by conversation id, and not in the core:
 * they are a person's unfinished typing in one window, not messages, so they need no
 * migration of the archive, never reach another device, and cost no IPC round trip per
 * keystroke. The price: a draft stays on the machine (and browser profile) it was typed on.
 */

/** The part of the Web Storage API drafts use (tests pass a Map-backed one). */
export type DraftStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface ComposerDraft {
  /** The recipient as typed; only the new-message form has one ('' in a conversation). */
  readonly to: string;
  readonly text: string;
}

/** Where a draft belongs: an open conversation (by id) or the new-message form. */
export type DraftPlace = { readonly conversationId: string } | 'new';

const PREFIX = 'smsdesk.draft.';
/** The composer's own limits (the contract's text limit, the To field's length). */
const MAX_TEXT = 10_000;
const MAX_TO = 40;

export function draftKey(place: DraftPlace): string {
  return place === 'new' ? `${PREFIX}new` : `${PREFIX}c.${place.conversationId}`;
}

/** The stored draft, or null; anything unreadable (another version's format, a hand edit) counts as none. */
export function readDraft(storage: DraftStorage | undefined, place: DraftPlace): ComposerDraft | null {
  let raw: string | null;
  try {
    raw = storage?.getItem(draftKey(place)) ?? null;
  } catch {
    return null; // Storage disabled: drafts are simply not kept.
  }
  if (raw === null) return null;
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return null;
    const { to, text } = value as Record<string, unknown>;
    if (typeof to !== 'string' || typeof text !== 'string') return null;
    return { to: to.slice(0, MAX_TO), text: text.slice(0, MAX_TEXT) };
  } catch {
    return null;
  }
}

/** Keeps the draft; an empty one (nothing typed, or all of it erased) is removed instead. */
export function writeDraft(storage: DraftStorage | undefined, place: DraftPlace, draft: ComposerDraft): void {
  try {
    if (isEmptyDraft(draft)) storage?.removeItem(draftKey(place));
    else storage?.setItem(draftKey(place), JSON.stringify({ to: draft.to, text: draft.text }));
  } catch {
    // Full or disabled storage: the draft lives only as long as the composer does.
  }
}

export function clearDraft(storage: DraftStorage | undefined, place: DraftPlace): void {
  writeDraft(storage, place, { to: '', text: '' });
}

export function isEmptyDraft(draft: ComposerDraft): boolean {
  return draft.to.trim() === '' && draft.text.trim() === '';
}

/** This window's storage, where there is one (absent in tests without a DOM, or when disabled). */
export function windowStorage(): DraftStorage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}
