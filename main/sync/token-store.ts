/**
 * Where a device session lives between runs. The caller decides: the desktop app keeps it
 * encrypted with Electron's safeStorage, tests keep it in memory. The client only ever loads,
 * saves and clears it.
 */
export interface StoredSession {
  /** The bearer token; a secret. */
  readonly token: string;
  /** This device's id in the account's device list. */
  readonly sessionId: number;
  /** The account's number, E.164. */
  readonly number: string;
}

export interface TokenStore {
  load(): Promise<StoredSession | undefined>;
  save(session: StoredSession): Promise<void>;
  clear(): Promise<void>;
}

/** A token store that forgets everything when the process ends (tests, one-off tools). */
export function memoryTokenStore(initial?: StoredSession): TokenStore {
  let current = initial;
  return {
    load: async () => current,
    save: async (session) => {
      current = session;
    },
    clear: async () => {
      current = undefined;
    },
  };
}
