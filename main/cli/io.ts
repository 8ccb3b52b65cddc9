/** What a command may touch of the outside world; tests pass their own. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdin: () => AsyncIterable<string>;
  /** Resolves when the user asks to stop (Ctrl-C); long-running commands wait on it. */
  interrupted: () => Promise<void>;
}

/** An error the user caused (bad flags, missing file): printed without a stack trace. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
