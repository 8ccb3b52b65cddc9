/**
 * Summarises a V8 CPU profile (from `mailbox-bench.ts --cpu-prof DIR`): self time by function
 * and by package or source folder, the largest first, so a change can be aimed at what costs.
 *
 *   npx tsx mailbox/bench/profile-summary.ts FILE.cpuprofile [--top 25]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  readonly id: number;
  readonly children?: readonly number[];
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** The package (node_modules/<name>), the source folder (mailbox/server), or node's own internals. */
function placeOf(url: string): string {
  if (url === '') return '(native / V8)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg?.[1] !== undefined) return pkg[1];
  if (url.startsWith('node:')) return 'node internals';
  const src = /\/(mailbox\/[^/]+|main\/[^/]+|modem\/[^/]+)\//.exec(url);
  return src?.[1] ?? url;
}

function main(): void {
  const file = process.argv[2];
  if (file === undefined) throw new Error('usage: profile-summary FILE.cpuprofile [--top N]');
  const topAt = process.argv.indexOf('--top');
  const top = topAt >= 0 ? Number(process.argv[topAt + 1]) : 25;
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const keyOf = (node: ProfileNode): string => {
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url === '' ? '' : ` ${url.replace(/^.*\/(node_modules|work\/main)\//, '')}:${lineNumber + 1}`;
    return `${functionName || '(anonymous)'}${where}`;
  };
  const fn = new Map<string, number>();
  /** Time with the function anywhere on the stack (counted once per sample), SMSDesk code only. */
  const inclusive = new Map<string, number>();
  const place = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    const node = byId.get(id);
    if (node === undefined) return;
    total += us;
    const key = keyOf(node);
    fn.set(key, (fn.get(key) ?? 0) + us);
    place.set(placeOf(node.callFrame.url), (place.get(placeOf(node.callFrame.url)) ?? 0) + us);
    const seen = new Set<string>();
    for (let at: ProfileNode | undefined = node; at !== undefined; at = byId.get(parent.get(at.id) ?? -1)) {
      if (!/\/(mailbox|main|modem)\//.test(at.callFrame.url) || at.callFrame.url.includes('node_modules')) continue;
      const k = keyOf(at);
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + us);
    }
  });
  const print = (title: string, m: Map<string, number>): void => {
    process.stdout.write(`\n${title}\n`);
    for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      process.stdout.write(`${((100 * us) / total).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}\n`);
    }
  };
  process.stdout.write(`${(total / 1000).toFixed(0)} ms sampled\n`);
  print('Self time by package or folder', place);
  print('Self time by function', fn);
  print('Total time (self and callees) of SMSDesk functions', inclusive);
}

main();
