import { splitArgs } from '../command-line';

/** Integer argument i of a set command, or `fallback` when absent/empty; NaN when not a number. */
export function intArg(args: string, i: number, fallback?: number): number {
  const a = splitArgs(args)[i];
  if (!a || a.value === '') return fallback ?? NaN;
  return /^\d+$/.test(a.value) ? Number(a.value) : NaN;
}

export function strArg(args: string, i: number): string | undefined {
  const a = splitArgs(args)[i];
  return a && a.value !== '' ? a.value : undefined;
}

export function argCount(args: string): number {
  return args.trim() === '' ? 0 : splitArgs(args).length;
}

/** "(0-2)" / "(0,2)" ranges as AT+...=? shows them. */
export function range(values: readonly number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const contiguous = sorted.every((v, i) => i === 0 || v === sorted[i - 1]! + 1);
  if (contiguous && sorted.length > 2) return `(${sorted[0]}-${sorted[sorted.length - 1]})`;
  return `(${sorted.join(',')})`;
}
