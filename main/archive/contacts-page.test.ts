import { describe, expect, it } from 'vitest';
import { ArchiveError } from './errors';
import { decodeNameCursor, encodeNameCursor, numberPattern } from './contacts-page';
import { testArchive } from './test-support';

describe('contact pages', () => {
  it('orders by name without case, ties by id, and narrows to a group', () => {
    const archive = testArchive();
    for (const name of ['bob', 'Anna', 'Bob', 'carla']) archive.contacts.upsert({ displayName: name, addresses: [] });
    const team = archive.groups.create('Team');
    for (const c of archive.contacts.page({ text: 'bob' }).items) archive.groups.addMember(team.id, c.id);
    const first = archive.contacts.page({ limit: 2 });
    expect(first.items.map((c) => c.displayName)).toEqual(['Anna', 'bob']);
    const second = archive.contacts.page({ limit: 2, after: first.next! });
    expect(second.items.map((c) => c.displayName)).toEqual(['Bob', 'carla']);
    expect(second.next).toBeNull();
    expect(archive.contacts.page({ groupId: team.id }).items.map((c) => c.displayName)).toEqual(['bob', 'Bob']);
  });

  it('finds numbers by their digits, national or international', () => {
    const archive = testArchive();
    archive.contacts.upsert({ displayName: 'Anna', addresses: [{ value: '0170 1234567' }] });
    archive.contacts.upsert({ displayName: 'Bob', addresses: [{ value: '+44 20 7946 0958' }] });
    for (const text of ['0170 123', '0049170', '+49 170 1234567', '1234567']) {
      expect(archive.contacts.page({ text }).items.map((c) => c.displayName)).toEqual(['Anna']);
    }
    // SQL LIKE wildcards typed by the user are not wildcards: only digits are searched.
    expect(numberPattern('%_%')).toBeNull();
    expect(archive.contacts.page({ text: '%' }).items).toEqual([]);
  });

  it('round-trips a cursor and refuses a tampered one', () => {
    expect(decodeNameCursor(encodeNameCursor('Zoë "Z"', 42))).toEqual({ name: 'Zoë "Z"', id: 42 });
    expect(() => decodeNameCursor(Buffer.from('[1,2]').toString('base64url'))).toThrow(ArchiveError);
    expect(() => decodeNameCursor('%%%')).toThrow('The page cursor is not valid');
  });
});

describe('checkNumber', () => {
  const archive = testArchive();
  it('turns national and international numbers into E.164 and keeps short codes and sender names', () => {
    expect(archive.contacts.checkNumber('0170 1234567')).toBe('+491701234567');
    expect(archive.contacts.checkNumber('0044 20 7946 0958')).toBe('+442079460958');
    expect(archive.contacts.checkNumber('22333')).toBe('22333');
    expect(archive.contacts.checkNumber('MyBank')).toBe('MyBank');
  });

  it('says in words what is wrong with a number', () => {
    expect(() => archive.contacts.checkNumber('   ')).toThrow('The number is empty.');
    expect(() => archive.contacts.checkNumber('+1 650')).toThrow('“+1 650” is not a valid phone number');
    expect(() => archive.contacts.checkNumber('call me maybe')).toThrow('a sender name has at most 11 characters');
    expect(() => archive.contacts.checkNumber('+49 170 ext 5')).toThrow('is not a phone number');
    const noCountry = testArchive({ defaultCountry: undefined });
    noCountry.setDefaultCountry(undefined);
    expect(() => noCountry.contacts.checkNumber('0170 1234567')).toThrow('needs its country code');
  });
});

describe('groups', () => {
  it('creates, renames and refuses a name another group has, in any case', () => {
    const archive = testArchive();
    const team = archive.groups.create('Team');
    const family = archive.groups.create('  Family  ');
    expect(family.name).toBe('Family');
    expect(() => archive.groups.create('TEAM')).toThrow('There is already a group named “TEAM”.');
    expect(() => archive.groups.rename(family.id, 'team')).toThrow('There is already a group named “team”.');
    expect(archive.groups.rename(team.id, 'team')).toMatchObject({ id: team.id, name: 'team' });
    expect(archive.groups.getByUid(team.uid)?.name).toBe('team');
    expect(() => archive.groups.create('')).toThrow('A group needs a name.');
  });
});
