import { describe, expect, it } from 'vitest';
import { ContactReach, REACH_UPLOAD_MAX } from './contacts-reach';
import { testArchive } from './test-support';

const ME = '+491555000010';

describe('what the mailbox said about the phone book', () => {
  it('uploads distinct E.164 numbers only, and answers true / false / null per contact', () => {
    const archive = testArchive();
    archive.contacts.upsert({ displayName: 'Bea', addresses: [{ value: '+491555000020' }, { value: '+491555000021' }] });
    archive.contacts.upsert({ displayName: 'Bea again', addresses: [{ value: '+491555000020' }] });
    archive.contacts.upsert({ displayName: 'Cem', addresses: [{ value: '+491555000030' }, { value: '22333' }] });
    archive.contacts.upsert({ displayName: 'Shop', addresses: [{ value: 'SHOP' }] });
    const reach = new ContactReach(archive.db);
    expect(reach.numbersToUpload()).toEqual(['+491555000020', '+491555000021', '+491555000030']);

    expect(reach.anyRegistered(ME, ['+491555000020'])).toBeNull();
    reach.record(ME, reach.numbersToUpload(), new Set(['+491555000020']), 1_000);
    expect(reach.anyRegistered(ME, ['+491555000021', '+491555000020'])).toBe(true);
    expect(reach.anyRegistered(ME, ['+491555000030', '22333'])).toBe(false);
    expect(reach.anyRegistered(ME, ['SHOP'])).toBeNull();
    expect(reach.registered(ME, '+491555000030')).toBe(false);
    // Another account's answer is not this one's.
    expect(reach.anyRegistered('+491555000099', ['+491555000020'])).toBeNull();

    // A new answer replaces the old one; logout forgets it.
    reach.record(ME, ['+491555000030'], new Set(['+491555000030']), 2_000);
    expect(reach.registered(ME, '+491555000020')).toBeUndefined();
    expect(reach.registered(ME, '+491555000030')).toBe(true);
    reach.clear();
    expect(reach.registered(ME, '+491555000030')).toBeUndefined();
  });

  it('caps the upload at the server’s limit, the same numbers each time', () => {
    const archive = testArchive();
    const addresses = Array.from({ length: REACH_UPLOAD_MAX + 5 }, (_, i) => ({ value: `+4915550${String(i).padStart(5, '0')}` }));
    archive.contacts.upsert({ displayName: 'Many', addresses });
    const reach = new ContactReach(archive.db);
    const first = reach.numbersToUpload();
    expect(first).toHaveLength(REACH_UPLOAD_MAX);
    expect(reach.numbersToUpload()).toEqual(first);
  });
});
