/**
 * `sms:` links (RFC 5724), as a browser or another app hands them to SMSDesk when it is the
 * system's handler: `sms:+15105550101?body=hello%20there`, `sms:+15105550101,+15105550102`.
 *
 * Lenient where senders in the wild differ from the RFC (`sms://+49…`, iOS's `&body=` with
 * no `?`, visual separators in numbers), strict where the text is untrusted: sizes are bounded,
 * bad percent-escapes are refused, and the result is only a draft a person still sends.
 */

export interface SmsLink {
  /** Recipients as written in the link, visual separators removed; the composer checks them. */
  readonly to: readonly string[];
  /** The body the link proposes, or '' when it has none. */
  readonly body: string;
}

export type SmsLinkResult = { ok: true; value: SmsLink } | { ok: false; reason: string };

/** A link longer than this is not a draft but an attack on the parser or the composer. */
export const MAX_LINK_LENGTH = 32_768;
/** More recipients than this is a mailing list; bulk send is the place for that. */
export const MAX_RECIPIENTS = 20;
/** RFC 5724 §2.2 visual separators, plus spaces that copy-pasted numbers carry. */
const VISUAL_SEPARATORS = /[-.() \u00a0]/g;
/** What is left of a recipient: an optional +, then digits; or a short alphanumeric address. */
const RECIPIENT = /^\+?[0-9*#]{1,20}$/;

export function parseSmsUri(link: string): SmsLinkResult {
  if (link.length > MAX_LINK_LENGTH) return { ok: false, reason: `The sms: link is too long (${link.length} characters).` };
  const match = /^sms:(?:\/\/)?([^?&]*)(?:[?&](.*))?$/is.exec(link.trim());
  if (!match) return { ok: false, reason: 'This is not an sms: link.' };
  const [, rawRecipients = '', rawQuery = ''] = match;

  const to: string[] = [];
  for (const part of rawRecipients.split(',')) {
    // ";phone-context=…" qualifies a local number (RFC 3966); the composer's default country does that job here.
    const number = decode(part.split(';')[0] ?? '');
    if (number === null) return { ok: false, reason: 'The sms: link has a broken %-escape in its number.' };
    const cleaned = number.replace(VISUAL_SEPARATORS, '');
    if (cleaned === '') continue;
    if (!RECIPIENT.test(cleaned)) return { ok: false, reason: `“${number.slice(0, 40)}” in the sms: link is not a phone number.` };
    to.push(cleaned);
  }
  if (to.length > MAX_RECIPIENTS)
    return { ok: false, reason: `The sms: link names ${to.length} recipients; at most ${MAX_RECIPIENTS} are taken.` };

  let body = '';
  for (const field of rawQuery.split('&')) {
    const eq = field.indexOf('=');
    const name = (eq < 0 ? field : field.slice(0, eq)).toLowerCase();
    if (name !== 'body') continue; // RFC 5724 defines only body; other fields are ignored, as it says.
    // A '+' stays a '+' (RFC 3986 percent-encoding, not HTML form encoding): "1+1=2" survives.
    const value = decode(eq < 0 ? '' : field.slice(eq + 1));
    if (value === null) return { ok: false, reason: 'The sms: link has a broken %-escape in its text.' };
    body = value;
    break;
  }
  return { ok: true, value: { to, body } };
}

function decode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}
