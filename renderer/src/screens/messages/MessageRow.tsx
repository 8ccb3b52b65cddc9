import { memo } from 'react';
import type { MessageView } from '../../../../main/contract';
import { t } from '../../i18n';
import { MessageText } from './MessageText';
import { channelWords, clockWords, dayWords, statusWords } from './words';

export type MessageAction = 'copy' | 'delete' | 'retry' | 'cancel';

export interface MessageRowProps {
  readonly message: MessageView;
  /** The local day this message starts (a separator above it), or null. */
  readonly day: string | null;
  /** True for the oldest message when nothing older exists. */
  readonly first: boolean;
  readonly peerTitle: string;
  readonly posinset: number;
  readonly setsize: number;
  readonly active: boolean;
  readonly highlighted: boolean;
  /** In the tab order (one message of the feed is; the others are reached with the arrow keys). */
  readonly tabbable: boolean;
  readonly measureRef: (el: HTMLElement | null) => void;
  readonly onAction: (action: MessageAction, message: MessageView) => void;
  readonly onLink: (url: string) => void;
  readonly onFocusMessage: (id: string) => void;
}

/** Outgoing messages show their status; incoming ones only when something is wrong. */
function showsStatus(m: MessageView): boolean {
  return m.direction === 'out' || m.status === 'incomplete';
}

export const MessageRow = memo(function MessageRow(props: MessageRowProps): React.JSX.Element {
  const { message: m } = props;
  const time = clockWords(m.at);
  const status = statusWords(m);
  const tab = props.tabbable ? 0 : -1;
  const label = m.direction === 'out' ? t('message.fromYou', { time, status }) : t('message.fromPeer', { title: props.peerTitle, time });
  const deletable = m.status !== 'queued' && m.status !== 'sending';
  return (
    <article
      ref={props.measureRef}
      id={`message-${m.id}`}
      className={`msg msg-${m.direction}${props.active ? ' is-active' : ''}${props.highlighted ? ' is-target' : ''}`}
      aria-posinset={props.posinset}
      aria-setsize={props.setsize}
      aria-label={label}
      aria-current={props.highlighted ? 'true' : undefined}
      tabIndex={tab}
      data-testid="message"
      data-message-id={m.id}
      data-status={m.status}
      data-highlighted={props.highlighted ? 'true' : undefined}
      onFocus={(e) => {
        if (e.target === e.currentTarget) props.onFocusMessage(m.id);
      }}
    >
      {props.first && <p className="thread-start muted">{t('thread.start')}</p>}
      {props.day !== null && (
        <h3 className="day-separator">
          <span>{dayWords(props.day)}</span>
        </h3>
      )}
      <div className="msg-line">
        <div className="bubble">
          <p className="msg-body" dir="auto">
            <MessageText text={m.body} onLink={props.onLink} tabIndex={tab} />
          </p>
          <p className="msg-meta">
            {m.flash && <span className="flash-mark">{t('message.flash')}</span>}
            {m.channel === 'mailbox' && (
              <span className="channel-mark channel-mailbox" data-testid="message-channel">
                {channelWords('mailbox')}
              </span>
            )}
            <time dateTime={m.at}>{time}</time>
            {showsStatus(m) && (
              <span className={`msg-status status-${m.status}`} data-testid="message-status">
                {status}
              </span>
            )}
            {m.canRetry && (
              <button
                type="button"
                className="link-button"
                tabIndex={tab}
                onClick={() => props.onAction('retry', m)}
                data-testid="message-retry"
              >
                {t('message.retry')}
              </button>
            )}
            {m.canCancel && (
              <button
                type="button"
                className="link-button"
                tabIndex={tab}
                onClick={() => props.onAction('cancel', m)}
                data-testid="message-cancel"
              >
                {t('message.cancel')}
              </button>
            )}
          </p>
        </div>
        <div className="msg-tools" role="group" aria-label={t('message.actions')}>
          <button type="button" tabIndex={tab} onClick={() => props.onAction('copy', m)} data-testid="message-copy">
            {t('message.copy')}
          </button>
          {deletable && (
            <button type="button" tabIndex={tab} onClick={() => props.onAction('delete', m)} data-testid="message-delete">
              {t('message.delete')}
            </button>
          )}
        </div>
      </div>
    </article>
  );
});
