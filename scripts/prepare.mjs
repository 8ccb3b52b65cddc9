#!/usr/bin/env node
// `npm install` ends by building the app and the `smsdesk` CLI (bin/smsdesk.mjs runs out/cli).
// CI sets SMSDESK_SKIP_PREPARE=1: its next step, `npm test`, builds anyway, and building twice
// costs the run most of a minute.
import { spawnSync } from 'node:child_process';

if (process.env.SMSDESK_SKIP_PREPARE) {
  console.log('smsdesk: build skipped after install (SMSDESK_SKIP_PREPARE is set); "npm test" builds.');
  process.exit(0);
}
const r = spawnSync('npm', ['run', 'build'], { stdio: 'inherit', shell: process.platform === 'win32' });
process.exit(r.status ?? 1);
