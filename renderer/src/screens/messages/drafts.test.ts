import { describe, expect, it } from 'vitest';
import { clearDraft, draftKey, readDraft, writeDraft, type DraftStorage } from './drafts';

/** A Map-backed stand-in for localStorage. */
function memoryStorage(): DraftStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

describe('composer drafts', () => {
  it('keeps one draft per conversation and one for the new-message form', () => {
    const storage = memoryStorage();
    writeDraft(storage, { conversationId: 'c1' }, { to: '', text: 'See you' });
    writeDraft(storage, { conversationId: 'c2' }, { to: '', text: 'Other' });
    writeDraft(storage, 'new', { to: '+491701234567', text: 'Hello' });
    expect(readDraft(storage, { conversationId: 'c1' })).toEqual({ to: '', text: 'See you' });
    expect(readDraft(storage, { conversationId: 'c2' })).toEqual({ to: '', text: 'Other' });
    expect(readDraft(storage, 'new')).toEqual({ to: '+491701234567', text: 'Hello' });
    expect(readDraft(storage, { conversationId: 'c3' })).toBeNull();
    // A conversation id can never be taken for the new-message form's key.
    expect(draftKey({ conversationId: 'new' })).not.toBe(draftKey('new'));
  });

  it('removes a draft that was erased or sent, rather than keeping an empty one', () => {
    const storage = memoryStorage();
    writeDraft(storage, { conversationId: 'c1' }, { to: '', text: 'x' });
    writeDraft(storage, { conversationId: 'c1' }, { to: '', text: '  ' });
    expect(storage.map.size).toBe(0);
    writeDraft(storage, 'new', { to: '+49170', text: '' });
    expect(readDraft(storage, 'new')).toEqual({ to: '+49170', text: '' });
    clearDraft(storage, 'new');
    expect(storage.map.size).toBe(0);
  });

  it('reads anything unreadable as no draft, and survives storage that throws', () => {
    const storage = memoryStorage();
    storage.map.set(draftKey('new'), '{not json');
    expect(readDraft(storage, 'new')).toBeNull();
    storage.map.set(draftKey('new'), JSON.stringify({ to: 5, text: 'x' }));
    expect(readDraft(storage, 'new')).toBeNull();
    storage.map.set(draftKey('new'), JSON.stringify({ to: '1'.repeat(100), text: 'x'.repeat(20_000) }));
    expect(readDraft(storage, 'new')).toEqual({ to: '1'.repeat(40), text: 'x'.repeat(10_000) });
    const broken: DraftStorage = {
      getItem: () => {
        throw new Error('disabled');
      },
      setItem: () => {
        throw new Error('full');
      },
      removeItem: () => undefined,
    };
    expect(readDraft(broken, 'new')).toBeNull();
    expect(() => writeDraft(broken, 'new', { to: '', text: 'x' })).not.toThrow();
    expect(readDraft(undefined, 'new')).toBeNull();
  });
});
