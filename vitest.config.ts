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
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
