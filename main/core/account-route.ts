/**
 * Internet first, SMS as the fallback (ARCHITECTURE.md): how one message from the composer
 * travels. A pure decision on what the core knows at the moment of sending, so every branch
 * and its words are tested without a server.
 */
import type { SendRequest } from '../contract';

export type SendVia = NonNullable<SendRequest['via']>;

/**
 * mailbox: over the internet (SyncEngine.send); own-station: an SMS from the user's number
 * through their linked station (the mailbox passes it on); modem: this PC's own station.
 */
export type RoutePath = 'mailbox' | 'own-station' | 'modem';

export interface Route {
  readonly path: RoutePath;
  /** Why not the mailbox (for `auto`), or that the user's own station sends it; null when nothing needs saying. */
  readonly note: string | null;
}

export interface RouteFacts {
  readonly via: SendVia;
  /** The recipient in the archive's form (E.164 for numbers). */
  readonly peer: string;
  /** Signed in to the mailbox (sync is running, online or not). */
  readonly signedIn: boolean;
  /** What the mailbox said of the recipient at the last phone-book match; undefined: never asked. */
  readonly registered: boolean | undefined;
  /** This PC has a modem (ready or on its way: its queue waits for it). */
  readonly hasModem: boolean;
  /** Options only an SMS from this PC's modem can honour, in words ("a flash SMS"), if any was asked for. */
  readonly smsOnly: string | undefined;
}

/** The option of a send request that only this PC's modem can honour, in words; undefined if none. */
export function smsOnlyOption(request: Pick<SendRequest, 'flash' | 'modemId' | 'notBefore'>): string | undefined {
  if (request.flash === true) return 'a flash SMS';
  if (request.modemId !== undefined) return 'a message from a chosen modem';
  // The mailbox has no "send later": it delivers at once.
  if (request.notBefore !== undefined) return 'a message sent later';
  return undefined;
}

/** A refusal the caller words to the person: the request cannot travel the way it asks. */
export class RouteRefused extends Error {}

export function chooseRoute(f: RouteFacts): Route {
  switch (f.via) {
    case 'mailbox':
      if (!f.signedIn) throw new RouteRefused('Log in to the mailbox to send over the internet.');
      if (f.smsOnly !== undefined) throw new RouteRefused(`${capital(f.smsOnly)} can only go by SMS.`);
      return { path: 'mailbox', note: null };
    case 'sms':
      return smsRoute(f, null);
    case 'auto': {
      if (f.smsOnly !== undefined) return smsRoute(f, `${capital(f.smsOnly)} goes by SMS.`);
      if (!f.signedIn) return smsRoute(f, 'Not logged in to the mailbox: sent by SMS.');
      if (f.registered === true) return { path: 'mailbox', note: null };
      if (f.registered === false) return smsRoute(f, `${f.peer} is not on the mailbox: sent by SMS.`);
      // Only the phone book is matched with the server: it learns no number the person did not keep.
      return smsRoute(f, `${f.peer} is not among the contacts matched with the mailbox: sent by SMS.`);
    }
  }
}

/** By SMS: this PC's modem when it has one; else, signed in, from the user's number through their own station. */
function smsRoute(f: RouteFacts, why: string | null): Route {
  if (f.hasModem || !f.signedIn || f.smsOnly !== undefined) return { path: 'modem', note: why };
  const own = 'This PC has no modem: it goes from your number through your own station.';
  return { path: 'own-station', note: why === null ? own : `${why} ${own}` };
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
