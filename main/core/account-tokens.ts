/**
 * Where the mailbox secrets live between runs: this device's session (the MailboxClient's
 * TokenStore) and, when this station is linked as the account's own, the station's token.
 * The desktop app keeps both encrypted by the OS keychain (main/electron/token-store.ts);
 * the CLI, `smsdesk web` and tests keep them in memory.
 */
import type { StoredSession, TokenStore } from '../sync/index';

/** This station's link as the account's own station. */
export interface StoredLink {
  /** The station token the server gave once; a secret. */
  readonly token: string;
  readonly stationId: number;
  readonly name: string;
  /** The server it belongs to: a link is only used against that server. */
  readonly server: string;
}

export interface AccountTokenStore extends TokenStore {
  /** False when the secrets are only held in memory: the session lasts until SMSDesk closes. */
  readonly persistent: boolean;
  loadLink(): Promise<StoredLink | undefined>;
  saveLink(link: StoredLink): Promise<void>;
  clearLink(): Promise<void>;
}

/** Secrets in memory only (tests, the CLI, `smsdesk web`, a desktop without a keychain). */
export function memoryAccountTokens(initial: { session?: StoredSession; link?: StoredLink } = {}): AccountTokenStore {
  let session = initial.session;
  let link = initial.link;
  return {
    persistent: false,
    load: async () => session,
    save: async (s) => {
      session = s;
    },
    clear: async () => {
      session = undefined;
    },
    loadLink: async () => link,
    saveLink: async (l) => {
      link = l;
    },
    clearLink: async () => {
      link = undefined;
    },
  };
}
