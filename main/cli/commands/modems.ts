/**
 * smsdesk modems list|set-number|set-rate: the modems the archive has seen, a SIM's own number
 * when it does not tell it, and a modem's own send rate.
 */
import { parseArgs } from 'node:util';
import type { Archive, ModemRecord } from '../../archive/index';
import type { Command } from '../command';
import { UsageError } from '../io';
import { DEFAULT_RATE_PER_MINUTE } from '../../station/rate';
import { DB_OPTION_HELP, formatTime, withArchive } from './archive-db';

/** A modem in words: "+491555000001 (IMEI 356938035643809)", or what of that is known. */
export function modemName(modem: ModemRecord): string {
  if (modem.ownNumber && modem.imei) return `${modem.ownNumber} (IMEI ${modem.imei})`;
  if (modem.ownNumber) return modem.ownNumber;
  if (modem.imei) return `IMEI ${modem.imei}`;
  return `SIM ${modem.iccid ?? '?'}`;
}

/** The modem a person names by its IMEI or its SIM's number (as `send --from` takes it). */
export function findModem(archive: Archive, ref: string): ModemRecord {
  const modem = archive.modems.find(ref);
  if (!modem) throw new UsageError(`No modem with the IMEI or number ${ref} has been connected yet; "smsdesk modems list" shows them.`);
  return modem;
}

function modemJson(m: ModemRecord): Record<string, unknown> {
  return {
    id: m.id,
    imei: m.imei,
    iccid: m.iccid,
    ownNumber: m.ownNumber,
    manufacturer: m.manufacturer,
    model: m.model,
    ratePerMinute: m.ratePerMinute,
    firstSeenAt: new Date(m.firstSeenAt).toISOString(),
    lastSeenAt: new Date(m.lastSeenAt).toISOString(),
  };
}

export const modemsListCommand: Command = {
  path: ['modems', 'list'],
  summary: 'List the modems the archive has seen, with their SIM numbers',
  help: `Usage: smsdesk modems list [--db FILE] [--json]

Lists every modem a station has driven: its IMEI, its SIM's own number (from the
SIM, or set with "smsdesk modems set-number"), the model and when it was last seen.

Options:
${DB_OPTION_HELP}
  --json         One JSON object: {modems: [...]}
`,
  async run(argv, io) {
    const { values } = parseArgs({ args: [...argv], options: { db: { type: 'string' }, json: { type: 'boolean' } }, strict: true });
    return withArchive(values.db, (archive) => {
      const modems = archive.modems.list();
      if (values.json) io.stdout(`${JSON.stringify({ modems: modems.map(modemJson) })}\n`);
      else if (modems.length === 0) io.stdout('No modem has been connected yet.\n');
      else {
        for (const m of modems) {
          const model = [m.manufacturer, m.model].filter(Boolean).join(' ') || 'unknown model';
          const rate = m.ratePerMinute === null ? '' : `, ${m.ratePerMinute} a minute`;
          io.stdout(
            `${String(m.id).padStart(4)}  IMEI ${(m.imei ?? '-').padEnd(15)}  ${(m.ownNumber ?? 'number unknown').padEnd(14)}  ${model}${rate}, last seen ${formatTime(m.lastSeenAt)}\n`,
          );
        }
      }
      return 0;
    });
  },
};

