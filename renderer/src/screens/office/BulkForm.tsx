/**
 * A new bulk send: the recipients (a CSV file, pasted CSV, or a contact group), the message
 * with {fields}, a preview of every merged message with its parts (the station's own merge,
 * office.bulkPreview), then start. The preview must match what is on the form to start.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { BulkJobView, BulkPreview, BulkPreviewRequest } from '../../../../main/contract';
import { api } from '../../api';
import { t, tn } from '../../i18n';
import { formatSize, MAX_CSV_BYTES, readCsvFile } from './csv-file';
import { errorWords } from './format';
import { useGroups } from './hooks';
import { PreviewList } from './PreviewList';

type SourceKind = 'csv' | 'group';
type Note = { readonly kind: 'info' | 'error'; readonly text: string } | null;

export function BulkForm({ onStarted }: { onStarted: (job: BulkJobView) => void }): React.JSX.Element {
  const id = useId();
  const groups = useGroups();
  const templateRef = useRef<HTMLTextAreaElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const [kind, setKind] = useState<SourceKind>('csv');
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState<string | undefined>(undefined);
  const [fileNote, setFileNote] = useState<Note>(null);
  const [group, setGroup] = useState('');
  const [template, setTemplate] = useState('');
  const [flash, setFlash] = useState(false);
  const [name, setName] = useState('');
  const [preview, setPreview] = useState<{ key: string; value: BulkPreview } | null>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [busy, setBusy] = useState<'preview' | 'start' | null>(null);
  const [note, setNote] = useState<Note>(null);

  // What the form asks for now (or why it cannot ask yet), and its key: a preview is fresh while
  // its key is this one. Memoised: the list may be most of a megabyte.
  const [current, currentKey] = useMemo((): [BulkPreviewRequest | string, string | null] => {
    let request: BulkPreviewRequest | string;
    if (template.trim() === '') request = t('office.bulk.needTemplate');
    else if (kind === 'group') {
      request = group === '' ? t('office.bulk.needSource') : { template, source: { kind: 'group', name: group }, flash };
    } else if (csv.trim() === '') request = t('office.bulk.needSource');
    else request = { template, source: { kind: 'csv', text: csv, ...(fileName ? { name: fileName } : {}) }, flash };
    return [request, typeof request === 'string' ? null : JSON.stringify(request)];
  }, [template, kind, group, csv, fileName, flash]);
  const fresh = preview !== null && preview.key === currentKey;

  const pickFile = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    const read = await readCsvFile(file);
    if (!read.ok) {
      setFileNote({
        kind: 'error',
        text:
          read.reason === 'too-large'
            ? t('office.bulk.csv.tooLarge', { file: file.name, size: formatSize(read.size), max: formatSize(MAX_CSV_BYTES) })
            : t('office.bulk.csv.unreadable', { file: file.name, reason: read.message }),
      });
      return;
    }
    setCsv(read.text);
    setFileName(read.name);
    setFileNote({ kind: 'info', text: t('office.bulk.csv.loaded', { file: read.name }) });
  };

  const runPreview = async (): Promise<void> => {
    if (typeof current === 'string') return setNote({ kind: 'error', text: current });
    setBusy('preview');
    setNote(null);
    const r = await api.call('office.bulkPreview', current);
    setBusy(null);
    if (!r.ok) return setNote({ kind: 'error', text: errorWords(r.error) });
    setPreview({ key: JSON.stringify(current), value: r.value }); // the request sent, not the form now
    setSkipInvalid(false);
  };

  const start = async (): Promise<void> => {
    if (typeof current === 'string' || !fresh) return;
    setBusy('start');
    setNote(null);
    const r = await api.call('office.bulkStart', {
      ...current,
      skipInvalid,
      ...(name.trim() !== '' ? { name: name.trim() } : {}),
    });
    setBusy(null);
    if (!r.ok) return setNote({ kind: 'error', text: errorWords(r.error) });
    onStarted(r.value);
    setPreview(null);
    setNote({ kind: 'info', text: t('office.bulk.started') });
  };

  const insertField = (field: string): void => {
    const el = templateRef.current;
    const token = `{${field}}`;
    const at = el?.selectionStart ?? template.length;
    const end = el?.selectionEnd ?? at;
    setTemplate(template.slice(0, at) + token + template.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + token.length, at + token.length);
    });
  };

  // A new preview lies below the form: bring its first lines into view.
  const previewKey = preview?.key;
  useEffect(() => {
    if (previewKey !== undefined) resultRef.current?.scrollIntoView({ block: 'nearest' });
  }, [previewKey, preview]);

  const shown = preview?.value;
  const badRows = shown ? new Set(shown.errors.map((e) => e.row)).size : 0;
  const canStart =
    fresh && shown !== undefined && shown.problems.length === 0 && shown.recipients.length > 0 && (badRows === 0 || skipInvalid);

  return (
    <section className="panel office-bulk-form" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('office.bulk.heading')}</h2>
      <p className="muted">{t('office.bulk.intro')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void runPreview();
        }}
      >
        <fieldset className="office-source">
          <legend>{t('office.bulk.source')}</legend>
          <label className="check">
            <input
              type="radio"
              name={`${id}-source`}
              checked={kind === 'csv'}
              onChange={() => setKind('csv')}
              data-testid="bulk-source-csv"
            />
            {t('office.bulk.source.csv')}
          </label>
          <label className="check">
            <input
              type="radio"
              name={`${id}-source`}
              checked={kind === 'group'}
              onChange={() => setKind('group')}
              data-testid="bulk-source-group"
            />
            {t('office.bulk.source.group')}
          </label>
        </fieldset>
        {kind === 'csv' ? (
          <div className="office-csv">
            <label className="field">
              <span>{t('office.bulk.csv.file')}</span>
              <input
                type="file"
                accept=".csv,.txt,text/csv,text/plain"
                onChange={(e) => void pickFile(e.target.files?.[0])}
                data-testid="bulk-file"
              />
            </label>
            {fileNote && (
              <p role={fileNote.kind === 'error' ? 'alert' : 'status'} className={fileNote.kind === 'error' ? 'error' : 'muted small'}>
                {fileNote.text}
              </p>
            )}
            <label className="field">
              <span>{t('office.bulk.csv.text')}</span>
              <textarea
                value={csv}
                onChange={(e) => setCsv(e.target.value)}
                rows={5}
                spellCheck={false}
                className="mono"
                data-testid="bulk-csv"
              />
            </label>
          </div>
        ) : groups !== undefined && groups.length === 0 ? (
          <p className="muted">{t('office.bulk.group.none')}</p>
        ) : (
          <label className="field">
            <span>{t('office.bulk.group')}</span>
            <select value={group} onChange={(e) => setGroup(e.target.value)} data-testid="bulk-group">
              <option value="">{t('office.bulk.group.choose')}</option>
              {(groups ?? []).map((g) => (
                <option key={g.name} value={g.name}>
                  {tn('office.bulk.group.option', g.members, { name: g.name })}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="field">
          <span>{t('office.bulk.template')}</span>
          <textarea
            ref={templateRef}
            value={template}
            onChange={(e) => setTemplate(e.target.value)}
            rows={3}
            maxLength={10_000}
            data-testid="bulk-template"
          />
        </label>
        {shown && shown.fields.length > 0 && (
          <div className="office-fields" role="group" aria-label={t('office.bulk.fields')}>
            <span className="muted small">{t('office.bulk.fields')}</span>
            {shown.fields.map((f) => (
              <button
                key={f}
                type="button"
                className="office-chip"
                onClick={() => insertField(f)}
                aria-label={t('office.bulk.insertField', { field: f })}
              >
                {`{${f}}`}
              </button>
            ))}
          </div>
        )}
        <label className="check">
          <input type="checkbox" checked={flash} onChange={(e) => setFlash(e.target.checked)} />
          {t('office.bulk.flash')}
        </label>
        <label className="field">
          <span>{t('office.bulk.name')}</span>
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} />
        </label>
        <div className="office-actions">
          <button type="submit" disabled={busy !== null} data-testid="bulk-preview">
            {busy === 'preview' ? t('office.bulk.previewing') : t('office.bulk.preview')}
          </button>
        </div>
      </form>
      {note && (
        <p role={note.kind === 'error' ? 'alert' : 'status'} className={note.kind === 'error' ? 'error' : 'muted'} data-testid="bulk-note">
          {note.text}
        </p>
      )}
      {shown && (
        <div className="office-preview" ref={resultRef} data-testid="bulk-preview-result">
          {!fresh && (
            <p role="status" className="office-warn">
              {t('office.bulk.stale')}
            </p>
          )}
          {shown.problems.length > 0 ? (
            <div role="alert" className="error">
              <p>{t('office.bulk.problems')}</p>
              <ul>
                {shown.problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </div>
          ) : (
            <p data-testid="bulk-summary">
              {tn('office.bulk.summary', shown.recipients.length, { parts: shown.totalParts })}
              {badRows > 0 && <> {tn('office.bulk.badRows', badRows)}</>}
            </p>
          )}
          <PreviewList preview={shown} />
          {badRows > 0 && shown.problems.length === 0 && shown.recipients.length > 0 && (
            <label className="check">
              <input type="checkbox" checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} data-testid="bulk-skip" />
              {tn('office.bulk.skipInvalid', badRows)}
            </label>
          )}
          <div className="office-actions">
            <button
              type="button"
              className="primary"
              disabled={!canStart || busy !== null}
              onClick={() => void start()}
              data-testid="bulk-start"
            >
              {busy === 'start' ? t('office.bulk.starting') : t('office.bulk.start')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
