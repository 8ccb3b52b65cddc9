/** What the crash test's three processes (scripts/crash-test*.ts) agree on. */

export const CRASH_MODEM_NUMBER = '+4915550000001';

/** Handset k's number: one per peer, so each outgoing message has a recipient of its own. */
export function handsetNumber(k: number): string {
  return `+49155501${String(k).padStart(4, '0')}`;
}

/** The network process's first line on stdout. */
export interface NetworkReady {
  control: string;
  /** The pty of the modem's notices port. */
  port: string;
  msisdn: string;
  handsets: string[];
}

/** Lines the station process prints, one JSON object each. */
export type StationLine = { kind: 'ready'; imei: string } | { kind: 'log'; level: string; text: string } | { kind: 'stopped' };

/**
 * Station timings of the test: the real defaults scaled down so a crash is recovered in
 * seconds. A claim must outlast the slowest send of one message (at most 6 parts here, about
 * 0.3 s each), and the lease of the killed station must run out before its successor sends.
 */
export const STATION_TIMING = {
  pollMs: 200,
  claimMs: 6_000,
  leaseMs: 3_000,
  ratePerMinute: 600,
  retryDelayMs: 1_000,
  modemPollMs: 2_000,
} as const;
