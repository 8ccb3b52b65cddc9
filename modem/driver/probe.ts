/**
 * Finding modems: open every candidate port at once with short timeouts, ask AT and the
 * identity, note which ports print notices, and group the ports by IMEI. A USB stick
 * shows up as several ports (Huawei: modem, diagnostics, PC UI); only some carry
 * notices, which the quirk table says (`noticesPort`) and the probe may observe.
 */
import { AtChannel, parseImei, type AtPort, type Disposable } from '../at/index';
import { plainValue } from './sequence';
import { quirksFor, type NoticesPort } from './quirks';

export interface PortProbe {
  readonly path: string;
  /** Answered AT. */
  readonly ok: boolean;
  readonly imei?: string;
  readonly manufacturer?: string;
  readonly model?: string;
  readonly revision?: string;
  /** A notice (any URC) arrived on this port during the probe. */
  readonly noticesSeen: boolean;
  /** Why the port is not a usable modem port (busy, no answer), in words. */
  readonly problem?: string;
}

export interface ProbeOptions {
  /** Per command (default 1 s). */
  readonly timeoutMs?: number;
  /** Extra time to listen for notices after the questions (default 0). */
  readonly listenMs?: number;
  /** Ports probed at the same time (default 8). */
  readonly concurrency?: number;
}

export interface ModemCandidate {
  readonly imei: string;
  readonly manufacturer: string;
  readonly model: string;
  readonly revision: string;
  /** Every port of this modem that answered, in name order. */
  readonly ports: readonly string[];
  /** The port to drive it on: the one that delivers notices. */
  readonly path: string;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(what)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

export async function probePort(path: string, opener: (path: string) => Promise<AtPort>, options: ProbeOptions = {}): Promise<PortProbe> {
  const timeoutMs = options.timeoutMs ?? 1_000;
  let port: AtPort;
  try {
    port = await withTimeout(opener(path), timeoutMs * 3, 'opening the port took too long');
  } catch (error) {
    return { path, ok: false, noticesSeen: false, problem: `cannot open: ${error instanceof Error ? error.message : String(error)}` };
  }
  const channel = new AtChannel(port, { settleMs: 100 });
  let noticesSeen = false;
  const sub: Disposable = channel.onUrc(
    () => true,
    () => (noticesSeen = true),
  );
  try {
    await channel.escape();
    await sleep(100);
    let answered = false;
    for (let i = 0; i < 2 && !answered; i++) {
      answered = await channel.send('AT', { timeoutMs }).then(
        () => true,
        () => false,
      );
    }
    if (!answered) return { path, ok: false, noticesSeen, problem: 'no answer to AT' };
    await channel.send('ATE0', { timeoutMs }).catch(() => undefined);
    const ask = async (command: string): Promise<readonly string[] | undefined> =>
      channel.send(command, { timeoutMs: timeoutMs * 2 }).then(
        (r) => r.lines,
        () => undefined,
      );
    const manufacturer = plainValue((await ask('AT+CGMI')) ?? []);
    const model = plainValue((await ask('AT+CGMM')) ?? []);
    const revision = plainValue((await ask('AT+CGMR')) ?? []);
    const imeiLines = await ask('AT+CGSN');
    const imei = imeiLines ? parseImei(imeiLines) : undefined;
    if (options.listenMs) await sleep(options.listenMs);
    return {
      path,
      ok: true,
      noticesSeen,
      ...(imei?.ok ? { imei: imei.value } : {}),
      ...(manufacturer ? { manufacturer } : {}),
      ...(model ? { model } : {}),
      ...(revision ? { revision } : {}),
    };
  } finally {
    sub.dispose();
    channel.dispose();
    await port.close().catch(() => undefined);
  }
}

/** Probes the paths, at most `concurrency` at a time; results in the order of `paths`. */
export async function probePorts(
  paths: readonly string[],
  opener: (path: string) => Promise<AtPort>,
  options: ProbeOptions = {},
): Promise<PortProbe[]> {
  const results: PortProbe[] = new Array<PortProbe>(paths.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < paths.length) {
      const i = next++;
      results[i] = await probePort(paths[i]!, opener, options);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 8, paths.length) }, worker));
  return results;
}

/** Natural order: "ttyUSB2" before "ttyUSB10". */
export function comparePaths(a: string, b: string): number {
  return a.localeCompare(b, undefined, { numeric: true });
}

function pick(ports: readonly PortProbe[], where: NoticesPort): PortProbe {
  const seen = ports.find((p) => p.noticesSeen);
  switch (where) {
    case 'first':
      return ports[0]!;
    case 'last':
      return ports[ports.length - 1]!;
    case 'any':
      return seen ?? ports[0]!;
  }
}

/** Groups answering ports by IMEI and picks each modem's notices port. Ports without an IMEI count as a modem of their own. */
export function groupModems(probes: readonly PortProbe[]): ModemCandidate[] {
  const groups = new Map<string, PortProbe[]>();
  for (const p of probes) {
    if (!p.ok) continue;
    const key = p.imei ?? `path:${p.path}`;
    const list = groups.get(key) ?? [];
    list.push(p);
    groups.set(key, list);
  }
  const out: ModemCandidate[] = [];
  for (const [key, list] of groups) {
    list.sort((a, b) => comparePaths(a.path, b.path));
    const head = list[0]!;
    const quirks = quirksFor({ manufacturer: head.manufacturer ?? '', model: head.model ?? '' });
    out.push({
      imei: key.startsWith('path:') ? '' : key,
      manufacturer: head.manufacturer ?? '',
      model: head.model ?? '',
      revision: head.revision ?? '',
      ports: list.map((p) => p.path),
      path: pick(list, quirks.noticesPort).path,
    });
  }
  return out.sort((a, b) => comparePaths(a.path, b.path));
}
