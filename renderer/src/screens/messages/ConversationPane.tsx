/** One open conversation: its header, thread, composer, and what the user does with messages. */
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { MessageView, ModemSummary } from '../../../../main/contract';
import { api } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { refusalText } from '../../api/refusal';
import { t } from '../../i18n';
import { Composer } from './Composer';
import { useEventHandler } from './events';
import type { MessageAction } from './MessageRow';
import { openExternalLink } from './open-link';
import { ThreadFeed } from './ThreadFeed';
import { ThreadStore } from './thread-store';
import { canReply, channelWords } from './words';

export interface OpenConversation {
  readonly id: string;
  readonly peer: string;
  readonly title: string;
  readonly channel: 'sms' | 'mailbox' | null;
}

type Pending = { kind: 'delete'; message: MessageView } | { kind: 'link'; url: string };
type Notice = { text: string; error: boolean } | null;

function visible(): boolean {
  return document.visibilityState === 'visible';
}

export function ConversationPane(props: {
  conversation: OpenConversation;
  /** A message to show (a search hit); a new object asks again. */
  target: { messageId: string } | null;
  modems: readonly ModemSummary[];
  /** The conversation was marked read in the archive. */
  onRead: (conversationId: string) => void;
  /** The new-message form's word on the message that opened this conversation. */
  sentNote?: string;
  /** Signed in to a mailbox account: the composer offers the internet. */
  mailbox: boolean;
}): React.JSX.Element {
  const { conversation, target, onRead } = props;
  const store = useMemo(() => new ThreadStore(api, conversation.id), [conversation.id]);
  const state = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const [pending, setPending] = useState<Pending | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [announcement, setAnnouncement] = useState('');

  const markRead = useCallback(() => {
    void api.call('conversations.markRead', { conversationId: conversation.id }).then((r) => {
      if (r.ok) onRead(conversation.id);
    });
  }, [conversation.id, onRead]);

  useEffect(() => {
    void store.start();
    if (visible()) markRead();
    const onVisible = (): void => {
      if (visible()) markRead();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      store.stop();
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [store, markRead]);

  useEffect(() => {
    if (target) void store.find(target.messageId);
  }, [store, target]);

  useEventHandler('message.changed', ({ message }) => {
    const before = store.getSnapshot();
    store.onMessage(message);
    if (message.conversationId !== conversation.id || message.direction !== 'in' || before.status !== 'ready') return;
    // Only a message newer than the thread is news (an event can be a replay of an old one).
    const newest = before.messages[before.messages.length - 1];
    if (before.messages.some((m) => m.id === message.id) || (newest !== undefined && message.at < newest.at)) return;
    setAnnouncement(t('thread.newIncoming', { title: conversation.title, text: message.body.slice(0, 140) }));
    if (visible()) markRead();
  });

  // A message deleted in any window (this one included) leaves the thread.
  useEventHandler('message.deleted', ({ messageId }) => store.removed(messageId));

  const onAction = useCallback(
    (action: MessageAction, m: MessageView) => {
      const failed = (reason: string): void => setNotice({ text: t('message.actionFailed', { reason }), error: true });
      switch (action) {
        case 'copy':
          navigator.clipboard.writeText(m.body).then(
            () => setNotice({ text: t('message.copied'), error: false }),
            (err: unknown) =>
              setNotice({ text: t('message.copyFailed', { reason: err instanceof Error ? err.message : String(err) }), error: true }),
          );
          return;
        case 'delete':
          setPending({ kind: 'delete', message: m });
          return;
        case 'retry':
          void api.call('messages.retry', { messageId: m.id }).then((r) => (r.ok ? store.added(r.value) : failed(refusalText(r.error))));
          return;
        case 'cancel':
          void api
            .call('messages.cancel', { messageId: m.id })
            .then((r) => (r.ok ? store.onMessage(r.value) : failed(refusalText(r.error))));
          return;
      }
    },
    [store],
  );

  const onLink = useCallback((url: string) => setPending({ kind: 'link', url }), []);

  const confirm = async (): Promise<void> => {
    const p = pending;
    setPending(null);
    if (!p) return;
    if (p.kind === 'link') {
      if (!openExternalLink(p.url)) setNotice({ text: t('link.refused'), error: true });
      return;
    }
    const r = await api.call('messages.delete', { messageId: p.message.id });
    if (r.ok) {
      store.removed(p.message.id);
      setNotice({ text: t('message.deleted'), error: false });
    } else setNotice({ text: t('message.actionFailed', { reason: refusalText(r.error) }), error: true });
  };

  const channel = conversation.channel ?? state.messages[0]?.channel ?? null;
  return (
    <section
      className="conversation-pane"
      aria-labelledby="thread-title"
      data-testid="conversation-pane"
      data-conversation-id={conversation.id}
    >
      <header className="thread-head">
        <h2 id="thread-title" dir="auto">
          {conversation.title}
        </h2>
        {conversation.peer !== conversation.title && <span className="thread-peer muted">{conversation.peer}</span>}
        {channel && <span className={`channel-mark channel-${channel}`}>{channelWords(channel)}</span>}
      </header>
      <ThreadFeed store={store} state={state} title={conversation.title} onAction={onAction} onLink={onLink} />
      {notice && (
        <p role={notice.error ? 'alert' : 'status'} className={`pane-notice${notice.error ? ' error' : ''}`} data-testid="thread-notice">
          {notice.text}
          <button type="button" className="link-button" onClick={() => setNotice(null)}>
            {t('common.close')}
          </button>
        </p>
      )}
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
      {canReply(conversation.peer) ? (
        <Composer
          key={conversation.id}
          to={conversation.peer}
          draft={{ conversationId: conversation.id }}
          modems={props.modems}
          mailbox={props.mailbox}
          onSent={(m) => store.added(m)}
          {...(props.sentNote !== undefined ? { note: props.sentNote } : {})}
        />
      ) : (
        <p className="composer-none muted" data-testid="no-reply">
          {t('composer.noReply', { name: conversation.peer })}
        </p>
      )}
      {pending?.kind === 'delete' && (
        <ConfirmDialog
          title={t('message.deleteTitle')}
          body={t('message.deleteBody')}
          detail={pending.message.body.slice(0, 200)}
          confirmLabel={t('message.delete')}
          danger
          onConfirm={() => void confirm()}
          onCancel={() => setPending(null)}
        />
      )}
      {pending?.kind === 'link' && (
        <ConfirmDialog
          title={t('link.title')}
          body={t('link.body')}
          detail={pending.url}
          confirmLabel={t('link.open')}
          onConfirm={() => void confirm()}
          onCancel={() => setPending(null)}
        />
      )}
    </section>
  );
}
