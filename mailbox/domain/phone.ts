import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { MailboxError } from './errors';

/** A phone number in E.164 (`+` and digits), the key of every account. */
export type E164 = string & { readonly __e164: unique symbol };

/** Longest input worth parsing; anything longer is not a phone number. */
const MAX_INPUT = 40;

/**
 * Normalises user input to E.164. Numbers without a country code need `defaultCountry`;
 * numbers that cannot exist (wrong length for their country) are refused, so a typo does not
 * become an account or an SMS to a stranger.
 */
export function normaliseNumber(input: string, defaultCountry?: CountryCode): E164 {
  if (input.length > MAX_INPUT) throw new MailboxError('bad-request', 'That is not a phone number.');
  const key = `${defaultCountry ?? ''}|${input}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const parsed = parsePhoneNumberFromString(input, defaultCountry);
  if (parsed === undefined || !parsed.isPossible()) {
    throw new MailboxError('bad-request', 'That is not a phone number.');
  }
  remember(key, parsed.number as E164);
  return parsed.number as E164;
}

/** The country of an E.164 number, for reading the national numbers its owner writes. */
export function countryOf(number: string): CountryCode | undefined {
  let country = countries.get(number);
  if (country === undefined && !countries.has(number)) {
    country = parsePhoneNumberFromString(number)?.country;
    if (countries.size >= CACHE_SIZE) countries.clear();
    countries.set(number, country);
  }
  return country;
}

/**
 * Parsing a number costs a fifth of a millisecond, as much as the rest of a send; the same
 * few numbers recur all day, so valid results are kept (bounded; refusals are not cached).
 */
const CACHE_SIZE = 10_000;
const cache = new Map<string, E164>();
const countries = new Map<string, CountryCode | undefined>();

function remember(key: string, value: E164): void {
  // Dropping everything at the bound is cruder than LRU and enough: it only costs re-parsing.
  if (cache.size >= CACHE_SIZE) cache.clear();
  cache.set(key, value);
}

/** For numbers that come from the network (a station's upload): same rules, no default country. */
export function tryNormaliseNumber(input: string): E164 | undefined {
  try {
    return normaliseNumber(input);
  } catch {
    return undefined;
  }
}
