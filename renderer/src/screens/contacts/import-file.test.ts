import { describe, expect, it } from 'vitest';
import { CONTACTS_IMPORT_CHUNK, CONTACTS_IMPORT_MAX_BYTES } from '../../../../main/contract';
import { fakeApi } from '../messages/test-support';
import { importFile, importFormat, textChunks } from './import-file';

const SUMMARY = { records: 1, added: 1, updated: 0, unchanged: 0, skipped: 0, issues: [] };

describe('importFormat', () => {
  it('tells vCard by extension or first line, and CSV by extension', () => {
    expect(importFormat('Contacts.VCF', '')).toBe('vcard');
    expect(importFormat('export', '\uFEFFBEGIN:VCARD\r\nVERSION:3.0')).toBe('vcard');
    expect(importFormat('google.csv', 'Name,Phone')).toBe('csv');
    expect(importFormat('photo.jpg', '\u00ff\u00d8')).toBeNull();
  });
});

describe('textChunks', () => {
  it('cuts text into pieces that join back to it, never between the halves of an emoji', () => {
    const text = 'ab😀cd😀';
    const chunks = textChunks(text, 3);
    expect(chunks.join('')).toBe(text);
    expect(chunks).toEqual(['ab', '😀c', 'd😀']);
    expect(textChunks('', 3)).toEqual([]);
  });
});

describe('importFile', () => {
  it('refuses a file over the limit without reading it or calling the core', async () => {
    const api = fakeApi({});
    let read = false;
    const file = {
      name: 'big.vcf',
      size: CONTACTS_IMPORT_MAX_BYTES + 1,
      text: () => {
        read = true;
        return Promise.resolve('');
      },
    };
    expect(await importFile(api, file, () => undefined)).toEqual({ kind: 'too-large' });
    expect(read).toBe(false);
    expect(api.calls).toEqual([]);
  });

  it('sends the text in chunks under the bridge limit, in order, and returns the summary', async () => {
    const received: string[] = [];
    const api = fakeApi({
      'contacts.importStart': () => ({ importId: 'i1' }),
      'contacts.importChunk': ({ text }) => {
        received.push(text);
        return null;
      },
      'contacts.importFinish': () => SUMMARY,
    });
    const text = `BEGIN:VCARD\r\nFN:${'x'.repeat(CONTACTS_IMPORT_CHUNK * 2)}\r\nEND:VCARD\r\n`;
    const progress: number[] = [];
    const outcome = await importFile(api, { name: 'a.vcf', size: text.length, text: () => Promise.resolve(text) }, (f) => progress.push(f));
    expect(outcome).toEqual({ kind: 'done', summary: SUMMARY });
    expect(received).toHaveLength(3);
    expect(received.join('')).toBe(text);
    expect(progress.at(-1)).toBe(1);
    expect(api.calls[0]).toEqual({ name: 'contacts.importStart', args: { format: 'vcard', size: text.length } });
  });

  it('stops at the first refusal and passes on the core’s words', async () => {
    const api = fakeApi({ 'contacts.importStart': () => ({ importId: 'i1' }) });
    const outcome = await importFile(api, { name: 'a.csv', size: 3, text: () => Promise.resolve('a,b') }, () => undefined);
    expect(outcome).toEqual({ kind: 'failed', error: { code: 'unknown-call', message: 'no fake for contacts.importChunk' } });
  });
});
