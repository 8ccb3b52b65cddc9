import type { ConversationPage } from '../../../main/contract';
import type { Loadable } from '../hooks';
import { t } from '../i18n';

export function ConversationList({ page }: { page: Loadable<ConversationPage> }): React.JSX.Element {
  return (
    <nav className="conversations" aria-labelledby="conversations-heading">
      <h2 id="conversations-heading">{t('conversations.heading')}</h2>
      {page.state === 'loading' && <p className="muted">{t('conversations.loading')}</p>}
      {page.state === 'error' && (
        <p role="alert" className="error">
          {t('status.unreachable', { reason: page.error.message })}
        </p>
      )}
      {page.state === 'ready' && page.value.items.length === 0 && (
        <div className="empty" data-testid="conversations-empty">
          <p className="empty-title">{t('conversations.empty.title')}</p>
          <p className="muted">{t('conversations.empty.body')}</p>
        </div>
      )}
      {page.state === 'ready' && page.value.items.length > 0 && (
        <ul className="conversation-items">
          {page.value.items.map((c) => (
            <li key={c.id}>
              <span className="peer">{c.title}</span>
              <span className="snippet">{c.snippet}</span>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}
