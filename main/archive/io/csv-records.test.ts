import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { csvRecords } from './csv-records';

describe('csvRecords', () => {
  it('ends with the source’s error when the source breaks, instead of waiting forever', async () => {
    const source = new PassThrough();
    const reading = (async () => {
      for await (const _item of csvRecords(source)) {
        // Rows before the break come out; how many depends on the parser's buffering.
      }
    })();
    source.write('body\nfirst\nsecond\n');
    await new Promise((resolve) => setImmediate(resolve));
    source.destroy(new Error('the import was cancelled'));
    await expect(reading).rejects.toThrow('the import was cancelled');
  });
});
