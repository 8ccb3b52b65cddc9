import { Value } from '@sinclair/typebox/value';
import { ArchiveError, type Archive, type Message } from '../archive/index';
import {
  calls,
  fail,
  isCallName,
  ok,
  type AppInfo,
  type CallArgs,
  type CallName,
  type CallResult,
  type ConversationPage,
  type ErrorCode,
  type MessageView,
  type Result,
  type SendRequest,
  type StationStatus,
} from '../contract';
import { isStationError, Station, type StationEvent, type StationOptions } from '../station/index';
import { isDriverError } from '../../modem/driver/index';
import { smsOnlyOption } from './account-route';
import { AccountService, type MailboxTimings } from './account-service';
import { memoryAccountTokens, type AccountTokenStore } from './account-tokens';
import { CallError, type AreaHandlers, type CoreContext } from './area';
import { accountHandlers } from './areas/account';
import { archiveHandlers } from './areas/archive-io';
import { contactsHandlers } from './areas/contacts';
import { officeHandlers } from './areas/office';
import { EventHub } from './event-hub';
import { DisposableStore, toDisposable } from './lifecycle';
import { HubError, ModemHub, type ModemHubOptions, type SystemPorts } from './modem-hub';
import type { PinStore } from './pin-store';
import { IncomingNotices } from './notices';
import { parseSmsUri } from './sms-uri';
import { APP_NAME, APP_VERSION } from './version';
import { messageView, searchHit } from './views';

export interface StationCoreOptions {
  /** Which runtime hosts the core; the Electron main process passes its versions. */
  runtime?: { kind: 'electron'; electron: string; chrome: string } | { kind: 'node' };
  /** Where unexpected errors are reported; defaults to stderr. */
  log?: (message: string, err?: unknown) => void;
  /**
   * The archive the station stores into and sends from. Without one the core still lists
   * modems, but stores and sends nothing (and says so in station.status).
   */
  archive?: Archive;
  /** Close the archive when the core is disposed. */
  ownsArchive?: boolean;
  /** Station settings (rate limit, poll interval …). */
  station?: Omit<StationOptions, 'archive' | 'ownsArchive'>;
  /** Look for modems on the serial ports (the desktop app and `smsdesk web` do). */
  systemPorts?: SystemPorts | boolean;
  /** Start the demo (a virtual modem and a handset that answers) at once. */
  demo?: boolean;
  /**
   * Where SIM PINs are remembered when the user asks. The desktop app passes its keychain
   * store (main/electron/pin-store.ts); without one, PINs are never kept.
   */
  pinStore?: PinStore;
  /** How often each modem polls signal and registration, in ms (the driver's default: 30 s). */
  modemPollMs?: number;
  /** The demo network's timings, for tests that send many messages through it; default: the demo's own. */
  demoNetwork?: ModemHubOptions['demoNetwork'];
  /** Lists the system's serial ports for ports.list (tests); default: the OS serial binding. */
  listPorts?: ModemHubOptions['listPorts'];
  /**
   * Where the mailbox session and this station's link token are kept. The desktop app passes
   * its keychain store (main/electron/token-store.ts); default: memory, gone when the core closes.
   */
  tokenStore?: AccountTokenStore;
  /** Shorter mailbox retries and timeouts (tests). */
  mailboxTimings?: MailboxTimings;
}

type Handlers = AreaHandlers<CallName>;

/** How long the unread count waits for more changes before it is counted again. */
const UNREAD_DELAY_MS = 150;

/**
 * The station core: everything SMSDesk does, with no Electron in it. The desktop
 * app, the headless CLI and the web bridge all host this same object and reach it
 * only through `call` and `events`.
 */
export class StationCore {
  readonly events = new EventHub();
  readonly #disposables = new DisposableStore();
  readonly #options: StationCoreOptions;
  readonly #handlers: Handlers;
  readonly #archive: Archive | undefined;
  readonly #station: Station | undefined;
  readonly #hub: ModemHub;
  readonly #account: AccountService;
  #unreadTimer: ReturnType<typeof setTimeout> | undefined;
  /** New incoming messages as notices, for the desktop's notifications (absent without an archive). */
  readonly notices: IncomingNotices | undefined;
  #closing: Promise<void> | undefined;

