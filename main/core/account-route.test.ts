import { describe, expect, it } from 'vitest';
import { chooseRoute, RouteRefused, smsOnlyOption, type RouteFacts } from './account-route';

const base: RouteFacts = { via: 'auto', peer: '+491555000020', signedIn: true, registered: true, hasModem: true, smsOnly: undefined };

describe('internet first, SMS as the fallback', () => {
  it('auto: the mailbox for a registered recipient, else SMS with the reason in words', () => {
    expect(chooseRoute(base)).toEqual({ path: 'mailbox', note: null });
    expect(chooseRoute({ ...base, registered: false })).toEqual({
      path: 'modem',
      note: '+491555000020 is not on the mailbox: sent by SMS.',
    });
    expect(chooseRoute({ ...base, registered: undefined }).note).toMatch(/not among the contacts matched with the mailbox/);
    expect(chooseRoute({ ...base, signedIn: false })).toEqual({ path: 'modem', note: 'Not logged in to the mailbox: sent by SMS.' });
    expect(chooseRoute({ ...base, smsOnly: 'a flash SMS' })).toEqual({ path: 'modem', note: 'A flash SMS goes by SMS.' });
  });

  it('without a modem, signed in, an SMS goes from the user’s number through their own station', () => {
    const own = chooseRoute({ ...base, registered: false, hasModem: false });
    expect(own.path).toBe('own-station');
    expect(own.note).toMatch(/not on the mailbox: sent by SMS\. This PC has no modem: .*your own station/);
    expect(chooseRoute({ ...base, via: 'sms', hasModem: false })).toMatchObject({
      path: 'own-station',
      note: expect.stringMatching(/^This PC/),
    });
    // Signed out, the station's own queue waits for a modem, as before.
    expect(chooseRoute({ ...base, via: 'sms', hasModem: false, signedIn: false })).toEqual({ path: 'modem', note: null });
    expect(chooseRoute({ ...base, via: 'sms' })).toEqual({ path: 'modem', note: null });
  });

  it('mailbox: refused in words when signed out or when only an SMS can do what was asked', () => {
    expect(chooseRoute({ ...base, via: 'mailbox', registered: false })).toEqual({ path: 'mailbox', note: null });
    expect(() => chooseRoute({ ...base, via: 'mailbox', signedIn: false })).toThrow(RouteRefused);
    expect(() => chooseRoute({ ...base, via: 'mailbox', smsOnly: 'a message sent later' })).toThrow(
      'A message sent later can only go by SMS.',
    );
  });

  it('names the options only an SMS from this PC can honour', () => {
    expect(smsOnlyOption({})).toBeUndefined();
    expect(smsOnlyOption({ flash: false })).toBeUndefined();
    expect(smsOnlyOption({ flash: true, modemId: 'x' })).toBe('a flash SMS');
    expect(smsOnlyOption({ modemId: '3567' })).toBe('a message from a chosen modem');
    expect(smsOnlyOption({ notBefore: 0 })).toBe('a message sent later');
  });
});
