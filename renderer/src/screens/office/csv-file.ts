/**
 * Reading the CSV list a person picks for a bulk send. The size is checked before the file is
 * read, so a wrong pick (a 2 GB export) costs nothing; the cap is the contract's, which keeps a
 * request below what the web bridge takes.
 */
import { MAX_BULK_CSV_CHARS } from '../../../../main/contract';

/** UTF-8 needs at least one byte per character, so a file this size fits the contract's cap. */
export const MAX_CSV_BYTES = MAX_BULK_CSV_CHARS;

export type CsvRead =
  | { readonly ok: true; readonly text: string; readonly name: string }
  | { readonly ok: false; readonly reason: 'too-large'; readonly size: number }
  | { readonly ok: false; readonly reason: 'unreadable'; readonly message: string };

/** What this module needs of a File (a Blob with a name). */
export type CsvSource = Pick<File, 'name' | 'size' | 'text'>;

export async function readCsvFile(file: CsvSource, maxBytes = MAX_CSV_BYTES): Promise<CsvRead> {
  if (file.size > maxBytes) return { ok: false, reason: 'too-large', size: file.size };
  let text: string;
  try {
    text = await file.text();
  } catch (err) {
    return { ok: false, reason: 'unreadable', message: err instanceof Error ? err.message : String(err) };
  }
  // A file read as UTF-8 may still hold more characters than bytes only if it is not UTF-8; keep the cap.
  if (text.length > maxBytes) return { ok: false, reason: 'too-large', size: file.size };
  return { ok: true, text: text.replace(/^\uFEFF/, ''), name: file.name };
}

/** "880 KB", "1.2 MB": a size people read (decimal units, as file managers show them). */
export function formatSize(bytes: number): string {
  if (bytes < 1_000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${Math.round(bytes / 1_000)} KB`;
  const mb = bytes / 1_000_000;
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}
