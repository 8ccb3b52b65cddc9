import { parseArgs } from 'node:util';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDemo, Emulator, isProfileId, type ProfileId, PROFILES, PtyHost, startControlServer } from '../../../modem/emulator';
import type { Command } from '../command';
import { UsageError } from '../io';

export const emulatorCommand: Command = {
  path: ['emulator'],
  summary: 'Run virtual modems on pseudo-terminals (no hardware needed)',
  help: `Usage: smsdesk emulator [--modems N] [--profile ID ...] [--demo] [--dir DIR]
                        [--realistic] [--baud N] [--control-port N] [--json]

Starts virtual GSM modems on a virtual network and puts each modem's serial
ports on pseudo-terminals, so SMSDesk, gammu, smsd or a terminal program can
open them like real devices. A control API on 127.0.0.1 injects SMS, calls
and faults and shows what the network saw.

Options:
  --modems N         Number of modems (default: 1, or one per --profile)
  --profile ID       Quirk profile of the next modem; repeat for several:
                     ${Object.keys(PROFILES).join(', ')}
  --demo             One modem and a phone on the network that answers every SMS
  --dir DIR          Folder for the pty links (default: a folder in the system temp dir)
  --realistic        Network timing like a real one (seconds per SMS, about 8 a minute)
  --baud N           Throttle each port to N baud (e.g. 115200)
  --control-port N   Port of the control API (default: a free one)
  --json             Print one JSON line describing the modems, for scripts

Needs socat (Debian/Ubuntu: apt-get install socat).
`,
  async run(argv, io) {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        modems: { type: 'string' },
        profile: { type: 'string', multiple: true },
        dir: { type: 'string' },
        realistic: { type: 'boolean' },
        demo: { type: 'boolean' },
        baud: { type: 'string' },
        'control-port': { type: 'string' },
        json: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    });
    const profiles = values.profile ?? [];
    for (const p of profiles)
      if (!isProfileId(p)) throw new UsageError(`Unknown profile "${p}". Choose from: ${Object.keys(PROFILES).join(', ')}.`);
    const count = values.modems === undefined ? Math.max(1, profiles.length) : Number(values.modems);
    if (!Number.isInteger(count) || count < 1 || count > 32) throw new UsageError('--modems must be a number from 1 to 32.');
    const baud = values.baud === undefined ? 0 : Number(values.baud);
    if (!Number.isInteger(baud) || baud < 0) throw new UsageError('--baud must be a whole number.');
    const controlPort = values['control-port'] === undefined ? 0 : Number(values['control-port']);
    if (!Number.isInteger(controlPort) || controlPort < 0 || controlPort > 65535)
      throw new UsageError('--control-port must be a number from 0 to 65535.');
    const dir = values.dir ?? join(tmpdir(), `smsdesk-emulator-${process.pid}`);
    mkdirSync(dir, { recursive: true });

    const emulator = values.demo
      ? createDemo(profiles[0] ? { profile: profiles[0] as ProfileId } : {})
      : new Emulator({
          modems: Array.from({ length: count }, (_, i) => ({
            profile: (profiles[i] ?? profiles[profiles.length - 1] ?? 'generic') as ProfileId,
          })),
          timing: values.realistic ? 'realistic' : 'unlimited',
          portBase: 'ttyEMU',
        });
    const ptys = await PtyHost.start(emulator, dir, baud);
    const control = await startControlServer(emulator, { port: controlPort, ptys });
    const described = emulator.modems.map((m, i) => ({
      index: i,
      msisdn: m.msisdn,
      profile: m.profile.id,
      ports: m.ports.map((p) => ({ path: ptys.pathOf(p), notices: p.urcs })),
    }));
    const handsets = emulator.handsets.map((h) => h.msisdn);
    if (values.json) io.stdout(`${JSON.stringify({ control: control.url, dir, modems: described, handsets })}\n`);
    else {
      io.stdout(
        `SMSDesk emulator: ${count} virtual modem(s) on a virtual network (${values.realistic ? 'realistic' : 'unlimited'} timing)\n`,
      );
      for (const m of described) {
        io.stdout(`  modem ${m.index}  ${m.msisdn}  ${m.profile}\n`);
        for (const p of m.ports) io.stdout(`      ${p.path}${p.notices ? '  (notices: new SMS, calls, reports)' : ''}\n`);
      }
      for (const h of handsets) io.stdout(`  phone    ${h}  answers every SMS\n`);
      io.stdout(`Control API: ${control.url}/status\nPress Ctrl-C to stop.\n`);
    }
    await io.interrupted();
    await control.close();
    await ptys.close();
    emulator.dispose();
    if (!values.json) io.stdout('Stopped.\n');
    return 0;
  },
};
