import { describe, expect, it } from 'vitest';
import { testArchive } from './test-support';

describe('contacts and groups', () => {
  it('stores a contact with normalised addresses and groups, found by any spelling of the number', () => {
    const archive = testArchive();
    const { contact, created } = archive.contacts.upsert({
      displayName: 'Anna Schmidt',
      addresses: [
        { value: '0170 1234567', kind: 'mobile' },
        { value: '+49 30 1234567', kind: 'work' },
      ],
      groups: ['Team', 'team'],
    });
    expect(created).toBe(true);
    expect(contact.addresses).toEqual([
      { address: '+491701234567', kind: 'mobile', raw: '0170 1234567' },
      { address: '+49301234567', kind: 'work', raw: '+49 30 1234567' },
    ]);
    expect(contact.groups).toEqual(['Team']);
    expect(archive.contacts.findByAddress('+49 170 1234567').map((c) => c.id)).toEqual([contact.id]);
    expect(archive.groups.list()).toMatchObject([{ name: 'Team', members: 1 }]);
  });

  it('updates the contact of the same uid and skips a card seen before by its import key', () => {
    const archive = testArchive();
    const first = archive.contacts.upsert({ uid: 'urn:uuid:1', displayName: 'A', addresses: [{ value: '+491701111111' }] });
    const again = archive.contacts.upsert({ uid: 'urn:uuid:1', displayName: 'A B', addresses: [{ value: '+491702222222' }] });
    expect(again).toMatchObject({ created: false, changed: true, contact: { id: first.contact.id, displayName: 'A B' } });
    expect(again.contact.addresses.map((a) => a.address)).toEqual(['+491702222222']);
    const keyed = archive.contacts.upsert({ displayName: 'C', addresses: [], importKey: 7n });
    expect(archive.contacts.upsert({ displayName: 'C changed', addresses: [], importKey: 7n })).toMatchObject({
      created: false,
      changed: false,
      contact: { id: keyed.contact.id, displayName: 'C' },
    });
  });

  it('refuses a contact without a name, and removes members with their contact', () => {
    const archive = testArchive();
    expect(() => archive.contacts.upsert({ displayName: '  ', addresses: [] })).toThrow(
      expect.objectContaining({ code: 'ARCHIVE_INVALID' }),
    );
    const { contact } = archive.contacts.upsert({ displayName: 'X', addresses: [], groups: ['G'] });
    const group = archive.groups.ensure('g');
    expect(archive.groups.memberIds(group.id)).toEqual([contact.id]);
    archive.contacts.delete(contact.id);
    expect(archive.groups.memberIds(group.id)).toEqual([]);
  });
});
