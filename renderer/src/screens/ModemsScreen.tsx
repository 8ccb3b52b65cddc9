import { useEvent } from '../hooks';
import { t } from '../i18n';

export function ModemsScreen(): React.JSX.Element {
  const modems = useEvent('modems.changed') ?? [];
  return (
    <main className="modems-screen" aria-labelledby="modems-title">
      <h1 id="modems-title">{t('nav.modems')}</h1>
      <ul>
        {modems.map((m) => (
          <li key={m.id} data-testid="modem">
            {m.manufacturer ?? ''} {m.model ?? ''} — {m.state}
          </li>
        ))}
      </ul>
    </main>
  );
}
