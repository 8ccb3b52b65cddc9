/**
 * Differential test against libgammu (python3-gammu, Debian package) over a seeded corpus of
 * 10,000 messages: our PDUs decoded by gammu, gammu's PDUs decoded by us. Every difference must
 * be one of the explained kinds (see EXPLAINED and README.md); anything else fails.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { pythonForGammu } from '../../scripts/pdu/python';
import { corpus } from './testing/corpus';
import {
  compare,
  compareStatusReport,
  EXPLAINED,
  requestsFor,
  statusReportCases,
  type Difference,
  type OracleAnswer,
} from './testing/gammu-diff';

const ORACLE = fileURLToPath(new URL('../../scripts/pdu/gammu_oracle.py', import.meta.url));
const COUNT = 10_000;
const SEED = 4;
const BATCH = 250;

const children: ChildProcessWithoutNullStreams[] = [];

/** Starts the oracle; fails (never skips) when python3-gammu is missing: CI installs it. */
function startOracle(): () => Promise<string> {
  const python = pythonForGammu();
  const check = spawnSync(python, [ORACLE, '--check']);
  if (check.status !== 0) {
    throw new Error(
      `python3-gammu is required for the libgammu differential test but "${python}" cannot import gammu ` +
        '(install the Debian package python3-gammu, or point SMSDESK_PYTHON at an interpreter that has it)',
    );
  }
  const proc = spawn(python, [ORACLE]);
  children.push(proc);
  const it = createInterface({ input: proc.stdout })[Symbol.asyncIterator]();
  return async () => {
    const r = await it.next();
    if (r.done) throw new Error('gammu oracle exited early');
    return r.value;
  };
}

afterAll(() => {
  for (const c of children) c.stdin.end();
});

describe('libgammu differential', () => {
  it(`agrees with libgammu on ${COUNT} seeded messages except for explained differences`, async () => {
    const next = startOracle();
    const proc = children[children.length - 1]!;
    const messages = corpus(SEED, COUNT);
    const counts = new Map<string, number>();
    const unexplained: Difference[] = [];
    let parts = 0;
    for (let i = 0; i < messages.length; i += BATCH) {
      const batch = messages.slice(i, i + BATCH);
      proc.stdin.write(JSON.stringify({ batch: batch.flatMap(requestsFor) }) + '\n');
      const { results } = JSON.parse(await next()) as { results: OracleAnswer[] };
      expect(results).toHaveLength(batch.length * 3);
      batch.forEach((m, j) => {
        const ours = results[3 * j]!;
        if ('parts' in ours) parts += ours.parts.length;
        for (const d of compare(m, ours, results[3 * j + 1]!, results[3 * j + 2]!)) {
          counts.set(d.kind, (counts.get(d.kind) ?? 0) + 1);
          if (!(d.kind in EXPLAINED)) unexplained.push(d);
        }
      });
    }
    // The corpus really exercised multipart messages, not only short ones.
    expect(parts).toBeGreaterThan(COUNT * 2);
    expect(unexplained.slice(0, 5)).toEqual([]);
    expect(unexplained.length).toBe(0);
    // Print the explained kinds so a run shows what differed and how often.
    console.log('gammu differences by kind:', Object.fromEntries(counts));
  }, 120_000);

  it('reads 2,000 seeded status reports as libgammu does, except for explained differences', async () => {
    const ask = startOracle();
    const proc = children[children.length - 1]!;
    const cases = statusReportCases(SEED, 2000);
    proc.stdin.write(JSON.stringify({ batch: cases.map((c) => ({ op: 'decode', pdus: [c.hex] })) }) + '\n');
    const { results } = JSON.parse(await ask()) as { results: OracleAnswer[] };
    expect(results).toHaveLength(cases.length);
    const counts = new Map<string, number>();
    const unexplained: { kind: string; detail: string }[] = [];
    cases.forEach((c, i) => {
      for (const d of compareStatusReport(c, results[i]!)) {
        counts.set(d.kind, (counts.get(d.kind) ?? 0) + 1);
        if (!(d.kind in EXPLAINED)) unexplained.push(d);
      }
    });
    expect(unexplained.slice(0, 5)).toEqual([]);
    console.log('gammu status-report differences by kind:', Object.fromEntries(counts));
  }, 60_000);
});
