/**
 * Final result codes (ITU-T V.250 §5.7.1, TS 27.007 §9.2, TS 27.005 §3.2.5) and their
 * mapping to typed errors. Pure functions on one line of text.
 */
import { cmeCodeFromText } from './cme-codes';
import { cmsCodeFromText } from './cms-codes';
import { assertNever } from './lifecycle';
import { AtCommandError, CmeError, CmsError, type AtError, type CommandFailure } from './errors';

export type FinalResult =
  | { readonly kind: 'ok' }
  | { readonly kind: 'cms'; readonly code: number | undefined; readonly text: string }
  | { readonly kind: 'cme'; readonly code: number | undefined; readonly text: string }
  | { readonly kind: 'failure'; readonly result: CommandFailure; readonly text: string };

const FAILURES: ReadonlyMap<string, CommandFailure> = new Map<string, CommandFailure>([
  ['ERROR', 'ERROR'],
  // Huawei E1752 and relatives answer unknown commands with this instead of ERROR.
  ['COMMAND NOT SUPPORT', 'COMMAND NOT SUPPORT'],
  ['TOO MANY PARAMETERS', 'TOO MANY PARAMETERS'],
  ['NO CARRIER', 'NO CARRIER'],
  ['BUSY', 'BUSY'],
  ['NO ANSWER', 'NO ANSWER'],
  ['NO DIALTONE', 'NO DIALTONE'],
  ['NO DIAL TONE', 'NO DIALTONE'],
]);

const CODED = /^\+(CMS|CME) ERROR:\s*(.*)$/i;

/**
 * Classifies a line as a final result, or returns undefined for any other line.
 * `+CME ERROR:` with nothing after the colon is not final (a truncated line), matching
 * how ModemManager reads it; `+CME ERROR: ` with a trailing blank is final with no code.
 */
export function classifyFinal(line: string): FinalResult | undefined {
  const text = line.trim();
  const upper = text.toUpperCase();
  if (upper === 'OK') return { kind: 'ok' };
  const failure = FAILURES.get(upper);
  if (failure) return { kind: 'failure', result: failure, text };
  const coded = CODED.exec(line.trimStart());
  if (coded) {
    const which = coded[1]?.toUpperCase() === 'CMS' ? 'cms' : 'cme';
    const rest = coded[2] ?? '';
    if (rest.length === 0 && !/:\s$/.test(line.trimStart())) return undefined;
    const arg = rest.trim();
    const code = /^\d+$/.test(arg) ? Number(arg) : which === 'cms' ? cmsCodeFromText(arg) : cmeCodeFromText(arg);
    return { kind: which, code, text };
  }
  return undefined;
}

/** The typed error for a failed final result; undefined for OK. */
export function finalResultError(result: FinalResult, command?: string): AtError | undefined {
  switch (result.kind) {
    case 'ok':
      return undefined;
    case 'cms':
      return new CmsError(result.code, result.text, command);
    case 'cme':
      return new CmeError(result.code, result.text, command);
    case 'failure':
      return new AtCommandError(result.result, result.text, command);
    default:
      return assertNever(result, 'final result');
  }
}
