/** Import a backup file: pick it, watch the progress bar, read what was added and what was skipped and why. */
import { useId, useRef, useState } from 'react';
import type { ImportSummary, MessageFormat } from '../../../../main/contract';
import { t } from '../../i18n';
import { FormatSelect } from './FormatSelect';
import { count, size } from './format';
import { importRun, useImportState } from './stores';
import { useRunFocus } from './run-focus';

export function ImportPanel({ onImported }: { onImported: () => void }): React.JSX.Element {
  const id = useId();
  const state = useImportState();
  const fileInput = useRef<HTMLInputElement>(null);
  const [format, setFormat] = useState<MessageFormat | ''>('');
  const [hasFile, setHasFile] = useState(false);
  const running = state.phase === 'running';
  const { cancelButton, outcome, follow } = useRunFocus(state.phase);
  const dismiss = (): void => {
    importRun.clear();
    fileInput.current?.focus();
  };

  const start = (event: React.FormEvent): void => {
    event.preventDefault();
    const file = fileInput.current?.files?.[0];
    if (!file || running) return;
    follow();
    void importRun.start(file, format === '' ? undefined : format).then(() => {
      if (importRun.getSnapshot().phase !== 'failed') onImported();
    });
  };

  return (
    <section className="panel archive-panel" aria-labelledby={`${id}-title`} data-testid="import-panel">
      <h2 id={`${id}-title`}>{t('archive.import.heading')}</h2>
      <p className="muted">{t('archive.import.body')}</p>
      <form className="archive-form" onSubmit={start}>
        <div className="field">
          <label htmlFor={`${id}-file`}>{t('archive.import.file')}</label>
          <input
            id={`${id}-file`}
            ref={fileInput}
            type="file"
            accept=".xml,.csv,.json,.jsonl,.ndjson"
            disabled={running}
            data-testid="import-file"
            onChange={(e) => setHasFile((e.currentTarget.files?.length ?? 0) > 0)}
          />
        </div>
        <FormatSelect
          id={`${id}-format`}
          label={t('archive.import.format')}
          value={format}
          onChange={setFormat}
          allowAuto
          disabled={running}
          testId="import-format"
        />
        <button type="submit" className="primary" disabled={!hasFile || running} data-testid="import-start">
          {t('archive.import.start')}
        </button>
      </form>
      {state.phase === 'running' && (
        <div className="archive-progress" data-testid="import-progress">
          <progress
            max={Math.max(state.progress.totalBytes, 1)}
            value={state.progress.bytesReceived}
            aria-label={t('archive.import.progress')}
            data-testid="import-bar"
          />
          <p aria-live="polite">
            {t('archive.import.running', {
              file: state.fileName,
              done: size(state.progress.bytesReceived),
              size: size(state.progress.totalBytes),
            })}
            <br />
            <span className="muted">{counts(state.progress)}</span>
          </p>
          <button
            ref={cancelButton}
            type="button"
            onClick={() => importRun.cancel()}
            disabled={state.cancelling}
            data-testid="import-cancel"
          >
            {state.cancelling ? t('archive.import.cancelling') : t('archive.import.cancel')}
          </button>
        </div>
      )}
      {state.phase === 'done' && <Summary summary={state.summary} focusRef={outcome} onDismiss={dismiss} />}
      {state.phase === 'cancelled' && (
        <Outcome role="status" focusRef={outcome} onDismiss={dismiss}>
          {state.kept
            ? t('archive.import.cancelled', { file: state.fileName, imported: count(state.kept.imported) })
            : t('archive.import.cancelledUnknown', { file: state.fileName })}
        </Outcome>
      )}
      {state.phase === 'failed' && (
        <Outcome role="alert" focusRef={outcome} onDismiss={dismiss}>
          {state.error
            ? t('archive.import.failed', { file: state.fileName, reason: state.error.message })
            : t('archive.import.unreadable', { file: state.fileName })}
        </Outcome>
      )}
    </section>
  );
}

function counts(p: { records: number; imported: number; duplicates: number; bad: number }): string {
  return t('archive.import.counts', {
    records: count(p.records),
    imported: count(p.imported),
    duplicates: count(p.duplicates),
    bad: count(p.bad),
  });
}

interface OutcomeProps {
  readonly focusRef: React.RefObject<HTMLDivElement | null>;
  readonly onDismiss: () => void;
}

function Outcome({
  role,
  children,
  focusRef,
  onDismiss,
}: OutcomeProps & { role: 'status' | 'alert'; children: React.ReactNode }): React.JSX.Element {
  return (
    <div className="archive-outcome" data-testid="import-outcome" ref={focusRef} tabIndex={-1}>
      <p role={role}>{children}</p>
      <button type="button" onClick={onDismiss}>
        {t('archive.import.dismiss')}
      </button>
    </div>
  );
}

function Summary({ summary, focusRef, onDismiss }: OutcomeProps & { summary: ImportSummary }): React.JSX.Element {
  const id = useId();
  return (
    <div className="archive-outcome" data-testid="import-summary" ref={focusRef} tabIndex={-1}>
      <p role="status">
        <strong>{t('archive.import.done', { file: summary.fileName })}</strong> <span data-testid="import-counts">{counts(summary)}</span>
      </p>
      {summary.skipped.length > 0 && (
        <ul className="archive-skipped">
          {summary.skipped.map((s) => (
            <li key={s.reason} data-testid="import-skipped">
              {t('archive.import.skipped', { count: count(s.count), reason: s.reason })}
            </li>
          ))}
        </ul>
      )}
      {summary.issues.length > 0 && (
        <div className="archive-table-wrap" tabIndex={0} role="region" aria-label={t('archive.import.issues')}>
          <table className="archive-table" aria-labelledby={`${id}-issues`} data-testid="import-issues">
            <caption id={`${id}-issues`}>
              {t('archive.import.issues')}
              {summary.bad > summary.issues.length && (
                <span className="muted">
                  {' '}
                  {t('archive.import.issuesMore', { shown: count(summary.issues.length), count: count(summary.bad) })}
                </span>
              )}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('archive.import.col.record')}</th>
                <th scope="col">{t('archive.import.col.line')}</th>
                <th scope="col">{t('archive.import.col.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {summary.issues.map((issue, i) => (
                <tr key={i} data-testid="import-issue">
                  <td className="num">{count(issue.record)}</td>
                  <td className="num">{issue.column === null ? count(issue.line) : `${count(issue.line)}:${issue.column}`}</td>
                  <td>{issue.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <button type="button" onClick={onDismiss}>
        {t('archive.import.dismiss')}
      </button>
    </div>
  );
}
