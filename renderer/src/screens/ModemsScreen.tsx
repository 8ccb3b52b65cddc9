/**
 * The Modems screen: every modem the station knows, one shown in full (details, state and
 * problem in words, signal chart), its USSD and AT console, the serial ports, and the PIN
 * dialog, which opens by itself once each time a modem starts needing its PIN.
 */
import { useState } from 'react';
import { t, tn } from '../i18n';
import { AtConsole } from './modems/AtConsole';
import { modemName, stateWords } from './modems/format';
import { useModems } from './modems/hooks';
import { ModemDetails } from './modems/ModemDetails';
import { PinDialog } from './modems/PinDialog';
import { PortPicker } from './modems/PortPicker';
import { UssdPanel } from './modems/UssdPanel';

export function ModemsScreen(): React.JSX.Element {
  const { list, pinEpisodes, inPinEpisode } = useModems();
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  /** PIN prompts closed by the person, as `id#episode`: not opened again until the next episode. */
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  /** A PIN dialog the person opened with "Enter PIN…". */
  const [asked, setAsked] = useState<string | undefined>(undefined);

  const modems = list ?? [];
  const selected = modems.find((m) => m.id === chosen) ?? modems[0];
  const episodeKey = (id: string): string => `${id}#${pinEpisodes.get(id) ?? 0}`;
  // The dialog stays through an attempt (the modem is "initialising" while the SIM checks the PIN).
  const prompting =
    modems.find((m) => m.id === asked && inPinEpisode.has(m.id)) ??
    modems.find((m) => inPinEpisode.has(m.id) && !dismissed.has(episodeKey(m.id)));
  const ready = modems.filter((m) => m.state === 'ready').length;

  const closePrompt = (): void => {
    if (prompting) setDismissed((prev) => new Set(prev).add(episodeKey(prompting.id)));
    setAsked(undefined);
  };

  return (
    <main className="modems-screen" aria-labelledby="modems-title">
      <header className="screen-head">
        <h1 id="modems-title">{t('modems.heading')}</h1>
        {list && modems.length > 0 && <p className="muted">{tn('modems.count', modems.length, { ready })}</p>}
      </header>
      {!list && <p className="muted">{t('modems.loading')}</p>}
      {list && modems.length === 0 && (
        <div className="empty" data-testid="modems-empty">
          <p className="empty-title">{t('modems.empty.title')}</p>
          <p className="muted">{t('modems.empty.body')}</p>
        </div>
      )}
      {modems.length > 1 && (
        <ul className="modem-picker" aria-label={t('modems.list.label')}>
          {modems.map((m) => (
            <li key={m.id}>
              <button type="button" aria-pressed={m.id === selected?.id} onClick={() => setChosen(m.id)}>
                <span>{modemName(m)}</span>
                <span className={`state-badge state-${m.state}`}>{stateWords(m.state)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {selected && (
        <div className="modem-layout" key={selected.id}>
          <ModemDetails modem={selected} onEnterPin={() => setAsked(selected.id)} />
          <UssdPanel modem={selected} />
          <AtConsole modem={selected} />
        </div>
      )}
      {list && <PortPicker modems={modems} selectedId={selected?.id} onSelect={setChosen} />}
      {prompting && <PinDialog key={episodeKey(prompting.id)} modem={prompting} onClose={closePrompt} />}
    </main>
  );
}
