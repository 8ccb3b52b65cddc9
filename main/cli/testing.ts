/** Test helpers for CLI commands: an in-memory terminal and a one-call runner. Tests only. */
import type { CliIo } from './io';
import { runCli } from './main';

export type FakeIo = CliIo & { out: string[]; err: string[]; text(): string };

/** A terminal that keeps what was written; `interrupted` resolves when "Ctrl-C" is pressed. */
export function fakeIo(interrupted: Promise<void> = Promise.resolve()): FakeIo {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    text: () => out.join(''),
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    stdin: async function* () {},
    interrupted: () => interrupted,
  };
}

/** Runs `smsdesk argv…` and returns its exit status and everything it wrote. */
export async function runCommand(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = fakeIo();
  const code = await runCli(argv, io);
  return { code, out: io.text(), err: io.err.join('') };
}
