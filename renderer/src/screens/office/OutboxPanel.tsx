/**
 * The open outbox: messages waiting (for a modem, or for their time), being sent, failed or
 * unconfirmed, each with the reason in words. Retry and cancel are the Messages screen's own
 * calls (messages.retry, messages.cancel), so both screens act the same way.
 */
import { useId, useState } from 'react';
import type { OutboxEntry } from '../../../../main/contract';
import { api } from '../../api';
import { formatTime, t } from '../../i18n';
import { errorWords } from './format';
import { useOutbox } from './hooks';

function reason(entry: OutboxEntry): string | null {
  const m = entry.message;
  if (m.statusReason) return m.statusReason;
  if (entry.state === 'unconfirmed') return t('office.outbox.unconfirmedHelp');
  if (entry.lastError) return entry.lastError;
  if (entry.state === 'queued' && Date.parse(entry.notBefore) > Date.now()) {
    return t('office.outbox.notBefore', { time: formatTime(entry.notBefore, { dateStyle: 'medium', timeStyle: 'short' }) });
  }
  return null;
}

export function OutboxPanel(): React.JSX.Element {
  const id = useId();
  const outbox = useOutbox();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const act = async (entry: OutboxEntry, action: 'retry' | 'cancel'): Promise<void> => {
    setBusy(entry.message.id);
    setError(null);
    const r = await api.call(action === 'retry' ? 'messages.retry' : 'messages.cancel', { messageId: entry.message.id });
    setBusy(null);
    if (!r.ok) setError(errorWords(r.error));
    outbox.reload();
  };

  const items = outbox.list?.items;
  return (
    <section className="panel office-outbox" aria-labelledby={`${id}-heading`}>
      <div className="panel-head">
        <h2 id={`${id}-heading`}>{t('office.outbox.heading')}</h2>
        <button type="button" onClick={outbox.reload}>
          {t('office.outbox.refresh')}
        </button>
      </div>
      <p className="muted">{t('office.outbox.intro')}</p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {outbox.error && (
        <p role="alert" className="error">
          {t('common.error', { reason: outbox.error })}
        </p>
      )}
      {!outbox.list && !outbox.error && <p className="muted">{t('office.outbox.loading')}</p>}
      {items?.length === 0 && (
        <p className="muted" data-testid="outbox-empty">
          {t('office.outbox.empty')}
        </p>
      )}
      {items && items.length > 0 && (
        <table className="office-table" data-testid="outbox">
          <thead>
            <tr>
              <th scope="col">{t('office.outbox.to')}</th>
              <th scope="col">{t('office.outbox.text')}</th>
              <th scope="col">{t('office.outbox.status')}</th>
              <th scope="col">{t('office.outbox.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((entry) => {
              const m = entry.message;
              const why = reason(entry);
              return (
                <tr key={m.id} data-testid="outbox-row" data-state={entry.state} data-message-id={m.id}>
                  <th scope="row" className="mono">
                    {m.peer}
                  </th>
                  <td className="office-outbox-text">
                    <span>{m.body}</span>
                    {entry.bulk && <span className="state-badge office-kind">{t('office.outbox.bulk')}</span>}
                  </td>
                  <td>
                    <span className={`state-badge office-job-${entry.state}`} data-testid="outbox-state">
                      {t(`office.outbox.state.${entry.state}`)}
                    </span>
                    {why && <p className="small office-reason">{why}</p>}
                    {entry.attempts > 1 && (
                      <p className="muted small">{t('office.outbox.attempts', { attempts: entry.attempts, max: entry.maxAttempts })}</p>
                    )}
                  </td>
                  <td className="office-actions">
                    {m.canRetry && (
                      <button
                        type="button"
                        disabled={busy === m.id}
                        onClick={() => void act(entry, 'retry')}
                        aria-label={t('office.outbox.retryNamed', { to: m.peer })}
                        data-testid="outbox-retry"
                      >
                        {t('office.outbox.retry')}
                      </button>
                    )}
                    {m.canCancel && (
                      <button
                        type="button"
                        disabled={busy === m.id}
                        onClick={() => void act(entry, 'cancel')}
                        aria-label={t('office.outbox.cancelNamed', { to: m.peer })}
                        data-testid="outbox-cancel"
                      >
                        {t('office.outbox.cancel')}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {outbox.list?.more && <p className="muted small">{t('office.outbox.more', { count: items?.length ?? 0 })}</p>}
    </section>
  );
}
