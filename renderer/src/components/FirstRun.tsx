import { useState } from 'react';
import { api } from '../api';
import { t } from '../i18n';

/** Shown while no modem is ready and the demo is not running: how to start, or the demo. */
export function FirstRun(): React.JSX.Element {
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'starting' } | { kind: 'error'; reason: string }>({ kind: 'idle' });
  const start = async (): Promise<void> => {
    setState({ kind: 'starting' });
    const r = await api.call('station.startDemo', null);
    if (!r.ok) setState({ kind: 'error', reason: r.error.message });
  };
  return (
    <section className="first-run" aria-labelledby="first-run-title" data-testid="first-run">
      <h2 id="first-run-title">{t('firstRun.title')}</h2>
      <p>{t('firstRun.body')}</p>
      <button type="button" className="primary" onClick={() => void start()} disabled={state.kind === 'starting'} data-testid="start-demo">
        {state.kind === 'starting' ? t('firstRun.starting') : t('firstRun.demo')}
      </button>
      {state.kind === 'error' && (
        <p role="alert" className="error">
          {t('common.error', { reason: state.reason })}
        </p>
      )}
    </section>
  );
}
