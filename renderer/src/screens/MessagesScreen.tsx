/**
 * The Messages screen: conversations (or search results) on the left, the open conversation
 * or a new message on the right.
 */
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { ConversationSummary, MessageView, ModemSummary, SearchHit } from '../../../main/contract';
import { api } from '../api';
import { t } from '../i18n';
import { Composer } from './messages/Composer';
import { ConversationFeed } from './messages/conversation-feed';
import { ConversationList } from './messages/ConversationList';
import { ConversationPane, type OpenConversation } from './messages/ConversationPane';
import { useEventHandler } from './messages/events';
import { SearchResults } from './messages/SearchResults';
import { SearchStore } from './messages/search-store';
import { useAccount } from './account/useAccount';

type View =
  | { kind: 'none' }
  | { kind: 'new'; draft: Draft | null }
  | {
      kind: 'conversation';
      conversation: OpenConversation;
      target: { messageId: string } | null;
      /** What the new-message form said of the message it just sent (which way it went), shown on. */
      sentNote?: string;
    };

/** A new message to open with: from an sms: link or the "new message" shortcut. `key` makes each one fresh. */
export interface Draft {
  readonly key: number;
  readonly to: string;
  readonly text: string;
  /** Said above the composer: why the link could not be read, or that it named several numbers. */
  readonly note: string | null;
}

/** What the frame asks of this screen: open a draft, put the cursor in search, or show a conversation (a notification's click). */
export type MessagesCommand =
  { kind: 'draft'; draft: Draft } | { kind: 'search'; key: number } | { kind: 'open'; key: number; conversation: ConversationSummary };

function openOf(c: ConversationSummary): OpenConversation {
  return { id: c.id, peer: c.peer, title: c.title, channel: c.channel };
}

/** The modems to send from: listed once, then kept current by `modems.changed`. */
function useModems(): readonly ModemSummary[] {
  const [modems, setModems] = useState<readonly ModemSummary[] | null>(null);
  useEffect(() => {
    let live = true;
    void api.call('modems.list', null).then((r) => {
      if (live && r.ok) setModems((current) => current ?? r.value);
    });
    return () => {
      live = false;
    };
  }, []);
  useEventHandler('modems.changed', setModems);
  return modems ?? [];
}

