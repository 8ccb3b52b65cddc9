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
