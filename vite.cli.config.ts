import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';
import pkg from './package.json';

/**
 * Bundles the headless CLI (main/cli) for Node. Dependencies stay external and
 * load from node_modules, so native modules (better-sqlite3, serialport) are
 * the ones built for Node, not for Electron.
 */
const external = [...builtinModules, ...builtinModules.map((m) => `node:${m}`), ...Object.keys(pkg.dependencies)].map(
  (name) => new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(/.*)?$`),
);

export default defineConfig({
  build: {
    ssr: 'main/cli/index.ts',
    outDir: 'out/cli',
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
    minify: false,
    rollupOptions: {
      external,
      output: { format: 'es', entryFileNames: 'index.js' },
    },
  },
  ssr: { target: 'node', noExternal: [] },
});
