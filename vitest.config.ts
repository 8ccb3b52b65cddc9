import { defineConfig } from 'vitest/config';

// Unit tests sit beside the code; cross-module and browser tests live in test/.
export default defineConfig({
  test: {
    include: ['{modem,main,preload,renderer,mailbox,test}/**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**', 'out/**'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one worker per core but one, which is a single worker on a 2-core CI
    // machine: the files then ran one after another (648 s for 471 s of tests). Most files wait on
    // serial timings, timers and a browser more than they compute, so two run side by side.
    // SMSDESK_TEST_WORKERS overrides it (1 to debug a file's interaction with another).
    maxWorkers: Number(process.env['SMSDESK_TEST_WORKERS'] ?? 2),
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