/** The current time, a minute at a time (for "Yesterday" and times of day in the lists). */
function useMinuteClock(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function MessagesScreen({
  command,
  onCommandDone,
}: {
  command?: MessagesCommand | null;
  /** Called once the command is acted on, so coming back to this screen does not repeat it. */
  onCommandDone?: () => void;
}): React.JSX.Element {
  const feed = useMemo(() => new ConversationFeed(api), []);
  const conversations = useSyncExternalStore(feed.subscribe, feed.getSnapshot);
  const search = useMemo(() => new SearchStore(api), []);
  // Asked once for the screen, not by every composer as conversations open.
  const { status: account } = useAccount();
  const mailbox = account !== undefined && account.state !== 'signed-out';
  const results = useSyncExternalStore(search.subscribe, search.getSnapshot);
  const [query, setQuery] = useState('');
  const [view, setView] = useState<View>({ kind: 'none' });
  const modems = useModems();
  const now = useMinuteClock();
  const searchRef = useRef<HTMLInputElement>(null);
  const threadRef = useRef<HTMLElement>(null);

  useEffect(() => {
    void feed.start();
    return () => feed.stop();
  }, [feed]);
  useEffect(() => () => search.stop(), [search]);
  useEventHandler('message.changed', ({ message }) => feed.onMessage(message));
  useEventHandler('message.deleted', (deleted) => {
    feed.onDeleted(deleted);
    search.removed(deleted.messageId);
  });

  const openId = view.kind === 'conversation' ? view.conversation.id : null;
  useEffect(() => feed.setOpen(openId), [feed, openId]);

  const open = useCallback((c: ConversationSummary) => {
    setView({ kind: 'conversation', conversation: openOf(c), target: null });
  }, []);

  const openHit = useCallback((hit: SearchHit) => {
    setView({
      kind: 'conversation',
      conversation: { id: hit.conversationId, peer: hit.peer, title: hit.title, channel: null },
      target: { messageId: hit.messageId },
    });
  }, []);

  const sentNew = useCallback((m: MessageView, note: string) => {
    setView({
      kind: 'conversation',
      conversation: { id: m.conversationId, peer: m.peer, title: m.peer, channel: m.channel },
      target: null,
      sentNote: note,
    });
  }, []);

  // The frame's commands arrive as props; each is acted on once (by its key): the view is
  // adjusted while rendering (React's pattern for state that follows a prop), the focus after.
  const commandKey = command ? (command.kind === 'draft' ? command.draft.key : command.key) : 0;
  const [handledKey, setHandledKey] = useState(0);
  if (command && commandKey !== handledKey) {
    setHandledKey(commandKey);
    if (command.kind === 'draft') setView({ kind: 'new', draft: command.draft });
    else if (command.kind === 'open') setView({ kind: 'conversation', conversation: openOf(command.conversation), target: null });
  }
  useEffect(() => {
    if (!command) return;
    if (command.kind === 'search') searchRef.current?.focus();
    // Whoever clicked a notification came to answer it: the cursor goes to the reply box.
    if (command.kind === 'open') threadRef.current?.querySelector<HTMLElement>('.conversation-pane textarea')?.focus();
    onCommandDone?.();
  }, [command, onCommandDone]);

  const onRead = useCallback((id: string) => feed.markedRead(id), [feed]);
  const loadMore = useCallback(() => void feed.loadMore(), [feed]);
  const loadMoreHits = useCallback(() => void search.loadMore(), [search]);

  // The open conversation's header follows the list (a contact's name, a mailbox channel).
  let shown: OpenConversation | null = null;
  if (view.kind === 'conversation') {
    const summary = conversations.items.find((c) => c.id === view.conversation.id);
    shown = summary ? openOf(summary) : view.conversation;
  }

  const searching = query.trim() !== '';
  return (
    <div className="messages-screen">
      <nav className="conversations" aria-labelledby="conversations-heading">
        <div className="conversations-head">
          <h2 id="conversations-heading">{t('conversations.heading')}</h2>
          <button
            type="button"
            className="primary"
            onClick={() => setView({ kind: 'new', draft: null })}
            aria-keyshortcuts="Alt+N"
            data-testid="new-message"
          >
            {t('conversations.new')}
          </button>
        </div>
        <div role="search" className="search-box">
          <input
            ref={searchRef}
            type="search"
            aria-label={t('search.label')}
            aria-keyshortcuts="Control+K"
            placeholder={t('search.placeholder')}
            value={query}
            maxLength={200}
            onChange={(e) => {
              setQuery(e.target.value);
              search.setText(e.target.value);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') search.setText(query, true);
              else if (e.key === 'Escape' && query !== '') {
                e.preventDefault();
                setQuery('');
                search.setText('');
              } else if (e.key === 'ArrowDown') {
                const list = e.currentTarget.closest('.conversations')?.querySelector<HTMLElement>('[role="listbox"]');
                if (list) {
                  e.preventDefault();
                  list.focus();
                }
              }
            }}
            data-testid="search"
          />
        </div>
        {searching ? (
          <SearchResults
            state={results}
            selectedId={view.kind === 'conversation' ? (view.target?.messageId ?? null) : null}
            now={now}
            onOpen={openHit}
            onLoadMore={loadMoreHits}
          />
        ) : (
          <ConversationList
            state={conversations}
            openId={openId}
            now={now}
            onOpen={open}
            onLoadMore={loadMore}
            onRetry={() => void feed.start()}
          />
        )}
      </nav>
      <main className="thread" aria-label={t('thread.label')} ref={threadRef}>
        {view.kind === 'none' && (
          <div className="empty" data-testid="thread-empty">
            <p className="empty-title">{t('thread.empty.title')}</p>
            <p className="muted">{t('thread.empty.body')}</p>
          </div>
        )}
        {view.kind === 'new' && (
          <section className="conversation-pane new-message" aria-labelledby="new-message-title">
            <header className="thread-head">
              <h2 id="new-message-title">{t('composer.newTitle')}</h2>
            </header>
            <div className="thread-body">
              {view.draft?.note && (
                <p className="draft-note" role="status" data-testid="draft-note">
                  {view.draft.note}
                </p>
              )}
            </div>
            <Composer
              key={view.draft?.key ?? 0}
              modems={modems}
              mailbox={mailbox}
              onSent={sentNew}
              draft="new"
              autoFocus
              {...(view.draft ? { initial: { to: view.draft.to, text: view.draft.text } } : {})}
            />
          </section>
        )}
        {shown && view.kind === 'conversation' && (
          <ConversationPane
            key={shown.id}
            conversation={shown}
            target={view.target}
            modems={modems}
            mailbox={mailbox}
            onRead={onRead}
            {...(view.sentNote !== undefined ? { sentNote: view.sentNote } : {})}
          />
        )}
      </main>
    </div>
  );
}
