/** Export every SMS in a format: a progress bar while the core writes, then the file as a download. */
import { useId, useState } from 'react';
import type { MessageFormat } from '../../../../main/contract';
import { t } from '../../i18n';
import { FormatSelect } from './FormatSelect';
import { count, size } from './format';
import { exportRun, useExportState } from './stores';
import { useRunFocus } from './run-focus';

export function ExportPanel(): React.JSX.Element {
  const id = useId();
  const state = useExportState();
  const [format, setFormat] = useState<MessageFormat>('sbr-xml');
  const running = state.phase === 'running';
  const { cancelButton, outcome, follow } = useRunFocus(state.phase);

  const start = (event: React.FormEvent): void => {
    event.preventDefault();
    follow();
    void exportRun.start(format);
  };

  return (
    <section className="panel archive-panel" aria-labelledby={`${id}-title`} data-testid="export-panel">
      <h2 id={`${id}-title`}>{t('archive.export.heading')}</h2>
      <p className="muted">{t('archive.export.body')}</p>
      <form className="archive-form" onSubmit={start}>
        <FormatSelect
          id={`${id}-format`}
          label={t('archive.export.format')}
          value={format}
          onChange={setFormat}
          disabled={running}
          testId="export-format"
        />
        <button type="submit" className="primary" disabled={running} data-testid="export-start">
          {t('archive.export.start')}
        </button>
      </form>
      {state.phase === 'running' && (
        <div className="archive-progress" data-testid="export-progress">
          <progress max={Math.max(state.total, 1)} value={state.written} aria-label={t('archive.export.progress')} />
          <p aria-live="polite">{t('archive.export.running', { written: count(state.written), total: count(state.total) })}</p>
          <button
            ref={cancelButton}
            type="button"
            onClick={() => exportRun.cancel()}
            disabled={state.cancelling}
            data-testid="export-cancel"
          >
            {t('archive.export.cancel')}
          </button>
        </div>
      )}
      {(state.phase === 'done' || state.phase === 'cancelled' || state.phase === 'failed') && (
        <div className="archive-outcome" data-testid="export-outcome" ref={outcome} tabIndex={-1}>
          {state.phase === 'done' && (
            <>
              <p role="status" data-testid="export-done">
                {t('archive.export.done', { written: count(state.written), file: state.fileName, size: size(state.bytes) })}
              </p>
              <a href={state.url} download={state.fileName} data-testid="export-save">
                {t('archive.export.saveAgain', { file: state.fileName })}
              </a>
            </>
          )}
          {state.phase === 'cancelled' && <p role="status">{t('archive.export.cancelled')}</p>}
          {state.phase === 'failed' && <p role="alert">{t('archive.export.failed', { reason: state.error.message })}</p>}
        </div>
      )}
    </section>
  );
}