  constructor(options: StationCoreOptions = {}) {
    this.#options = options;
    this.#archive = options.archive;
    if (this.#archive) {
      this.#station = new Station({ ...options.station, archive: this.#archive });
      this.#disposables.add(this.#station.onEvent((event) => this.#stationEvent(event)));
    }
    this.#hub = new ModemHub({
      station: this.#station,
      changed: () => this.#modemsChanged(),
      trace: (batch) => this.events.emit('modems.trace', batch),
      log: (m, e) => this.#log(m, e),
      ...(options.pinStore ? { pins: options.pinStore } : {}),
      ...(options.modemPollMs !== undefined ? { pollMs: options.modemPollMs } : {}),
      ...(options.listPorts ? { listPorts: options.listPorts } : {}),
      ...(options.demoNetwork ? { demoNetwork: options.demoNetwork } : {}),
    });
    const context: CoreContext = {
      archive: this.#archive,
      station: this.#station,
      hub: this.#hub,
      events: this.events,
      disposables: this.#disposables,
      mustArchive: () => this.#mustArchive(),
      mustStation: () => this.#mustStation(),
      log: (m, e) => this.#log(m, e),
    };
    this.#account = new AccountService({
      archive: this.#archive,
      station: this.#station,
      tokens: options.tokenStore ?? memoryAccountTokens(),
      events: this.events,
      log: (m, e) => this.#log(m, e),
      ...(options.mailboxTimings ? { timings: options.mailboxTimings } : {}),
    });
    this.#handlers = {
      ...officeHandlers(context),
      ...contactsHandlers(context, this.#account),
      ...archiveHandlers(context),
      ...accountHandlers(context, this.#account),
      'app.info': () => this.#appInfo(),
      'station.startDemo': async () => {
        const info = await this.#hub.startDemo();
        this.#emitStatus();
        return info;
      },
      'modems.list': () => this.#hub.summaries(),
      'modems.unlock': async ({ modemId, pin, remember }) => {
        await this.#hub.unlock(modemId, pin, remember ?? false);
        return this.#hub.summary(modemId) ?? this.#mustSummary(modemId);
      },
      'ussd.send': ({ modemId, text }) => this.#hub.ussd(modemId, text),
      'ussd.cancel': async ({ modemId }) => {
        await this.#hub.cancelUssd(modemId);
        return null;
      },
      'modems.signalHistory': ({ modemId }) => this.#hub.signalHistory(modemId),
      'modems.traceLines': ({ modemId, limit }) => this.#hub.traceLines(modemId, limit),
      'modems.at': ({ modemId, command, confirm, timeoutMs }) =>
        this.#hub.at(modemId, command, { confirm: confirm ?? false, ...(timeoutMs !== undefined ? { timeoutMs } : {}) }),
      'modems.pinMemory': ({ modemId }) => this.#hub.pinMemory(modemId),
      'modems.forgetPin': ({ modemId }) => this.#hub.forgetPin(modemId),
      'ports.list': ({ probe }) => this.#hub.ports(probe ?? false),
      'conversations.list': (query): ConversationPage => this.#archive?.conversations.list(query) ?? { items: [], next: null },
      'conversations.markRead': ({ conversationId }) => {
        const archive = this.#mustArchive();
        const conversation = archive.conversations.getByUid(conversationId);
        if (!conversation) throw new CallError('not-found', 'That conversation is not in the archive.');
        // Mailbox messages owe their senders a read receipt (queued while offline).
        this.#account.markConversationRead(conversation.id);
        this.#unreadChanged();
        return null;
      },
      'messages.thread': ({ conversationId, after, limit }) => {
        const archive = this.#mustArchive();
        const conversation = archive.conversations.getByUid(conversationId);
        if (!conversation) throw new CallError('not-found', 'That conversation is not in the archive.');
        const page = archive.messages.thread(conversation.id, { ...(after !== undefined ? { after } : {}), limit: limit ?? 100 });
        return { items: page.items.map((m) => messageView(archive, m, conversation.uid)), next: page.next };
      },
      'messages.send': (request) => this.#send(request),
      'messages.retry': ({ messageId }) => this.#retry(messageId),
      'messages.cancel': ({ messageId }) => {
        const archive = this.#mustArchive();
        const message = this.#mustMessage(messageId);
        if (!archive.outbox.cancel(message.id)) {
          throw new CallError('bad-request', 'This message is already on its way (or done); it can no longer be cancelled.');
        }
        return this.#view(message.id);
      },
      'messages.delete': ({ messageId }) => {
        const archive = this.#mustArchive();
        const message = this.#mustMessage(messageId);
        if (message.status === 'sending' || message.status === 'queued') {
          throw new CallError('bad-request', 'Cancel this message before deleting it: it is waiting to be sent.');
        }
        archive.messages.delete(message.id);
        this.#emitDeleted(message);
        this.#unreadChanged();
        return null;
      },
      'search.messages': ({ text, after, limit }) => {
        const archive = this.#mustArchive();
        const page = archive.search.messages({ text, limit: limit ?? 50, prefixLast: true, ...(after !== undefined ? { after } : {}) });
        return { items: page.items.map(searchHit), next: page.next };
      },
    };
    if (this.#archive) {
      this.notices = this.#disposables.add(new IncomingNotices({ archive: this.#archive, events: this.events }));
      // Whatever changes a message (the station, sync, an import) may change the unread count.
      this.#disposables.add(this.events.subscribe('message.changed', () => this.#unreadChanged()));
      this.#disposables.add(toDisposable(() => clearTimeout(this.#unreadTimer)));
    }
    this.#emitStatus();
    this.events.emit('modems.changed', []);
    if (options.systemPorts) this.#hub.useSystemPorts(options.systemPorts === true ? {} : options.systemPorts);
    if (options.demo) {
      void this.#hub.startDemo().then(
        () => this.#emitStatus(),
        (err: unknown) => this.#log('the demo did not start', err),
      );
    }
  }

  /** The demo's virtual network, for tests and `smsdesk web --demo` scripts. */
  get demoEmulator(): ModemHub['demoEmulator'] {
    return this.#hub.demoEmulator;
  }

  /**
   * Opens the composer on every window with the draft an sms: link carries. The desktop host
   * calls this when the system hands SMSDesk a link (at start-up or while running).
   */
  compose(link: string): void {
    const parsed = parseSmsUri(link);
    const id = (this.events.latest('app.compose')?.id ?? 0) + 1;
    this.events.emit(
      'app.compose',
      parsed.ok
        ? { id, to: [...parsed.value.to], body: parsed.value.body, problem: null }
        : { id, to: [], body: '', problem: parsed.reason },
    );
  }

  /**
   * Shows a conversation on every window: the desktop host calls this when a notification
   * (main/core/notices.ts) is clicked. Returns false, and asks nothing, when the conversation
   * is no longer in the archive (deleted since the notice was shown).
   */
  openConversation(conversationId: string): boolean {
    const conversation = this.#archive?.conversations.summary(conversationId);
    if (!conversation) return false;
    const id = (this.events.latest('app.openConversation')?.id ?? 0) + 1;
    this.events.emit('app.openConversation', { id, conversation });
    return true;
  }

  /** Tells every window a message went, with its conversation's new summary (snippet, unread). */
  #emitDeleted(message: Message): void {
    const archive = this.#mustArchive();
    const uid = archive.conversations.get(message.conversationId)?.uid ?? '';
    this.events.emit('message.deleted', {
      messageId: message.uid,
      conversationId: uid,
      conversation: archive.conversations.summary(uid) ?? null,
    });
  }

  /** The station, when the core has an archive (tests flush it). */
  get station(): Station | undefined {
    return this.#station;
  }

  /**
   * Run one contract call. Arguments come from an untrusted renderer or browser,
   * so they are checked against the contract's schema before any handler sees
   * them; every failure comes back as a Result, never as a thrown error.
   */
  async call(name: unknown, args: unknown): Promise<Result<unknown>> {
    if (this.#disposables.isDisposed || this.#closing) return fail('unavailable', 'SMSDesk is shutting down.');
    if (!isCallName(name)) {
      const shown = typeof name === 'string' ? JSON.stringify(name.slice(0, 80)) : `of type ${typeof name}`;
      return fail('unknown-call', `There is no call named ${shown}.`);
    }
    return this.#dispatch(name, args);
  }

  async #dispatch<K extends CallName>(name: K, args: unknown): Promise<Result<CallResult<K>>> {
    const schema = calls[name].args;
    if (!Value.Check(schema, args)) {
      const first = Value.Errors(schema, args).First();
      const where = first?.path ? ` at ${first.path}` : '';
      return fail('bad-request', `The request for ${name} is not valid${where}: ${first?.message ?? 'unexpected value'}.`);
    }
    try {
      const handler = this.#handlers[name] as (a: CallArgs<K>) => Promise<CallResult<K>> | CallResult<K>;
      return ok(await handler(args as CallArgs<K>));
    } catch (err) {
      const known = knownError(err);
      if (known) return fail(known.code, known.message);
      this.#log(`call ${name} failed`, err);
      return fail('internal', `${name} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** Internet first when asked (`via`): the AccountService decides the path (main/core/account-route.ts). */
  #send(request: SendRequest): MessageView {
    const station = this.#mustStation();
    // Without `via`, as before the mailbox: an SMS queued at this station, whatever else is there.
    if (request.via === undefined) return this.#sendByModem(station, request);
    const route = this.#account.route({
      via: request.via,
      peer: station.archive.addresses.normalise(request.to),
      hasModem: this.#hub.summaries().length > 0,
      smsOnly: smsOnlyOption(request),
    });
    const note = route.note === null ? {} : { routeNote: route.note };
    if (route.path !== 'modem') {
      const sent = this.#account.sendThroughMailbox(request.to, request.text, route.path === 'own-station');
      return { ...messageView(station.archive, sent), ...note };
    }
    return { ...this.#sendByModem(station, request), ...note };
  }

  #sendByModem(station: Station, request: SendRequest): MessageView {
    // The renderer names a modem by its id in modems.list: the IMEI (or, before one is known,
    // the port, which cannot be pinned). The station looks the IMEI up among its SIMs.
    const modem = request.modemId !== undefined ? this.#hub.find(request.modemId) : undefined;
    if (request.modemId !== undefined && !modem?.identity?.imei) {
      throw new CallError('not-found', `There is no modem ${request.modemId} that SMSDesk can send from yet.`);
    }
    const { message } = station.queue({
      to: request.to,
      text: request.text,
      flash: request.flash ?? false,
      ...(request.statusReport !== undefined ? { statusReport: request.statusReport } : {}),
      ...(request.notBefore !== undefined ? { notBefore: request.notBefore } : {}),
      ...(modem?.identity?.imei ? { from: modem.identity.imei } : {}),
    });
    return messageView(station.archive, message);
  }

  #retry(uid: string): MessageView {
    const station = this.#mustStation();
    const message = this.#mustMessage(uid);
    if (message.direction !== 'out' || message.channel !== 'sms') throw new CallError('bad-request', 'Only sent SMS can be sent again.');
    if (message.status === 'unconfirmed') {
      const job = station.archive.outbox.jobForMessage(message.id);
      if (!job) throw new CallError('not-found', 'This message has no send job any more.');
      station.archive.outbox.resendUnconfirmed(job.id);
      void station.flush();
      return this.#view(message.id);
    }
    if (message.status !== 'failed')
      throw new CallError('bad-request', `This message is ${message.status}; only failed or unconfirmed ones are sent again.`);
    // A failed message stays failed (statuses only move forward); the retry is a new copy.
    const { message: copy } = station.queue({ to: message.peer, text: message.body, flash: message.flash });
    return messageView(station.archive, copy);
  }

  #view(id: number): MessageView {
    const archive = this.#mustArchive();
    const message = archive.messages.get(id);
    if (!message) throw new CallError('not-found', 'That message is not in the archive.');
    return messageView(archive, message);
  }

  #mustArchive(): Archive {
    if (!this.#archive) throw new CallError('unavailable', 'This SMSDesk runs without an archive.');
    return this.#archive;
  }

  #mustStation(): Station {
    if (!this.#station) throw new CallError('unavailable', 'This SMSDesk runs without an archive, so it cannot send.');
    return this.#station;
  }

  #mustMessage(uid: string): Message {
    const message = this.#mustArchive().messages.getByUid(uid);
    if (!message) throw new CallError('not-found', 'That message is not in the archive.');
    return message;
  }

  #mustSummary(modemId: string): never {
    throw new CallError('not-found', `The modem ${modemId} went away.`);
  }

  #stationEvent(event: StationEvent): void {
    if (event.kind === 'message-received' || event.kind === 'message-status') {
      if (this.#archive) this.events.emit('message.changed', { message: messageView(this.#archive, event.message) });
    } else if (event.kind === 'log' && event.level !== 'info') {
      this.#log(event.text);
    }
  }

  #modemsChanged(): void {
    this.events.emit('modems.changed', this.#hub.summaries());
    this.#emitStatus();
  }

  /** Counts unread again soon: a burst of a thousand arrivals costs one count, not a thousand. */
  #unreadChanged(): void {
    if (this.#unreadTimer || this.#disposables.isDisposed) return;
    this.#unreadTimer = setTimeout(() => {
      this.#unreadTimer = undefined;
      if (!this.#closing) this.#emitStatus();
    }, UNREAD_DELAY_MS);
  }

  #emitStatus(): void {
    const ready = this.#hub.readyCount();
    const previous = this.events.latest('station.status');
    const next: Omit<StationStatus, 'since'> = {
      state: ready > 0 ? 'ready' : 'no-modem',
      modems: ready,
      demo: this.#hub.demoRunning,
      archive: this.#archive !== undefined,
      unread: this.#archive?.conversations.unreadTotal() ?? 0,
    };
    if (
      previous &&
      previous.state === next.state &&
      previous.modems === next.modems &&
      previous.demo === next.demo &&
      previous.unread === next.unread
    )
      return;
    this.events.emit('station.status', { ...next, since: new Date().toISOString() });
  }

  #appInfo(): AppInfo {
    const rt = this.#options.runtime ?? { kind: 'node' };
    return {
      name: APP_NAME,
      version: APP_VERSION,
      runtime: rt.kind,
      versions: {
        node: globalThis.process?.versions?.node ?? 'unknown',
        electron: rt.kind === 'electron' ? rt.electron : null,
        chrome: rt.kind === 'electron' ? rt.chrome : null,
      },
    };
  }

  #log(message: string, err?: unknown): void {
    (this.#options.log ?? defaultLog)(message, err);
  }

  /** Stops sending (between parts), closes the modems and, when owned, the archive. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      // Sync and the link write into the archive: they end first.
      await this.#account.close();
      await this.#station?.stop();
      await this.#hub.close();
      this.#disposables.dispose();
      if (this.#options.ownsArchive) this.#archive?.close();
    })();
    return this.#closing;
  }

  dispose(): void {
    void this.close();
  }
}

/** Errors whose words are meant for the user: a bad number, a wrong PIN, a missing modem. */
function knownError(err: unknown): { code: ErrorCode; message: string } | undefined {
  if (err instanceof CallError || err instanceof HubError) return { code: err.code, message: err.message };
  if (isStationError(err)) return { code: err.code === 'STATION_STOPPED' ? 'unavailable' : 'bad-request', message: err.message };
  if (isDriverError(err)) return { code: 'bad-request', message: err.message };
  if (err instanceof ArchiveError && ['ARCHIVE_INVALID', 'ARCHIVE_CONFLICT', 'ARCHIVE_QUERY'].includes(err.code)) {
    return { code: 'bad-request', message: err.message };
  }
  if (err instanceof Error && err.name === 'UssdError') return { code: 'bad-request', message: err.message };
  return undefined;
}

function defaultLog(message: string, err?: unknown): void {
  console.error(`[smsdesk] ${message}`, err ?? '');
}
