import { t } from '../i18n';

/** A section whose screen is not built yet says so plainly. */
export function PlaceholderScreen({ title }: { title: string }): React.JSX.Element {
  return (
    <main className="placeholder" aria-labelledby="placeholder-title">
      <h1 id="placeholder-title">{title}</h1>
      <p className="muted">{t('common.soon')}</p>
    </main>
  );
}
