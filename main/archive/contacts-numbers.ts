/**
 * Whether a number a person typed into a contact can be texted, and its archive form. An
 * import keeps whatever a phone book held (the normaliser's rules), but a number typed by
 * hand is checked: a typo caught here is an SMS that is not lost later.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { AddressNormaliser, CountryCode } from './address';
import { ArchiveError } from './errors';

/**
 * An alphanumeric sender (TS 23.040 §9.1.2.5) holds at most 11 GSM characters; a longer text
 * with letters is not an address a modem can reach or be reached from.
 */
const MAX_SENDER_NAME = 11;
/** Short codes ("22333", "1234") have fewer digits than any national number; see address.ts. */
const MAX_SHORT_CODE = 6;

function countryName(country: CountryCode): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'region' }).of(country) ?? country;
  } catch {
    return country;
  }
}

/**
 * The archive form of a contact's number: E.164 for phone numbers, the digits of a short
 * code, or an alphanumeric sender name as written. Anything else is an ArchiveError
 * ('ARCHIVE_INVALID') whose message says, in words, what is wrong with it.
 */
export function checkContactNumber(raw: string, addresses: AddressNormaliser): string {
  const text = raw.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (text === '') throw new ArchiveError('ARCHIVE_INVALID', 'The number is empty.');
  if (/\p{L}/u.test(text)) {
    if (Array.from(text).length <= MAX_SENDER_NAME) return addresses.normalise(text);
    throw new ArchiveError(
      'ARCHIVE_INVALID',
      `“${text}” is not a phone number: a number has only digits (and a + in front), and a sender name has at most ${MAX_SENDER_NAME} characters.`,
    );
  }
  const compact = text.replace(/[\s\-().,/]/g, '');
  if (!/^(\+|00)?[0-9]+$/.test(compact)) {
    throw new ArchiveError('ARCHIVE_INVALID', `“${text}” is not a phone number: use only digits, spaces and a + in front.`);
  }
  if (/^[1-9][0-9]*$/.test(compact) && compact.length <= MAX_SHORT_CODE) return compact;
  const address = addresses.normalise(text);
  if (address.startsWith('+')) {
    if (parsePhoneNumberFromString(address)?.isValid()) return address;
    throw new ArchiveError('ARCHIVE_INVALID', `“${text}” is not a valid phone number: check the country code and the number of digits.`);
  }
  const country = addresses.defaultCountry;
  if (country === undefined) {
    throw new ArchiveError(
      'ARCHIVE_INVALID',
      `“${text}” needs its country code (like +49 170 1234567): SMSDesk has no home country to read it in.`,
    );
  }
  throw new ArchiveError('ARCHIVE_INVALID', `“${text}” is not a valid phone number in ${countryName(country)}.`);
}
