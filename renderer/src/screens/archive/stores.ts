/**
 * The Archive screen's import and export runs live here, outside the screen, so switching to
 * Messages and back keeps them going and shows where they are.
 */
import { useSyncExternalStore } from 'react';
import { api } from '../../api';
import { ExportRun, type ExportState } from './export-run';
import { ImportRun, type ImportState } from './import-run';

export const importRun = new ImportRun(api);

/** Offers a finished export as a download: a click on a temporary <a download>. */
function save(url: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
}

export const exportRun = new ExportRun(api, { save });

export function useImportState(): ImportState {
  return useSyncExternalStore(importRun.subscribe, importRun.getSnapshot);
}

export function useExportState(): ExportState {
  return useSyncExternalStore(exportRun.subscribe, exportRun.getSnapshot);
}
