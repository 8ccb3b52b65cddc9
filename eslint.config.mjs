// Lint is where the runtime layers are enforced (README: "Where things live"):
//   modem/      no Electron, no SQLite, no DOM, no React; modem/pdu/ also no Node
//   renderer/   no Node built-ins, no Electron, nothing of main/ but the contract
//   main/       only main/electron/ imports 'electron'
//   mailbox/    no Electron, no React, no DOM
//   main/sync/  no Electron; of mailbox/ only the wire formats (mailbox/protocol)
//   raw ipcMain / ipcRenderer only in main/electron/ipc.ts and preload/index.ts
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules.filter((m) => !m.startsWith('_')), ...builtinModules.map((m) => `node:${m}`)];

const msg = {
  electron: 'Only main/electron/ may import electron: keep the core runnable headless (CLI, web, tests).',
  sqlite: 'modem/ has no storage: the station core (main/) owns the archive.',
  dom: 'modem/ and mailbox/ run in Node, not in a page.',
  node: 'This layer runs where Node is not available.',
  ipc: 'Raw IPC only inside the contract wrappers (main/electron/ipc.ts, preload/index.ts).',
  rendererMain: 'The renderer reaches the core only through the contract (main/contract) and window.smsdesk.',
  react: 'UI code belongs in renderer/.',
  sync: 'main/sync is a client of the mailbox: it speaks the wire formats (mailbox/protocol), never the server internals, and runs headless.',
};

const domGlobals = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'HTMLElement'].map((name) => ({
  name,
  message: msg.dom,
}));

/** One no-restricted-imports rule per layer: flat config replaces, never merges, a rule. */
function restrict({ paths = [], patterns = [] }) {
  return { 'no-restricted-imports': ['error', { paths, patterns }] };
}
const noElectron = { name: 'electron', message: msg.electron };
const noRawIpc = { name: 'electron', importNames: ['ipcMain', 'ipcRenderer'], message: msg.ipc };
const noSqlite = { name: 'better-sqlite3', message: msg.sqlite };
const noReact = [
  { name: 'react', message: msg.react },
  { name: 'react-dom', message: msg.react },
];
const nodePaths = nodeBuiltins.map((name) => ({ name, message: msg.node }));

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'test/artifacts/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-throw-literal': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  // Node-side layers: no raw IPC, no Electron outside main/electron.
  {
    files: ['main/**/*.ts', 'mailbox/**/*.ts', 'test/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts'],
    rules: restrict({ paths: [noElectron, ...noReact] }),
  },
  { files: ['main/electron/**/*.ts'], rules: restrict({ paths: [noRawIpc, ...noReact] }) },
  // The desktop's mailbox client: tests and their rig may start a real server, the code may not lean on one.
  {
    files: ['main/sync/**/*.ts'],
    ignores: ['main/sync/**/*.test.ts', 'main/sync/testing.ts'],
    rules: restrict({
      paths: [noElectron, ...noReact],
      patterns: [
        // Anything under mailbox/ but its protocol folder (gitignore-style groups cannot re-include below an excluded folder).
        { regex: '(^|/)mailbox(/(?!protocol(/|$)).*)?$', message: msg.sync },
        { group: ['**/main/electron/**', '../electron/**'], message: msg.sync },
      ],
    }),
  },
  { files: ['main/electron/ipc.ts'], rules: restrict({ paths: [...noReact] }) },
  { files: ['preload/**/*.ts'], rules: restrict({ paths: [...noReact] }) },
  {
    files: ['modem/**/*.ts'],
    rules: { ...restrict({ paths: [noElectron, noSqlite, ...noReact] }), 'no-restricted-globals': ['error', ...domGlobals] },
  },
  {
    files: ['modem/pdu/**/*.ts'],
    ignores: ['modem/pdu/**/*.test.ts'],
    rules: {
      ...restrict({ paths: [noElectron, noSqlite, ...noReact, ...nodePaths] }),
      'no-restricted-globals': ['error', ...domGlobals, { name: 'Buffer', message: msg.node }, { name: 'process', message: msg.node }],
    },
  },
  { files: ['mailbox/**/*.ts'], rules: { 'no-restricted-globals': ['error', ...domGlobals] } },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict({
        paths: [noElectron, ...nodePaths],
        patterns: [{ group: ['**/main/*', '!**/main/contract', '!**/main/contract/*'], message: msg.rendererMain }],
      }),
      'no-restricted-globals': [
        'error',
        { name: 'process', message: msg.node },
        { name: 'require', message: msg.node },
        { name: 'Buffer', message: msg.node },
      ],
    },
  },
);
