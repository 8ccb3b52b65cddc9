/** One modem: what it is, its state with the problem in words, and its signal over time. */
import { useEffect, useId, useState } from 'react';
import type { ModemSummary, PinMemory } from '../../../../main/contract';
import { api } from '../../api';
import { t } from '../../i18n';
import { modemName, registrationWords, signalWords, stateHelp, stateWords } from './format';
import { useNow, useSignalHistory } from './hooks';
import { SignalChart } from './SignalChart';

interface Props {
  readonly modem: ModemSummary;
  readonly onEnterPin: () => void;
}

/** The chart's "now" moves on this often; new readings redraw it at once. */
const CHART_TICK_MS = 15_000;

export function ModemDetails({ modem, onEnterPin }: Props): React.JSX.Element {
  const id = useId();
  // A new reading or a change of state means a new sample in the core's history.
  const samples = useSignalHistory(modem.id, `${modem.state}/${modem.signal ?? '-'}`);
  const now = useNow(CHART_TICK_MS);
  const help = stateHelp(modem.state);
  const unknown = t('modems.unknown');

  const rows: [string, string, string?][] = [
    [t('modems.field.model'), modem.model ?? unknown],
    [t('modems.field.manufacturer'), modem.manufacturer ?? unknown],
    [t('modems.field.imei'), modem.imei ?? unknown, 'mono'],
    [t('modems.field.sim'), modem.iccid ?? unknown, 'mono'],
    [t('modems.field.ownNumber'), modem.ownNumber ?? unknown],
    [t('modems.field.operator'), modem.operator ?? unknown],
    [t('modems.field.registration'), registrationWords(modem.registration)],
    [t('modems.field.signal'), signalWords(modem.signal)],
    [
      t('modems.field.storage'),
      modem.storage ? t('modems.storage.value', { used: modem.storage.used, total: modem.storage.total }) : unknown,
    ],
    [t('modems.field.port'), modem.port, 'mono'],
  ];

  return (
    <section className="panel modem-details" aria-labelledby={`${id}-name`} data-testid="modem-details">
      <div className="panel-head">
        <h2 id={`${id}-name`}>{modemName(modem)}</h2>
        <span className={`state-badge state-${modem.state}`} data-testid="modem-state">
          {stateWords(modem.state)}
        </span>
        {modem.virtual && <span className="muted small">{t('modems.virtual')}</span>}
      </div>
      {help && (
        <div
          className={`modem-problem state-${modem.state}`}
          role={modem.state === 'initialising' ? 'status' : 'alert'}
          data-testid="modem-problem"
        >
          <p>{help}</p>
          {modem.problem && <p className="modem-words">{t('modems.problem.words', { words: modem.problem })}</p>}
          {modem.state === 'needs-pin' && (
            <button type="button" className="primary" onClick={onEnterPin} data-testid="enter-pin">
              {t('pin.open')}
            </button>
          )}
        </div>
      )}
      <div className="modem-body">
        <dl className="modem-facts">
          {rows.map(([label, value, cls]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd className={cls}>{value}</dd>
            </div>
          ))}
        </dl>
        <SignalChart samples={samples} now={now} />
      </div>
      <RememberedPin modemId={modem.id} state={modem.state} />
    </section>
  );
}

/** "The PIN is remembered" with a way to forget it; nothing when no PIN is kept. */
function RememberedPin({ modemId, state }: { modemId: string; state: ModemSummary['state'] }): React.JSX.Element | null {
  const [memory, setMemory] = useState<PinMemory | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void api.call('modems.pinMemory', { modemId }).then((r) => {
      if (live && r.ok) setMemory(r.value);
    });
    return () => {
      live = false;
    };
  }, [modemId, state]);
  if (!memory?.remembered) return null;
  const forget = async (): Promise<void> => {
    const r = await api.call('modems.forgetPin', { modemId });
    if (r.ok) setMemory(r.value);
  };
  return (
    <p className="remembered-pin">
      <span>{t('pin.remembered')}</span>{' '}
      <button type="button" className="link" onClick={() => void forget()}>
        {t('pin.forget')}
      </button>
    </p>
  );
}
