import type { CliIo } from './io';

export interface Command {
  /** Words that select the command, e.g. ['pdu', 'decode']. */
  readonly path: readonly string[];
  readonly summary: string;
  /** Full help text: usage line, options, examples. */
  readonly help: string;
  /** Returns the process exit status. */
  run(argv: readonly string[], io: CliIo): Promise<number>;
}
