import { decodeLineToJson, encodeLineToJson, type LineResult } from '../../../modem/pdu';
import type { Command } from '../command';
import type { CliIo } from '../io';

/**
 * Runs one line-level converter over the positional arguments, or over stdin
 * lines when there are none. Blank lines are skipped; a bad line prints its
 * error object and the run goes on; the exit status is 1 if any line failed.
 */
async function convertLines(argv: readonly string[], io: CliIo, convert: (line: string) => LineResult): Promise<number> {
  let failed = false;
  const handle = (raw: string): void => {
    const line = raw.trim();
    if (line === '') return;
    const { json, ok } = convert(line);
    if (!ok) failed = true;
    io.stdout(`${JSON.stringify(json)}\n`);
  };
  const args = argv.filter((a) => a !== '-');
  if (args.length > 0) for (const a of args) handle(a);
  else for await (const line of io.stdin()) handle(line);
  return failed ? 1 : 0;
}

export const pduDecodeCommand: Command = {
  path: ['pdu', 'decode'],
  summary: 'Decode SMS PDUs (hex) to JSON, one per line',
  help: `Usage: smsdesk pdu decode [HEX ...]

Decodes SMS-DELIVER, SMS-SUBMIT and SMS-STATUS-REPORT PDUs, with or without
the SMSC prefix that modems show in +CMGR/+CMGL/+CMT. Reads one PDU per line
from standard input when no PDU is given. Prints one JSON object per PDU:
type, smsc, address, text, encoding, class, timestamp, concat, and for status
reports reference, status, outcome and dischargeTime. A PDU that cannot be
decoded prints {"error": {"code", "message", "offset"}}; the exit status is
then 1, after every line has been tried.

Example:
  echo 07911326040000F0040B911346610089F60000208062917314080CC8F71D14969741F977FD07 | smsdesk pdu decode
`,
  run: (argv, io) => convertLines(argv, io, decodeLineToJson),
};

export const pduEncodeCommand: Command = {
  path: ['pdu', 'encode'],
  summary: 'Encode SMS-SUBMIT PDUs from JSON, one per line',
  help: `Usage: smsdesk pdu encode ['{"to": "+4915...", "text": "..."}' ...]

Reads one JSON object per line from standard input (or takes them as
arguments) with at least "to" and "text", plus options (statusReport,
validity, class, ...). Prints {"parts": [{"hex", "tpduLength"}], "encoding",
"segments"} per line; "hex" goes after AT+CMGS=<tpduLength> as is. A line that
cannot be encoded prints {"error": {"code", "message"}}; the exit status is
then 1.
`,
  run: (argv, io) => convertLines(argv, io, encodeLineToJson),
};
