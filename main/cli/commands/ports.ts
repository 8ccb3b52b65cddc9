import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { listSerialPorts } from '../../../modem/at/index';
import { groupModems, probePorts } from '../../../modem/driver/index';
import type { Command } from '../command';
import { UsageError } from '../io';
import { parseBaud, systemOpener } from '../modem-access';

async function candidatePaths(dirs: readonly string[], explicit: readonly string[]): Promise<string[]> {
  const paths = [...explicit];
  for (const dir of dirs) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      throw new UsageError(`Cannot read the folder "${dir}".`);
    }
    for (const name of names) {
      const full = join(dir, name);
      try {
        if (!statSync(full).isDirectory()) paths.push(full);
      } catch {
        // a dangling link (a pty that just went away): skip it
      }
    }
  }
  if (dirs.length === 0 && explicit.length === 0) {
    paths.push(...(await listSerialPorts()).map((p) => p.path));
  }
  return [...new Set(paths)];
}

export const portsCommand: Command = {
  path: ['ports'],
  summary: 'Find modems: probe serial ports and list each modem once',
  help: `Usage: smsdesk ports [PATH ...] [--dir DIR ...] [--timeout MS] [--baud N] [--json]

Opens every candidate serial port at once with short timeouts, asks each for AT
and its identity, and groups ports by IMEI, so a USB stick with three ports is
listed once with the port SMSDesk would use (the one that delivers notices).
Without PATH or --dir, the ports the operating system lists are probed.

Options:
  --dir DIR      Probe every device in DIR (e.g. the emulator's pty folder)
  --timeout MS   Time for each answer (default 1000)
  --baud N       Line speed (default 115200)
  --json         One JSON object: {ports: [...], modems: [...]}
`,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: {
        dir: { type: 'string', multiple: true },
        timeout: { type: 'string' },
        baud: { type: 'string' },
        json: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: true,
    });
    const timeoutMs = values.timeout === undefined ? 1_000 : Number(values.timeout);
    if (!Number.isInteger(timeoutMs) || timeoutMs < 50) throw new UsageError('--timeout must be a number of milliseconds (at least 50).');
    const paths = await candidatePaths(values.dir ?? [], positionals);
    const probes = await probePorts(paths, systemOpener(parseBaud(values.baud)), { timeoutMs });
    const modems = groupModems(probes);
    if (values.json) {
      io.stdout(`${JSON.stringify({ ports: probes, modems })}\n`);
      return 0;
    }
    if (modems.length === 0) io.stdout(`No modem answered on ${paths.length} port(s).\n`);
    for (const m of modems) {
      io.stdout(`${m.path}  ${[m.manufacturer, m.model].filter(Boolean).join(' ') || 'unknown modem'}  IMEI ${m.imei || 'unknown'}\n`);
      const others = m.ports.filter((p) => p !== m.path);
      if (others.length) io.stdout(`    also on ${others.join(', ')}\n`);
    }
    for (const p of probes.filter((x) => !x.ok)) io.stdout(`${p.path}  not a modem port: ${p.problem ?? 'no answer'}\n`);
    return 0;
  },
};
