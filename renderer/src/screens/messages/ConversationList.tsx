import { useCallback } from 'react';
import type { ConversationSummary } from '../../../../main/contract';
import { VirtualListbox } from '../../components/VirtualListbox';
import { refusalText } from '../../api/refusal';
import { t, tn } from '../../i18n';
import type { ConversationsState } from './conversation-feed';
import { channelWords, listTimeWords } from './words';

const ROW_HEIGHT = 64;

export function ConversationList(props: {
  state: ConversationsState;
  openId: string | null;
  now: Date;
  onOpen: (c: ConversationSummary) => void;
  onLoadMore: () => void;
  onRetry: () => void;
}): React.JSX.Element {
  const { state, now } = props;
  const keyOf = useCallback((c: ConversationSummary) => c.id, []);
  // In the order the row shows them, so the name a screen reader speaks contains what a
  // sighted person reads (and voice control can match it): title, time, snippet, channel, unread.
  const label = (c: ConversationSummary): string =>
    [
      c.title,
      listTimeWords(c.lastMessageAt, now),
      c.snippet,
      channelWords(c.channel),
      c.unread > 0 ? tn('conversations.unread', c.unread) : null,
    ]
      .filter((s): s is string => s !== null && s !== '')
      .join(t('conversations.separator'));

  if (state.status === 'loading' && state.items.length === 0) return <p className="pane-note muted">{t('conversations.loading')}</p>;
  if (state.status === 'error' && state.items.length === 0) {
    return (
      <div className="pane-note">
        <p role="alert" className="error">
          {t('conversations.error', { reason: state.error?.message ?? '' })}
        </p>
        <button type="button" onClick={props.onRetry}>
          {t('common.retry')}
        </button>
      </div>
    );
  }
  if (state.items.length === 0) {
    return (
      <div className="empty" data-testid="conversations-empty">
        <p className="empty-title">{t('conversations.empty.title')}</p>
        <p className="muted">{t('conversations.empty.body')}</p>
      </div>
    );
  }
  return (
    <VirtualListbox
      items={state.items}
      keyOf={keyOf}
      label={t('conversations.heading')}
      rowHeight={ROW_HEIGHT}
      selectedKey={props.openId}
      hasMore={state.next !== null}
      onNearEnd={props.onLoadMore}
      onChoose={props.onOpen}
      optionLabel={label}
      idPrefix="conversation"
      className="conversation-list"
      optionTestId="conversation"
      testId="conversation-list"
      renderOption={(c) => (
        // The spaces between the parts (ignored by the grid's layout) keep their words apart
        // in the row's text, which must read as its accessible name does.
        <div className={`conv${c.unread > 0 ? ' is-unread' : ''}`} data-conversation-id={c.id}>
          <span className="conv-title" dir="auto">
            {c.title}
          </span>{' '}
          <time className="conv-time" dateTime={c.lastMessageAt}>
            {listTimeWords(c.lastMessageAt, now)}
          </time>{' '}
          <span className="conv-snippet" dir="auto">
            {c.snippet}
          </span>{' '}
          <span className="conv-marks">
            <span className={`channel-mark channel-${c.channel}`}>{channelWords(c.channel)}</span>{' '}
            {c.unread > 0 && (
              <span className="unread-badge" data-testid="unread">
                {c.unread}
              </span>
            )}
          </span>
        </div>
      )}
      footer={
        <>
          {state.loadingMore && <p className="pane-note muted">{t('conversations.loadingMore')}</p>}
          {state.status === 'ready' && state.error && (
            <p role="alert" className="pane-note error">
              {t('conversations.error', { reason: refusalText(state.error) })}
            </p>
          )}
        </>
      }
    />
  );
}
