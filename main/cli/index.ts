/** The `smsdesk` executable: wires the CLI to the real process. */
import { createInterface } from 'node:readline';
import { runCli } from './main';

const io = {
  stdout: (text: string) => void process.stdout.write(text),
  stderr: (text: string) => void process.stderr.write(text),
  stdin: () => createInterface({ input: process.stdin, crlfDelay: Infinity }),
  interrupted: () =>
    new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    }),
};

runCli(process.argv.slice(2), io).then(
  (status) => {
    process.exitCode = status;
  },
  (err: unknown) => {
    console.error('smsdesk: unexpected failure:', err);
    process.exitCode = 70; // EX_SOFTWARE
  },
);
