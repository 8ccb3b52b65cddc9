/**
 * AT sequences as tables: each step is a command, its timeout and a reply handler.
 * The runner sends them in order; an optional step's failure is noted and skipped,
 * any other failure stops the sequence with the command's typed error.
 */
import { CancelledError, PortClosedError, type AtChannel, type AtResponse } from '../at/index';

export interface Step<C> {
  readonly command: string | ((ctx: C) => string | undefined);
  readonly timeoutMs?: number;
  /** Reply prefixes (see AtCommandOptions.expect). */
  readonly expect?: string | readonly string[];
  /** A failure is logged and the sequence goes on. */
  readonly optional?: boolean;
  readonly handle?: (response: AtResponse, ctx: C) => void;
  /** Called instead of failing when an optional step fails. */
  readonly onError?: (error: unknown, ctx: C) => void;
}

export interface RunOptions {
  readonly signal?: AbortSignal;
  /** Told about optional steps that failed. */
  readonly onSkip?: (command: string, error: unknown) => void;
}

export async function runSequence<C>(channel: AtChannel, steps: readonly Step<C>[], ctx: C, options: RunOptions = {}): Promise<void> {
  for (const step of steps) {
    const command = typeof step.command === 'function' ? step.command(ctx) : step.command;
    if (command === undefined) continue; // the step does not apply
    try {
      const response = await channel.send(command, {
        ...(step.timeoutMs !== undefined ? { timeoutMs: step.timeoutMs } : {}),
        ...(step.expect !== undefined ? { expect: step.expect } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      step.handle?.(response, ctx);
    } catch (error) {
      if (!step.optional || isFatal(error)) throw error;
      step.onError?.(error, ctx);
      options.onSkip?.(command, error);
    }
  }
}

/** The first reply line that is not empty, without a leading "+XYZ:" and quotes ("+CGMI: "huawei"" → "huawei"). */
export function plainValue(lines: readonly string[]): string {
  for (const line of lines) {
    const text = line
      .trim()
      .replace(/^[+^][A-Z0-9]+:\s*/i, '')
      .replace(/^"(.*)"$/, '$1')
      .trim();
    if (text !== '') return text;
  }
  return '';
}

/** A lost port or a cancellation ends any sequence, optional step or not. */
export function isFatal(error: unknown): boolean {
  return error instanceof PortClosedError || error instanceof CancelledError;
}
