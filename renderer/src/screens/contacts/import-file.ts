/**
 * Sends a contacts file the user picked to the core: checks its size before reading it,
 * tells vCard from CSV, and sends the text in chunks the bridge accepts. Pure but for the
 * File it is given, so its rules are unit-tested with a fake API.
 */
import {
  CONTACTS_IMPORT_CHUNK,
  CONTACTS_IMPORT_MAX_BYTES,
  type ContactImportFormat,
  type ContactImportSummary,
  type ContractError,
  type SmsDeskApi,
} from '../../../../main/contract';

export type ImportOutcome =
  | { kind: 'done'; summary: ContactImportSummary }
  | { kind: 'too-large' }
  | { kind: 'unknown-format' }
  | { kind: 'unreadable'; reason: string }
  | { kind: 'failed'; error: ContractError };

/** What the importer needs of a File (a Blob with a name). */
export interface PickedFile {
  readonly name: string;
  readonly size: number;
  text(): Promise<string>;
}

type Api = Pick<SmsDeskApi, 'call'>;

/** vCard by its extension or its first line; CSV by its extension (a CSV has no signature). */
export function importFormat(name: string, text: string): ContactImportFormat | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.vcf') || lower.endsWith('.vcard')) return 'vcard';
  if (/^\uFEFF?\s*BEGIN:VCARD/i.test(text.slice(0, 200))) return 'vcard';
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return 'csv';
  return null;
}

/** The text in pieces of at most `size` UTF-16 units, never splitting a surrogate pair. */
export function textChunks(text: string, size: number): string[] {
  const chunks: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + size, text.length);
    const before = text.charCodeAt(end - 1);
    if (end < text.length && end - start > 1 && before >= 0xd800 && before <= 0xdbff) end--;
    chunks.push(text.slice(start, end));
    start = end;
  }
  return chunks;
}

export async function importFile(api: Api, file: PickedFile, onProgress: (sentFraction: number) => void): Promise<ImportOutcome> {
  if (file.size > CONTACTS_IMPORT_MAX_BYTES) return { kind: 'too-large' };
  let text: string;
  try {
    text = await file.text();
  } catch (err) {
    return { kind: 'unreadable', reason: err instanceof Error ? err.message : String(err) };
  }
  const format = importFormat(file.name, text);
  if (format === null) return { kind: 'unknown-format' };
  const started = await api.call('contacts.importStart', { format, size: file.size });
  if (!started.ok) return { kind: 'failed', error: started.error };
  const { importId } = started.value;
  const chunks = textChunks(text, CONTACTS_IMPORT_CHUNK);
  for (const [i, chunk] of chunks.entries()) {
    const sent = await api.call('contacts.importChunk', { importId, text: chunk });
    if (!sent.ok) return { kind: 'failed', error: sent.error };
    onProgress((i + 1) / chunks.length);
  }
  const finished = await api.call('contacts.importFinish', { importId });
  return finished.ok ? { kind: 'done', summary: finished.value } : { kind: 'failed', error: finished.error };
}
