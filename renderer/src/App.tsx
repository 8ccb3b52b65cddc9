import { useCallback, useEffect, useRef, useState } from 'react';
import type { ComposeIntent } from '../../main/contract';
import { FirstRun } from './components/FirstRun';
import { Nav, type Section } from './components/Nav';
import { StatusBar } from './components/StatusBar';
import { useCall, useEvent, useEventHandler } from './hooks';
import { locale, setLocale, t, tn, type Locale } from './i18n';
import { AccountScreen } from './screens/AccountScreen';
import { ArchiveScreen } from './screens/ArchiveScreen';
import { ContactsScreen } from './screens/ContactsScreen';
import { MessagesScreen, type Draft, type MessagesCommand } from './screens/MessagesScreen';
import { ModemsScreen } from './screens/ModemsScreen';
import { OfficeScreen } from './screens/OfficeScreen';
import { shortcutFor } from './shortcuts';

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
  const [command, setCommand] = useState<MessagesCommand | null>(null);
  const commandKey = useRef(0);
  const toMessages = useCallback((next: (key: number) => MessagesCommand): void => {
    setSection('messages');
    setCommand(next(++commandKey.current));
  }, []);

  // The unread count in the title: the taskbar shows it, and a browser tab of `smsdesk web` too.
  const unread = status?.unread ?? 0;
  useEffect(() => {
    document.title = unread > 0 ? `(${unread}) ${t('app.title')}` : t('app.title');
  }, [unread]);

  const commandDone = useCallback(() => setCommand(null), []);
  const messageTo = useCallback(
    (to: string) => toMessages((key) => ({ kind: 'draft', draft: { key, to, text: '', note: null } })),
    [toMessages],
  );

  useEventHandler('app.compose', (intent) => {
    if (!firstSight(COMPOSE_SEEN_KEY, intent.id)) return;
    toMessages((key) => ({ kind: 'draft', draft: draftOf(intent, key) }));
  });
  // A click on a desktop notification: show that conversation, whatever screen is open.
  useEventHandler('app.openConversation', (intent) => {
    if (!firstSight(OPEN_SEEN_KEY, intent.id)) return;
    toMessages((key) => ({ kind: 'open', key, conversation: intent.conversation }));
  });

  useEffect(() => {
    const listener = (e: KeyboardEvent): void => {
      const action = shortcutFor(e);
      if (!action) return;
      e.preventDefault();
      if (action.kind === 'section') setSection(action.section);
      else if (action.kind === 'new-message') toMessages((key) => ({ kind: 'draft', draft: { key, to: '', text: '', note: null } }));
      else toMessages((key) => ({ kind: 'search', key }));
    };
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, [toMessages]);

  return (
    <div className="app">
      <Nav section={section} onSection={setSection} lang={lang} onLanguage={onLanguage} />
      <div className="screen">
        {status && status.state === 'no-modem' && !status.demo && <FirstRun />}
        {section === 'messages' && <MessagesScreen command={command} onCommandDone={commandDone} />}
        {section === 'modems' && <ModemsScreen />}
        {section === 'office' && <OfficeScreen />}
        {section === 'contacts' && <ContactsScreen onMessage={messageTo} />}
        {section === 'archive' && <ArchiveScreen />}
        {section === 'account' && <AccountScreen />}
      </div>
      <StatusBar info={info} status={status} />
    </div>
  );
}

const COMPOSE_SEEN_KEY = 'smsdesk.composeSeen';
const OPEN_SEEN_KEY = 'smsdesk.openSeen';

/**
 * True the first time this window sees a numbered request (an sms: link's draft, a clicked
 * notification). The core replays the latest to each new subscriber (a link that started the
 * app comes before the window), so a reloaded window must not act on the same one again: the
 * last id seen outlives the reload.
 */
function firstSight(storageKey: string, id: number): boolean {
  let seen = 0;
  try {
    seen = Number(globalThis.sessionStorage?.getItem(storageKey) ?? 0);
    globalThis.sessionStorage?.setItem(storageKey, String(Math.max(seen, id)));
  } catch {
    // No storage: a reload may act again, which is harmless.
  }
  return id > seen;
}

function draftOf(intent: ComposeIntent, key: number): Draft {
  const note =
    intent.problem !== null
      ? t('compose.linkProblem', { reason: intent.problem })
      : intent.to.length > 1
        ? tn('compose.severalNumbers', intent.to.length)
        : null;
  return { key, to: intent.to[0] ?? '', text: intent.body, note };
}
