/** Import a vCard or CSV file: pick it, watch it go in, read what came of every record. */
import { useEffect, useId, useRef, useState } from 'react';
import { CONTACTS_IMPORT_MAX_BYTES, type ContactImportSummary } from '../../../../main/contract';
import { api } from '../../api';
import { t } from '../../i18n';
import { importFile, type ImportOutcome } from './import-file';

const LIMIT_MB = CONTACTS_IMPORT_MAX_BYTES / (1024 * 1024);
/** The summary lists this many skipped records; the rest are counted. */
const SHOWN_ISSUES = 200;

type Stage =
  { kind: 'idle' } | { kind: 'busy'; name: string; percent: number | null } | { kind: 'outcome'; name: string; outcome: ImportOutcome };

function problemWords(name: string, outcome: ImportOutcome): string | null {
  switch (outcome.kind) {
    case 'done':
      return null;
    case 'too-large':
      return t('contacts.file.tooLarge', { name, size: LIMIT_MB });
    case 'unknown-format':
      return t('contacts.file.unknownFormat', { name });
    case 'unreadable':
      return t('contacts.file.unreadable', { name, reason: outcome.reason });
    case 'failed':
      return t('contacts.file.failed', { reason: outcome.error.message });
    default:
      return assertNever(outcome);
  }
}

function assertNever(x: never): never {
  throw new Error(`unexpected import outcome ${JSON.stringify(x)}`);
}

function Summary({ name, summary }: { name: string; summary: ContactImportSummary }): React.JSX.Element {
  const more = summary.skipped - Math.min(summary.issues.length, SHOWN_ISSUES);
  return (
    <div className="import-summary" data-testid="import-summary">
      <p>{t('contacts.file.done', { name, records: summary.records })}</p>
      <dl className="import-counts">
        <div>
          <dt>{t('contacts.file.added')}</dt>
          <dd data-testid="import-added">{summary.added}</dd>
        </div>
        <div>
          <dt>{t('contacts.file.updated')}</dt>
          <dd data-testid="import-updated">{summary.updated}</dd>
        </div>
        <div>
          <dt>{t('contacts.file.unchanged')}</dt>
          <dd data-testid="import-unchanged">{summary.unchanged}</dd>
        </div>
        <div>
          <dt>{t('contacts.file.skipped')}</dt>
          <dd data-testid="import-skipped">{summary.skipped}</dd>
        </div>
      </dl>
      {summary.issues.length > 0 && (
        <>
          <h3>{t('contacts.file.issues')}</h3>
          <ul className="import-issues" data-testid="import-issues">
            {summary.issues.slice(0, SHOWN_ISSUES).map((i) => (
              <li key={`${i.record}-${i.line}`}>{t('contacts.file.issue', { record: i.record, line: i.line, reason: i.reason })}</li>
            ))}
          </ul>
          {more > 0 && <p className="muted">{t('contacts.file.moreIssues', { count: more })}</p>}
        </>
      )}
    </div>
  );
}

export function ImportPanel(): React.JSX.Element {
  const id = useId();
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const live = useRef(true);
  useEffect(
    () => () => {
      live.current = false;
    },
    [],
  );

  const pick = async (input: HTMLInputElement): Promise<void> => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    setStage({ kind: 'busy', name: file.name, percent: null });
    const outcome = await importFile(api, file, (fraction) => {
      if (live.current) setStage({ kind: 'busy', name: file.name, percent: Math.round(fraction * 100) });
    });
    if (live.current) setStage({ kind: 'outcome', name: file.name, outcome });
  };

  const busy = stage.kind === 'busy';
  const problem = stage.kind === 'outcome' ? problemWords(stage.name, stage.outcome) : null;
  return (
    <section className="import-panel" aria-labelledby={`${id}-title`} data-testid="import-panel">
      <header className="contacts-pane-head">
        <h2 id={`${id}-title`}>{t('contacts.file.heading')}</h2>
      </header>
      <p className="muted">{t('contacts.file.intro')}</p>
      <label className="field">
        <span>{t('contacts.file.file')}</span>
        <input
          type="file"
          accept=".vcf,.vcard,.csv,.txt,text/vcard,text/x-vcard,text/csv"
          disabled={busy}
          aria-describedby={`${id}-limit`}
          onChange={(e) => void pick(e.currentTarget)}
          data-testid="import-file"
        />
      </label>
      <p className="muted" id={`${id}-limit`}>
        {t('contacts.file.limit', { size: LIMIT_MB })}
      </p>
      <div role="status" aria-live="polite" data-testid="import-status">
        {stage.kind === 'busy' &&
          (stage.percent === null
            ? t('contacts.file.reading', { name: stage.name })
            : stage.percent === 100
              ? t('contacts.file.importing', { name: stage.name })
              : t('contacts.file.sending', { name: stage.name, percent: stage.percent }))}
        {stage.kind === 'outcome' && stage.outcome.kind === 'done' && <Summary name={stage.name} summary={stage.outcome.summary} />}
      </div>
      {problem !== null && (
        <p role="alert" className="error" data-testid="import-error">
          {problem}
        </p>
      )}
    </section>
  );
}
