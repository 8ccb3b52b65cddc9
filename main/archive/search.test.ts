import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toMatchExpression } from './fts-query';
import { HIT_END, HIT_START } from './search';
import { T0, testArchive } from './test-support';

describe('toMatchExpression', () => {
  it('quotes every word so FTS5 operators are plain words', () => {
    expect(toMatchExpression('hello world')).toBe('"hello" "world"');
    expect(toMatchExpression('a OR b NOT c')).toBe('"a" "OR" "b" "NOT" "c"');
    expect(toMatchExpression('body:x "quoted" NEAR(a b)')).toBe('"body:x" """quoted""" "NEAR(a" "b)"');
    expect(toMatchExpression('hel', { prefixLast: true })).toBe('"hel"*');
  });

  it('returns null when nothing searchable is left', () => {
    expect(toMatchExpression('')).toBeNull();
    expect(toMatchExpression('   \t ')).toBeNull();
    expect(toMatchExpression('... — 😀 "')).toBeNull();
    expect(toMatchExpression('\u0000')).toBeNull();
  });
});

describe('message search', () => {
  function seeded() {
    const archive = testArchive();
    archive.contacts.upsert({ displayName: 'Jürgen Müller', organization: 'Stadtwerke', addresses: [{ value: '+491701234567' }] });
    archive.messages.insert({
      direction: 'in',
      peer: '+491701234567',
      body: 'The meeting is at noon, bring the café order',
      status: 'received',
      scAt: T0,
    });
    archive.messages.insert({ direction: 'out', peer: '+491709999999', body: 'No meeting today', status: 'sent', createdAt: T0 + 1000 });
    archive.messages.insert({ direction: 'in', peer: 'DHL', body: 'Your parcel AND more', status: 'received', scAt: T0 + 2000 });
    return archive;
  }

  it('finds messages by words, newest first, with hits between placeholder characters', () => {
    const archive = seeded();
    const result = archive.search.messages({ text: 'meeting' });
    expect(result.items.map((h) => h.peer)).toEqual(['+491709999999', '+491701234567']);
    expect(result.items[1]).toMatchObject({ title: 'Jürgen Müller', direction: 'in', at: new Date(T0).toISOString() });
    expect(result.items[1]?.snippet).toContain(`${HIT_START}meeting${HIT_END}`);
    expect(result.items[1]?.snippet).not.toMatch(/<|>/);
  });

  it('ignores case and accents, and needs every word', () => {
    const archive = seeded();
    expect(archive.search.messages({ text: 'CAFE' }).items).toHaveLength(1);
    expect(archive.search.messages({ text: 'meeting noon' }).items).toHaveLength(1);
    expect(archive.search.messages({ text: 'meeting parcel' }).items).toHaveLength(0);
  });

  it('treats operators typed by a person as words', () => {
    const archive = seeded();
    expect(archive.search.messages({ text: 'parcel AND' }).items.map((h) => h.peer)).toEqual(['DHL']);
    expect(archive.search.messages({ text: 'NOT' }).items).toHaveLength(0);
  });

  it('pages results by keyset and filters by conversation', () => {
    const archive = seeded();
    const first = archive.search.messages({ text: 'meeting', limit: 1 });
    const second = archive.search.messages({ text: 'meeting', limit: 1, after: first.next! });
    expect([...first.items, ...second.items].map((h) => h.peer)).toEqual(['+491709999999', '+491701234567']);
    expect(second.next).toBeNull();
    const conversationId = archive.conversations.ensure('sms', '+491701234567').id;
    expect(archive.search.messages({ text: 'meeting', conversationId }).items).toHaveLength(1);
  });

  it('finds contacts by name or organisation, prefix included', () => {
    const archive = seeded();
    expect(archive.search.contacts('jurg')).toEqual([
      {
        contactId: expect.any(Number),
        contactUid: expect.any(String),
        name: `${HIT_START}Jürgen${HIT_END} Müller`,
        organization: 'Stadtwerke',
      },
    ]);
    expect(archive.search.contacts('stadtwerke')).toHaveLength(1);
    expect(archive.search.contacts('(')).toEqual([]);
  });

  it('never fails on any text a person can type (fuzz)', () => {
    const archive = seeded();
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.boolean(), (text, prefixLast) => {
        const result = archive.search.messages({ text, prefixLast });
        expect(Array.isArray(result.items)).toBe(true);
        expect(Array.isArray(archive.search.contacts(text))).toBe(true);
      }),
      { numRuns: 500 },
    );
    // Binary-ish and FTS5-syntax-heavy strings too.
    const syntax = fc.constantFrom('"', '*', '^', '(', ')', ':', '-', '+', 'AND', 'OR', 'NOT', 'NEAR', ' ', '\u0000', '{', '}', ',', 'x');
    fc.assert(
      fc.property(fc.array(fc.oneof(syntax, fc.string({ unit: 'binary', maxLength: 3 })), { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        const match = toMatchExpression(text, { prefixLast: true });
        if (match !== null) archive.db.prepare('SELECT count(*) FROM messages_fts WHERE messages_fts MATCH ?').pluck().get(match);
        expect(archive.search.messages({ text }).items.length).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 1000 },
    );
  });
});
