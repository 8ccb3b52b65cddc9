/**
 * The runtime layers are enforced by lint (eslint.config.mjs). These cases prove
 * each rule bites: a deliberate violation in each layer is reported, and the
 * same import is accepted where it belongs.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals')
    .map((m) => m.message);
}

describe('lint enforces the runtime layers', () => {
  const cases: Array<[file: string, code: string, expected: RegExp | null]> = [
    ['modem/driver/x.ts', "import { app } from 'electron';\nexport const a = app;", /Only main\/electron\/ may import electron/],
    ['modem/driver/x.ts', "import Database from 'better-sqlite3';\nexport const d = Database;", /modem\/ has no storage/],
    ['modem/driver/x.ts', 'export const t = document.title;', /run in Node, not in a page/],
    ['modem/driver/x.ts', "import { setTimeout } from 'node:timers';\nexport const s = setTimeout;", null],
    ['modem/pdu/x.ts', "import { Buffer as B } from 'node:buffer';\nexport const b = B;", /runs where Node is not available/],
    ['modem/pdu/x.ts', "export const b = Buffer.from('00', 'hex');", /runs where Node is not available/],
    ['modem/pdu/x.test.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;", null],
    ['renderer/src/x.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;", /runs where Node is not available/],
    ['renderer/src/x.ts', "import { readFileSync } from 'fs';\nexport const r = readFileSync;", /runs where Node is not available/],
    ['renderer/src/x.ts', "import { StationCore } from '../../main/core';\nexport const c = StationCore;", /only through the contract/],
    ['renderer/src/x.ts', "import { ok } from '../../main/contract';\nexport const o = ok;", null],
    [
      'renderer/src/x.ts',
      "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;",
      /Only main\/electron\/ may import electron/,
    ],
    ['main/core/x.ts', "import { app } from 'electron';\nexport const a = app;", /Only main\/electron\/ may import electron/],
    ['main/cli/x.ts', "import { app } from 'electron';\nexport const a = app;", /Only main\/electron\/ may import electron/],
    ['main/electron/window.ts', "import { app } from 'electron';\nexport const a = app;", null],
    [
      'main/electron/window.ts',
      "import { ipcMain } from 'electron';\nexport const i = ipcMain;",
      /Raw IPC only inside the contract wrappers/,
    ],
    ['main/electron/ipc.ts', "import { ipcMain } from 'electron';\nexport const i = ipcMain;", null],
    ['preload/index.ts', "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;", null],
    ['mailbox/server/x.ts', "import { app } from 'electron';\nexport const a = app;", /Only main\/electron\/ may import electron/],
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