export const modemsSetNumberCommand: Command = {
  path: ['modems', 'set-number'],
  summary: "Set a SIM's own number when the SIM does not tell it",
  help: `Usage: smsdesk modems set-number IMEI NUMBER [--db FILE] [--json]
       smsdesk modems set-number IMEI --clear [--db FILE] [--json]

Many SIMs do not tell their own number (AT+CNUM answers nothing). Set it here,
so that "smsdesk send --from NUMBER" and routes can name the modem by it. A
number the SIM reports later replaces it. --clear forgets a number set by
mistake (or one the SIM moved away from).

Options:
  --clear        Forget the modem's number instead of setting one
${DB_OPTION_HELP}
  --json         One JSON object: the modem
`,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { db: { type: 'string' }, json: { type: 'boolean' }, clear: { type: 'boolean' } },
      strict: true,
      allowPositionals: true,
    });
    const [imei, number] = positionals;
    const expected = values.clear ? 1 : 2;
    if (positionals.length !== expected || imei === undefined || (!values.clear && number === undefined)) {
      throw new UsageError(
        values.clear
          ? 'Give only the modem’s IMEI with --clear, e.g. smsdesk modems set-number 356938035643809 --clear.'
          : 'Give the modem’s IMEI and the number, e.g. smsdesk modems set-number 356938035643809 +491701234567.',
      );
    }
    if (number !== undefined && !/^\+?[0-9][0-9\s\-().]{2,24}$/.test(number.trim()))
      throw new UsageError(`"${number}" is not a phone number.`);
    return withArchive(values.db, (archive) => {
      const modem = modemByImei(archive, imei);
      archive.modems.setOwnNumber(modem.id, number ?? null);
      const updated = archive.modems.get(modem.id) as ModemRecord;
      const said = updated.ownNumber === null ? 'its number is forgotten' : `its SIM's number is ${updated.ownNumber}`;
      io.stdout(values.json ? `${JSON.stringify(modemJson(updated))}\n` : `Modem IMEI ${imei.trim()}: ${said}.\n`);
      return 0;
    });
  },
};

export const modemsSetRateCommand: Command = {
  path: ['modems', 'set-rate'],
  summary: 'Set how many SMS parts a minute one modem may send',
  help: `Usage: smsdesk modems set-rate IMEI N [--db FILE] [--json]
       smsdesk modems set-rate IMEI default [--db FILE] [--json]

Networks block SIMs that send too fast; every modem sends at most the
station's rate of SMS parts a minute (${DEFAULT_RATE_PER_MINUTE} unless "smsdesk station --rate" says
otherwise; a long message is several parts).
Give one modem its own rate here, e.g. a SIM whose contract allows more, or
"default" to go back to the station's. A running station uses the new rate
from its next message on.

Options:
${DB_OPTION_HELP}
  --json         One JSON object: the modem
`,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { db: { type: 'string' }, json: { type: 'boolean' } },
      strict: true,
      allowPositionals: true,
    });
    const [imei, given] = positionals;
    if (positionals.length !== 2 || imei === undefined || given === undefined) {
      throw new UsageError('Give the modem’s IMEI and a rate, e.g. smsdesk modems set-rate 356938035643809 10 (or "default").');
    }
    const rate = given.trim().toLowerCase() === 'default' ? null : Number(given);
    if (rate !== null && !(Number.isInteger(rate) && rate >= 1 && rate <= 600)) {
      throw new UsageError(`A rate is a whole number of parts a minute from 1 to 600, or "default"; "${given}" is neither.`);
    }
    return withArchive(values.db, (archive) => {
      const modem = modemByImei(archive, imei);
      archive.modems.setRatePerMinute(modem.id, rate);
      const updated = archive.modems.get(modem.id) as ModemRecord;
      const said =
        updated.ratePerMinute === null ? 'sends at the station’s rate' : `sends at most ${updated.ratePerMinute} SMS parts a minute`;
      io.stdout(values.json ? `${JSON.stringify(modemJson(updated))}\n` : `Modem IMEI ${imei.trim()}: ${said}.\n`);
      return 0;
    });
  },
};

function modemByImei(archive: Archive, imei: string): ModemRecord {
  const modem = archive.modems.list().find((m) => m.imei === imei.trim());
  if (!modem) throw new UsageError(`No modem with the IMEI ${imei} has been connected yet; "smsdesk modems list" shows them.`);
  return modem;
}

export const modemsCommands: readonly Command[] = [modemsListCommand, modemsSetNumberCommand, modemsSetRateCommand];
