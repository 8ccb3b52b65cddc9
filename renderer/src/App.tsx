import { useState } from 'react';
import { FirstRun } from './components/FirstRun';
import { Nav, type Section } from './components/Nav';
import { StatusBar } from './components/StatusBar';
import { useCall, useEvent } from './hooks';
import { locale, setLocale, type Locale } from './i18n';
import { AccountScreen } from './screens/AccountScreen';
import { ArchiveScreen } from './screens/ArchiveScreen';
import { ContactsScreen } from './screens/ContactsScreen';
import { MessagesScreen } from './screens/MessagesScreen';
import { ModemsScreen } from './screens/ModemsScreen';
import { OfficeScreen } from './screens/OfficeScreen';

export function App(): React.JSX.Element {
  const [lang, setLang] = useState<Locale>(locale());
  const changeLanguage = (next: Locale): void => {
    setLocale(next);
    setLang(next);
  };
  // Keyed by language: every t() call renders again in the new language.
  return <Shell key={lang} lang={lang} onLanguage={changeLanguage} />;
}

function Shell({ lang, onLanguage }: { lang: Locale; onLanguage: (l: Locale) => void }): React.JSX.Element {
  const info = useCall('app.info', null);
  const status = useEvent('station.status');
  const [section, setSection] = useState<Section>('messages');
  return (
    <div className="app">
      <Nav section={section} onSection={setSection} lang={lang} onLanguage={onLanguage} />
      <div className="screen">
        {status && status.state === 'no-modem' && !status.demo && <FirstRun />}
        {section === 'messages' && <MessagesScreen />}
        {section === 'modems' && <ModemsScreen />}
        {section === 'office' && <OfficeScreen />}
        {section === 'contacts' && <ContactsScreen />}
        {section === 'archive' && <ArchiveScreen />}
        {section === 'account' && <AccountScreen />}
      </div>
      <StatusBar info={info} status={status} />
    </div>
  );
}
