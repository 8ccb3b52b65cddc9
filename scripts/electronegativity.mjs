#!/usr/bin/env node
/**
 * Runs @doyensec/electronegativity over the project (Electron 45 assumed, so its checks use
 * today's defaults) and fails when a HIGH finding is not explained in
 * build/electronegativity-accepted.json. Every finding is printed, explained or not.
 * Only what runs in Electron is audited: main/electron, preload/ and the page (copied to a
 * temporary folder, so the rest of the tree does not slow it down). `--input DIR` checks another
 * folder instead (the tests use a bad example). Offline machines: the tool's update checks fail quietly; the analysis is local.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const inputAt = process.argv.indexOf('--input');
const input = inputAt > 0 && process.argv[inputAt + 1] ? resolve(process.argv[inputAt + 1]) : stageElectronFiles();
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const accepted = JSON.parse(readFileSync(join(root, 'build/electronegativity-accepted.json'), 'utf8')).accepted;

// The tool's own runner, in this process. Its command line writes the CSV report with two
// unordered asynchronous writes (the header truncates the file while the rows are appended),
// so a report read after it exits is sometimes garbled or holds only the header: a false pass.
// The runner returns the findings themselves.
const run = createRequire(import.meta.url)(join(root, 'node_modules/@doyensec/electronegativity/dist/runner.js'));
let result;
try {
  result = await run({
    input,
    output: undefined,
    isSarif: false,
    customScan: [],
    excludeFromScan: [],
    severitySet: undefined,
    confidenceSet: undefined,
    isRelative: true,
    isVerbose: false,
    electronUpgrade: undefined,
    electronVersionOverride: electronVersion,
    parserPlugins: [],
  });
} finally {
  if (inputAt < 0) rmSync(input, { recursive: true, force: true });
}
// A file the tool could not parse is a file it did not audit (tolerable: a warning it parsed past).
const unread = result.errors.filter((e) => !e.tolerable);
for (const e of result.errors) console.error(`electronegativity ${e.tolerable ? 'warned on' : 'could not read'} ${e.file}: ${e.message}`);
if (unread.length > 0) process.exit(1);

/** Copies the Electron-side sources into a temporary folder, keeping their relative paths. */
function stageElectronFiles() {
  const stage = mkdtempSync(join(tmpdir(), 'electronegativity-src-'));
  for (const path of ['main/electron', 'preload', 'renderer/index.html', 'package.json']) {
    cpSync(join(root, path), join(stage, path), { recursive: true });
  }
  return stage;
}

const findings = result.issues.map((i) => ({
  check: i.id,
  severity: i.severity.name,
  confidence: i.confidence.name,
  file: i.file,
  location: `${i.location.line}:${i.location.column}`,
  description: i.description,
}));

const explained = (f) => accepted.some((a) => a.check === f.check && (a.file === '*' || a.file === f.file));
let unexplained = 0;
for (const f of findings) {
  const ok = explained(f);
  if (!ok && f.severity === 'HIGH') unexplained++;
  console.log(
    `${ok ? 'accepted   ' : f.severity === 'HIGH' ? 'UNEXPLAINED' : 'noted      '}  ${f.severity.padEnd(6)} ${f.check}  ${f.file}:${f.location}  ${f.description}`,
  );
}
console.log(`electronegativity (Electron ${electronVersion}): ${findings.length} finding(s), ${unexplained} high without an explanation.`);
process.exit(unexplained > 0 ? 1 : 0);
