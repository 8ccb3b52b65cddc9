#!/usr/bin/env node
// Entry point of the `smsdesk` command. The CLI is bundled to out/cli/ by
// `npm run build`, which `npm install` runs (the "prepare" script).
import { existsSync } from 'node:fs';

const entry = new URL('../out/cli/index.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('smsdesk: the command-line tool is not built yet. Run "npm run build" in the SMSDesk folder.');
  process.exit(1);
}
await import(entry.href);
