/**
 * `npm run bench`: runs every bench/*.bench.ts in turn, each in its own process
 * so one benchmark's heap and JIT state cannot colour the next. Extra arguments
 * go to every benchmark (e.g. `npm run bench -- --quick`); `--only NAME` picks one.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const args = process.argv.slice(2);
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? args[onlyAt + 1] : undefined;
const passOn = onlyAt >= 0 ? args.filter((_, i) => i !== onlyAt && i !== onlyAt + 1) : args;

const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !only || f.startsWith(only))
  .sort();
if (files.length === 0) {
  console.error(`No benchmark matches ${only ?? '*'} in bench/.`);
  process.exit(2);
}
let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, file), ...passOn], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.error(`${file} exited with ${r.status ?? r.signal}`);
  }
}
process.exit(failed ? 1 : 0);
