import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { ArchiveError } from './errors';

export type { CountryCode };

/**
 * Turns what a modem, a backup or a person wrote as an SMS address into the one form the
 * archive keys conversations by: E.164 for phone numbers, the text itself for alphanumeric
 * senders (TS 23.040 §9.1.2.5, type-of-number 101) and short codes.
 */
export interface AddressNormaliser {
  normalise(raw: string): string;
  readonly defaultCountry: CountryCode | undefined;
  /** Changes the country national numbers are read in (the "default country" setting). */
  setDefaultCountry(country: CountryCode | undefined): void;
}

/**
 * National numbers shorter than this are short codes ("22333", "1234"): libphonenumber would
 * happily prefix them with the default country, which gives a number nobody can call.
 */
const MIN_NATIONAL_DIGITS = 7;
const CACHE_LIMIT = 50_000;

export function createAddressNormaliser(defaultCountry?: CountryCode): AddressNormaliser {
  // An import sees the same few hundred peers a million times; parsing is the slow part.
  const cache = new Map<string, string>();
  let country = defaultCountry;
  return {
    get defaultCountry() {
      return country;
    },
    setDefaultCountry(next) {
      country = next;
      cache.clear();
    },
    normalise(raw: string): string {
      const hit = cache.get(raw);
      if (hit !== undefined) return hit;
      const value = normaliseAddress(raw, country);
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(raw, value);
      return value;
    },
  };
}

export function normaliseAddress(raw: string, defaultCountry?: CountryCode): string {
  const text = raw.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (text === '') throw new ArchiveError('ARCHIVE_INVALID', 'The address is empty.');
  // Letters make it an alphanumeric sender ("VODAFONE", "DHL Express"); kept as written.
  if (/\p{L}/u.test(text)) return text;
  const compact = text.replace(/[\s\-().,/]/g, '');
  if (!/^(\+|00)?[0-9]+$/.test(compact)) return text; // "*100#", "+49 170 ext 5": not a plain number
  const international = compact.startsWith('+') ? compact : compact.startsWith('00') ? `+${compact.slice(2)}` : null;
  if (international !== null) {
    const parsed = parsePhoneNumberFromString(international);
    return parsed?.isPossible() ? parsed.number : international;
  }
  if (compact.length < MIN_NATIONAL_DIGITS || defaultCountry === undefined) return compact;
  const parsed = parsePhoneNumberFromString(compact, defaultCountry);
  return parsed?.isValid() ? parsed.number : compact;
}
