/**
 * Runs the libgammu differential comparison over N seeded messages and prints a summary of
 * difference kinds. Usage: npx tsx scripts/pdu/gammu-diff.ts [count] [seed]
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { corpus } from '../../modem/pdu/testing/corpus';
import { compare, requestsFor, type Difference, type OracleAnswer } from '../../modem/pdu/testing/gammu-diff';
import { pythonForGammu } from './python';

const count = Number(process.argv[2] ?? 2000);
const seed = Number(process.argv[3] ?? 4);
const child = spawn(pythonForGammu(), [new URL('./gammu_oracle.py', import.meta.url).pathname], { stdio: ['pipe', 'pipe', 'inherit'] });
const lines = createInterface({ input: child.stdout });
const it = lines[Symbol.asyncIterator]();
const msgs = corpus(seed, count);
const kinds = new Map<string, { n: number; example: Difference }>();
const t0 = performance.now();
for (let i = 0; i < msgs.length; i += 250) {
  const batch = msgs.slice(i, i + 250);
  child.stdin.write(JSON.stringify({ batch: batch.flatMap(requestsFor) }) + '\n');
  const line = await it.next();
  const results = (JSON.parse(line.value as string) as { results: OracleAnswer[] }).results;
  batch.forEach((m, j) => {
    for (const d of compare(m, results[3 * j]!, results[3 * j + 1]!, results[3 * j + 2]!)) {
      const k = kinds.get(d.kind);
      if (k) k.n++;
      else kinds.set(d.kind, { n: 1, example: d });
    }
  });
}
child.stdin.end();
console.log(`${count} messages in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
for (const [kind, { n, example }] of kinds) {
  console.log(
    `${kind}: ${n}\n  e.g. ${example.detail}\n  msg ${JSON.stringify({ ...example.message, text: example.message.text.slice(0, 120) })}`,
  );
}

// Status reports: ours and libgammu's reading of the same seeded PDUs.
{
  const { statusReportCases, compareStatusReport } = await import('../../modem/pdu/testing/gammu-diff');
  const child2 = spawn(pythonForGammu(), [new URL('./gammu_oracle.py', import.meta.url).pathname], { stdio: ['pipe', 'pipe', 'inherit'] });
  const it2 = createInterface({ input: child2.stdout })[Symbol.asyncIterator]();
  const cases = statusReportCases(seed, 2000);
  child2.stdin.write(JSON.stringify({ batch: cases.map((c) => ({ op: 'decode', pdus: [c.hex] })) }) + '\n');
  const res = (JSON.parse((await it2.next()).value as string) as { results: OracleAnswer[] }).results;
  const srKinds = new Map<string, { n: number; detail: string }>();
  cases.forEach((c, i) => {
    for (const d of compareStatusReport(c, res[i]!)) {
      const k = srKinds.get(d.kind);
      if (k) k.n++;
      else srKinds.set(d.kind, { n: 1, detail: d.detail });
    }
  });
  child2.stdin.end();
  console.log(`${cases.length} status reports`);
  for (const [kind, { n, detail }] of srKinds) console.log(`${kind}: ${n}\n  e.g. ${detail}`);
}
