import { afterEach, describe, expect, it } from 'vitest';
import { ContactReach } from '../archive/index';
import { testArchive } from '../archive/test-support';
import { until } from '../station/testing';
import { MailboxClientError, type MailboxClient } from '../sync/index';
import { ContactsMatcher } from './account-contacts';
import { EventHub } from './event-hub';

const ME = '+491555000010';
const B = '+491555000020';
const C = '+491555000030';

const open: ContactsMatcher[] = [];
afterEach(() => {
  for (const m of open.splice(0)) m.dispose();
});

/** A matcher over a fake server that says B is registered and counts the uploads. */
function rig() {
  const options = { offline: false };
  const archive = testArchive();
  archive.contacts.upsert({ displayName: 'Bea', addresses: [{ value: B }] });
  archive.contacts.upsert({ displayName: 'Cem', addresses: [{ value: C }] });
  const events = new EventHub();
  const uploads: string[][] = [];
  const logged: string[] = [];
  const client = {
    uploadContacts: async (numbers: readonly string[]) => {
      if (options.offline) throw new MailboxClientError('offline', 'The mailbox server cannot be reached.');
      uploads.push([...numbers]);
      return { stored: numbers.length, invalid: 0, registered: numbers.filter((n) => n === B) };
    },
  } as unknown as MailboxClient;
  let account: { number: string; client: MailboxClient } | undefined = { number: ME, client };
  const matcher = new ContactsMatcher({
    reach: new ContactReach(archive.db),
    events,
    account: () => account,
    log: (m) => logged.push(m),
    settleMs: 10,
  });
  open.push(matcher);
  let announced = 0;
  events.subscribe('contacts.changed', () => announced++);
  return {
    matcher,
    events,
    options,
    uploads,
    logged,
    announced: () => announced,
    signOut: () => {
      account = undefined;
    },
  };
}

describe('the phone book matched with the mailbox', () => {
  it('matches at the first pass online, answers per number, and its own announcement starts no second upload', async () => {
    const r = rig();
    expect(r.matcher.reachable([B])).toBeNull();
    r.matcher.signedIn();
    r.matcher.online();
    await until(() => r.announced() === 1, 'the answer announced');
    expect(r.uploads).toEqual([[B, C]]);
    expect(r.matcher.reachable([B])).toBe(true);
    expect(r.matcher.reachable([C])).toBe(false);
    // Not due any more: another pass changes nothing; the settle time passes without an upload.
    r.matcher.online();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(r.uploads).toHaveLength(1);

    // A change of the contacts (a burst of three) is one more upload.
    for (let i = 0; i < 3; i++) r.events.emit('contacts.changed', { what: 'contacts' });
    await until(() => r.uploads.length === 2, 'the change matched');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(r.uploads).toHaveLength(2);

    // Signed out: not known; a logout forgets the answer.
    r.signOut();
    expect(r.matcher.reachable([B])).toBeNull();
    r.matcher.signedOut(true);
    expect(r.matcher.registered(B)).toBeUndefined();
  });

  it('stays due while the server cannot be reached, without a log line for it, and matches at the next pass online', async () => {
    const r = rig();
    r.options.offline = true;
    r.matcher.signedIn();
    await expect(r.matcher.match()).rejects.toMatchObject({ code: 'unavailable' });
    r.matcher.online();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(r.logged).toEqual([]);
    expect(r.matcher.reachable([B])).toBeNull();

    r.options.offline = false;
    r.matcher.online();
    await until(() => r.uploads.length === 1, 'matched once back');
    expect(r.matcher.reachable([B])).toBe(true);
  });
});
