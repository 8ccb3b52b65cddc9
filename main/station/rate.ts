import type { Archive } from '../archive/index';

/** Waiting that a stop can cut short: rate limits and polling never keep a stopped station alive. */
export function delay(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Default per-modem limit: operators flag SIMs that send faster than a person could (about 6 a minute). */
export const DEFAULT_RATE_PER_MINUTE = 6;

/**
 * A modem's per-minute limit (its own setting, else the station's) and the parts it sent in
 * the last minute, including parts that may have left without an answer (unconfirmed): a
 * part the modem wrote counts whether or not it came back with a TP-MR, or the next part
 * would go out as one too many. The window is the archive's clock, the one that stamps parts.
 */
export function rateOf(archive: Archive, modemId: number, fallback: number): { limit: number; recent: number } {
  return {
    limit: archive.modems.get(modemId)?.ratePerMinute ?? fallback,
    recent: archive.modems.submittedWithin(modemId, 60_000),
  };
}
