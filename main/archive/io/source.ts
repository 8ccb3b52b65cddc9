import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { addContext } from '../errors';

/** A file path, or an already-open stream (tests, stdin, a download). */
export type ImportSource = string | Readable;
export type ExportTarget = string | Writable;

export interface OpenedSource {
  chunks: AsyncIterable<string>;
  bytesRead(): number;
  totalBytes: number | null;
}

export function openSource(source: ImportSource): OpenedSource {
  if (typeof source === 'string') {
    let totalBytes: number | null;
    try {
      totalBytes = statSync(source).size;
    } catch (err) {
      throw addContext(`The file ${source} cannot be read`, err, 'ARCHIVE_IMPORT');
    }
    const stream = createReadStream(source, { encoding: 'utf8', highWaterMark: 256 * 1024 });
    return { chunks: stream, bytesRead: () => stream.bytesRead, totalBytes };
  }
  let read = 0;
  source.setEncoding('utf8');
  async function* counted(): AsyncGenerator<string> {
    for await (const chunk of source as AsyncIterable<string>) {
      read += Buffer.byteLength(chunk);
      yield chunk;
    }
  }
  return { chunks: counted(), bytesRead: () => read, totalBytes: null };
}

/** A writer that respects backpressure and closes the file it opened. */
export class TextSink {
  readonly #stream: Writable;
  readonly #owned: boolean;
  #buffer = '';

  constructor(target: ExportTarget) {
    this.#owned = typeof target === 'string';
    this.#stream = typeof target === 'string' ? createWriteStream(target, { encoding: 'utf8' }) : target;
  }

  async write(text: string): Promise<void> {
    this.#buffer += text;
    if (this.#buffer.length >= 64 * 1024) await this.#drain();
  }

  async #drain(): Promise<void> {
    const text = this.#buffer;
    this.#buffer = '';
    if (!this.#stream.write(text)) await once(this.#stream, 'drain');
  }

  async close(): Promise<void> {
    await this.#drain();
    if (this.#owned) {
      this.#stream.end();
      await once(this.#stream, 'finish');
    }
  }
}
