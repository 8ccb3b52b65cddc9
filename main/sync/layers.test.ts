/**
 * main/sync's lint layer (eslint.config.mjs) bites: no Electron, and of the mailbox only its
 * wire formats; its tests may start a real server.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the main/sync lint layer', () => {
  const cases: Array<[file: string, code: string, expected: RegExp | null]> = [
    ['main/sync/x.ts', "import { app } from 'electron';\nexport const a = app;", /Only main\/electron\/ may import electron/],
    ['main/sync/x.ts', "import { serveMailbox } from '../../mailbox/index';\nexport const s = serveMailbox;", /never the server internals/],
    [
      'main/sync/x.ts',
      "import { sendMessage } from '../../mailbox/domain/messages';\nexport const s = sendMessage;",
      /never the server internals/,
    ],
    ['main/sync/x.ts', "import { register } from '../electron/ipc';\nexport const r = register;", /runs headless/],
    ['main/sync/x.ts', "import { LIMITS } from '../../mailbox/protocol/http';\nexport const l = LIMITS;", null],
    ['main/sync/x.ts', "import { Station } from '../station/index';\nexport const s = Station;", null],
    ['main/sync/x.test.ts', "import { serveMailbox } from '../../mailbox/index';\nexport const s = serveMailbox;", null],
  ];
  for (const [file, code, expected] of cases) {
    it(`${expected ? 'rejects' : 'accepts'} ${code.split('\n')[0]} in ${file}`, async () => {
      const errors = await layerErrors(file, code);
      if (expected)
        expect(
          errors.some((e) => expected.test(e)),
          errors.join(' | ') || 'no layer error',
        ).toBe(true);
      else expect(errors).toEqual([]);
    });
  }
});
