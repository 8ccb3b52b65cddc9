/**
 * Every row of a bulk preview: the merged text (plain text, never markup) with its part count,
 * or the reasons the row will not be sent. Windowed (components/virtual.ts): a list of 20,000
 * rows keeps a few dozen in the DOM. The scroll box takes the focus, so arrows and Page keys
 * scroll it.
 */
import { useCallback, useMemo } from 'react';
import type { BulkPreview } from '../../../../main/contract';
import { useListWindow } from '../../components/virtual';
import { t, tn } from '../../i18n';
import { previewLines, type PreviewLine } from './preview-lines';

function estimate(line: PreviewLine | undefined): number {
  if (!line) return 56;
  const text = line.kind === 'ok' ? line.recipient.text : line.errors.map((e) => e.message).join(' ');
  return 38 + Math.ceil(Math.max(1, text.length) / 90) * 20;
}

export function PreviewList({ preview }: { preview: BulkPreview }): React.JSX.Element | null {
  const lines = useMemo(() => previewLines(preview), [preview]);
  const keys = useMemo(() => lines.map((l) => l.key), [lines]);
  const estimateAt = useCallback((i: number) => estimate(lines[i]), [lines]);
  const [win, attach, measure] = useListWindow(keys, estimateAt, { anchor: 'start', overscan: 600 });
  if (lines.length === 0) return null;

  const items: React.JSX.Element[] = [];
  for (let i = win.start; i < win.end && i < lines.length; i++) {
    const line = lines[i]!;
    items.push(
      <li
        key={line.key}
        ref={measure(line.key)}
        aria-posinset={i + 1}
        aria-setsize={lines.length}
        className={`office-preview-row ${line.kind === 'ok' ? 'is-ok' : 'is-bad'}`}
        data-testid="preview-row"
        data-row={line.row}
      >
        <div className="office-preview-meta">
          <span className="office-row-no">{t('office.bulk.row', { row: line.row })}</span>
          {line.kind === 'ok' ? (
            <>
              <span className="mono">{line.recipient.to}</span>
              <span data-testid="preview-parts" data-parts={line.recipient.parts}>
                {tn('office.bulk.parts', line.recipient.parts)} · {t(`office.bulk.encoding.${line.recipient.encoding}`)}
              </span>
            </>
          ) : (
            <span className="office-fails">{t('office.bulk.rowFails')}</span>
          )}
        </div>
        {line.kind === 'ok' ? (
          <>
            <p className="office-merged" data-testid="preview-text">
              {line.recipient.text}
            </p>
            {line.recipient.nonGsmChars.length > 0 && (
              <p className="muted small">{t('office.bulk.ucs2Because', { chars: line.recipient.nonGsmChars.join(' ') })}</p>
            )}
          </>
        ) : (
          <ul className="office-row-errors" data-testid="preview-errors">
            {line.errors.map((e) => (
              <li key={`${e.code}-${e.field ?? ''}`}>
                <strong>{t(`office.bulk.rowError.${e.code}`, { field: e.field ?? '' })}:</strong> {e.message}
              </li>
            ))}
          </ul>
        )}
      </li>,
    );
  }

  return (
    <div className="office-preview-scroller" ref={attach} tabIndex={0} role="region" aria-label={t('office.bulk.previewList')}>
      <ul className="office-preview-list" style={{ paddingTop: win.padTop, paddingBottom: win.padBottom }} data-testid="preview-list">
        {items}
      </ul>
    </div>
  );
}
