import type { Database } from 'better-sqlite3';
import type { Disposable } from '../core/lifecycle';
import { createAddressNormaliser, type AddressNormaliser, type CountryCode } from './address';
import { BulkJobStore } from './bulk-jobs';
import { ContactStore } from './contacts';
import { ConversationStore } from './conversations';
import { openDatabase, type OpenDatabaseOptions } from './db';
import { EventLog } from './events';
import { GroupStore } from './groups';
import { InboxStore } from './inbox';
import { LeaseStore } from './leases';
import { MessageStore } from './messages';
import type { StoreContext } from './model';
import { ModemStore } from './modems';
import { OutboxStore } from './outbox';
import { StatusReports } from './reports';
import { RuleStore } from './rules';
import { SearchStore } from './search';
import { SettingsStore } from './settings';

export interface OpenArchiveOptions extends OpenDatabaseOptions {
  /**
   * Country national numbers are read in ("0170 …" → +49170…). Saved in the archive; when
   * absent, the saved setting is used.
   */
  defaultCountry?: CountryCode;
  /** Clock for tests. */
  now?: () => number;
}

const DEFAULT_COUNTRY_KEY = 'default-country';

/**
 * An open archive: one connection and one store per entity. It is a Disposable; whoever
 * opens it closes it.
 */
export interface Archive extends Disposable {
  readonly db: Database;
  readonly addresses: AddressNormaliser;
  readonly settings: SettingsStore;
  readonly modems: ModemStore;
  readonly leases: LeaseStore;
  readonly conversations: ConversationStore;
  readonly messages: MessageStore;
  readonly inbox: InboxStore;
  readonly outbox: OutboxStore;
  readonly reports: StatusReports;
  readonly contacts: ContactStore;
  readonly groups: GroupStore;
  readonly events: EventLog;
  readonly search: SearchStore;
  readonly bulkJobs: BulkJobStore;
  readonly rules: RuleStore;
  /** Saves the default country and uses it for addresses from now on. */
  setDefaultCountry(country: CountryCode | undefined): void;
  close(): void;
}

export function openArchive(file: string, options: OpenArchiveOptions = {}): Archive {
  const db = openDatabase(file, options);
  const ctx: StoreContext = { db, now: options.now ?? Date.now };
  const settings = new SettingsStore(ctx);
  if (options.defaultCountry !== undefined) settings.set(DEFAULT_COUNTRY_KEY, options.defaultCountry);
  const addresses = createAddressNormaliser(settings.get(DEFAULT_COUNTRY_KEY) as CountryCode | undefined);
  const events = new EventLog(ctx);
  const conversations = new ConversationStore(ctx);
  const messages = new MessageStore(ctx, addresses, conversations, events);
  const groups = new GroupStore(ctx);
  const outbox = new OutboxStore(ctx, addresses, messages, events);
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    // Folds the WAL back so the file alone is a complete archive (e.g. for a backup copy).
    try {
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
  };
  return {
    db,
    addresses,
    settings,
    modems: new ModemStore(ctx, addresses),
    leases: new LeaseStore(ctx),
    conversations,
    messages,
    inbox: new InboxStore(ctx, addresses, messages, events),
    outbox,
    reports: new StatusReports(ctx, addresses, messages, events),
    contacts: new ContactStore(ctx, addresses, groups),
    groups,
    events,
    search: new SearchStore(ctx),
    bulkJobs: new BulkJobStore(ctx, addresses, messages, outbox),
    rules: new RuleStore(ctx, addresses, outbox),
    setDefaultCountry(country) {
      settings.set(DEFAULT_COUNTRY_KEY, country ?? null);
      addresses.setDefaultCountry(country);
    },
    close,
    dispose: close,
  };
}
