import { LOCALE_NAMES, LOCALES, t, type Locale } from '../i18n';
import { sectionShortcut } from '../shortcuts';

export type Section = 'messages' | 'modems' | 'office' | 'contacts' | 'archive' | 'account';
/** The sections in the order the nav shows them (and Alt+1… picks them). */
export const SECTIONS: readonly Section[] = ['messages', 'modems', 'office', 'contacts', 'archive', 'account'];

export function Nav(props: {
  section: Section;
  onSection: (s: Section) => void;
  lang: Locale;
  onLanguage: (l: Locale) => void;
}): React.JSX.Element {
  return (
    <nav className="nav" aria-label={t('nav.label')}>
      <p className="nav-title">{t('app.title')}</p>
      <ul>
        {SECTIONS.map((s) => (
          <li key={s}>
            <button
              type="button"
              className="nav-item"
              aria-current={props.section === s ? 'page' : undefined}
              onClick={() => props.onSection(s)}
              aria-keyshortcuts={sectionShortcut(s)}
              data-testid={`nav-${s}`}
            >
              {t(`nav.${s}`)}
            </button>
          </li>
        ))}
      </ul>
      <label className="nav-language">
        <span>{t('nav.language')}</span>
        <select value={props.lang} onChange={(e) => props.onLanguage(e.target.value as Locale)} data-testid="language">
          {LOCALES.map((l) => (
            <option key={l} value={l}>
              {LOCALE_NAMES[l]}
            </option>
          ))}
        </select>
      </label>
    </nav>
  );
}
