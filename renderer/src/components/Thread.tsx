import { t } from '../i18n';

export function Thread(): React.JSX.Element {
  return (
    <main className="thread" aria-label="Thread">
      <div className="empty" data-testid="thread-empty">
        <p className="empty-title">{t('thread.empty.title')}</p>
        <p className="muted">{t('thread.empty.body')}</p>
      </div>
    </main>
  );
}
