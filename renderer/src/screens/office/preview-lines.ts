/**
 * The lines of a bulk preview in the order of the list: a recipient with its merged text and
 * parts, or a row that will not be sent with every reason it has. Pure.
 */
import type { BulkPreview, BulkPreviewRow, BulkRowError } from '../../../../main/contract';

export type PreviewLine =
  | { readonly kind: 'ok'; readonly key: string; readonly row: number; readonly recipient: BulkPreviewRow }
  | { readonly kind: 'error'; readonly key: string; readonly row: number; readonly errors: readonly BulkRowError[] };

export function previewLines(preview: Pick<BulkPreview, 'recipients' | 'errors'>): PreviewLine[] {
  const failing = new Map<number, BulkRowError[]>();
  for (const e of preview.errors) {
    const list = failing.get(e.row);
    if (list) list.push(e);
    else failing.set(e.row, [e]);
  }
  const lines: PreviewLine[] = preview.recipients.map((r) => ({ kind: 'ok', key: `r${r.row}`, row: r.row, recipient: r }));
  for (const [row, errors] of failing) lines.push({ kind: 'error', key: `e${row}`, row, errors });
  // A row is either sent or not (the station never lists a row both ways); errors first on a tie, to be safe.
  lines.sort((a, b) => a.row - b.row || (a.kind === b.kind ? 0 : a.kind === 'error' ? -1 : 1));
  return lines;
}
