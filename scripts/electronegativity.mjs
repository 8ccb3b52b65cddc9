#!/usr/bin/env node
/**
 * Runs @doyensec/electronegativity over the project (Electron 45 assumed, so its checks use
 * today's defaults) and fails when a HIGH finding is not explained in
 * build/electronegativity-accepted.json. Every finding is printed, explained or not.
 * Only what runs in Electron is audited: main/electron, preload/ and the page (copied to a
 * temporary folder, so the rest of the tree does not slow it down). `--input DIR` checks another
 * folder instead (the tests use a bad example). Offline machines: the tool's update checks fail quietly; the analysis is local.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const inputAt = process.argv.indexOf('--input');
const input = inputAt > 0 && process.argv[inputAt + 1] ? process.argv[inputAt + 1] : stageElectronFiles();
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const accepted = JSON.parse(readFileSync(join(root, 'build/electronegativity-accepted.json'), 'utf8')).accepted;
const dir = mkdtempSync(join(tmpdir(), 'electronegativity-'));
const csv = join(dir, 'findings.csv');

const bin = join(root, 'node_modules/@doyensec/electronegativity/dist/index.js');
const run = spawnSync(process.execPath, [bin, '-i', input, '-e', electronVersion, '-r', '-v', 'false', '-o', csv], {
  cwd: input,
  encoding: 'utf8',
  timeout: 5 * 60_000,
});
let text;
try {
  text = readFileSync(csv, 'utf8');
} catch {
  console.error(`electronegativity wrote no report (exit ${run.status}).\n${run.stdout}\n${run.stderr}`);
  process.exit(1);
} finally {
  rmSync(dir, { recursive: true, force: true });
  if (inputAt < 0) rmSync(input, { recursive: true, force: true });
}

/** Copies the Electron-side sources into a temporary folder, keeping their relative paths. */
function stageElectronFiles() {
  const stage = mkdtempSync(join(tmpdir(), 'electronegativity-src-'));
  for (const path of ['main/electron', 'preload', 'renderer/index.html', 'package.json']) {
    cpSync(join(root, path), join(stage, path), { recursive: true });
  }
  return stage;
}

/** The report's rows: issue, severity, confidence, filename, location, … (quoted CSV). */
function parseRow(line) {
  const cells = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      cells.push(cell.trim());
      cell = '';
    } else cell += c;
  }
  cells.push(cell.trim());
  return cells;
}

const findings = text
  .split(/\r?\n/)
  .slice(1)
  .filter((l) => l.trim() !== '')
  .map(parseRow)
  .map(([check, severity, confidence, file, location, , description]) => ({ check, severity, confidence, file, location, description }))
  // The built copies repeat what their sources say.
  .filter((f) => !f.file.startsWith('out/'));

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
