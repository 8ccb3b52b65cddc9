/**
 * Crash test of the station: does a SIGKILL at a random moment lose, duplicate or falsely
 * confirm a message? Not part of `npm test` (it takes minutes and needs socat).
 *
 *   npx tsx scripts/crash-test.ts [--iterations 20] [--seed N] [--incoming 12] [--outgoing 16] [--keep] [--verbose]
 *   npm run crash-test -- --iterations 20
 *
 * Each iteration has a fresh world of three processes:
 *   - the network (crash-test-network.ts): the emulator with one virtual modem on a pty and
 *     scripted handsets. It lives through the whole iteration, so the modem's SIM store and the
 *     service centre's queue survive the station's death as on real hardware;
 *   - the station (crash-test-station.ts): the real Station on a file archive, driving the
 *     modem through the pty with the OS serial binding;
 *   - this process: it opens the same archive to queue outgoing texts (as `smsdesk send`
 *     does), has handsets and an alphanumeric sender send a burst of multipart texts to the
 *     modem, SIGKILLs the station at a random moment, starts it again, lets it finish, and
 *     then compares the archive with what the network saw (the control API's event log).
 *
 * Checks: every incoming text is in the archive exactly once and complete; every outgoing
 * message marked sent or delivered was submitted, every part of it, per the network's record;
 * no part was submitted twice (duplicates of messages marked unconfirmed are counted apart);
 * nothing is left queued or half-sent; a rule that hears every text decided on each text from
 * a handset exactly once (its rules ledger). Exit status 1 when any check fails.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { decodePdu, encodeSubmit } from '../modem/pdu/index';
import { openArchive, type Archive } from '../main/archive/index';
import { queueText } from '../main/station/index';
import type { NetworkEvent } from '../modem/emulator';
import type { NetworkReady, StationLine } from './crash-test-shared';

const here = fileURLToPath(new URL('.', import.meta.url));

const { values: args } = parseArgs({
  options: {
    iterations: { type: 'string', default: '20' },
    seed: { type: 'string' },
    incoming: { type: 'string', default: '12' },
    outgoing: { type: 'string', default: '16' },
    keep: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
  strict: true,
});
const ITERATIONS = Number(args.iterations);
const SEED = args.seed !== undefined ? Number(args.seed) : Date.now() % 1_000_000;
const INCOMING = Number(args.incoming);
const OUTGOING = Number(args.outgoing);
const HANDSETS = Math.max(OUTGOING, 8);
/** How long a restarted station may take to finish everything (claims and leases of the dead one run out first). */
const FINISH_MS = 90_000;

// ---- Randomness (seeded, so a failing iteration can be run again) ------------------------------

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

const WORDS = ['ok', 'meeting', 'tomorrow', 'thanks', 'call', 'home', 'later', 'where', 'today', 'train', 'late', 'soon'];
/** Text of about `length` characters, tagged so it is unique in the whole run; UCS-2 when `wide`. */
function text(random: () => number, tag: string, length: number, wide: boolean): string {
  let s = `[${tag}]`;
  while (s.length < length) s += ` ${WORDS[Math.floor(random() * WORDS.length)] as string}`;
  return wide ? `${s.slice(0, length - 2)} ☺` : s.slice(0, length);
}

/** 1 to 5 parts in GSM 7-bit (153 characters a part) or UCS-2 (67). */
function randomText(random: () => number, tag: string, maxParts: number): string {
  const parts = 1 + Math.floor(random() * maxParts);
  const wide = random() < 0.25;
  const per = wide ? 67 : 153;
  const length =
    parts === 1 ? Math.floor((wide ? 60 : 150) * (0.4 + 0.6 * random())) : (parts - 1) * per + 10 + Math.floor(random() * (per - 20));
  return text(random, tag, length, wide);
}

// ---- Child processes ------------------------------------------------------------------------------

interface Child {
  proc: ChildProcess;
  lines: AsyncIterator<string>;
  exited: Promise<number | string>;
}

function start(script: string, argv: string[], log: NodeJS.WritableStream): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', join(here, script), ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
  proc.stderr!.pipe(log, { end: false });
  const lines = createInterface({ input: proc.stdout! })[Symbol.asyncIterator]();
  const exited = new Promise<number | string>((resolve) => proc.once('exit', (code, signal) => resolve(code ?? signal ?? '?')));
  return { proc, lines, exited };
}

async function firstLine<T>(child: Child, what: string, ms = 30_000): Promise<T> {
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error(`${what} did not start within ${ms} ms`)), ms).unref(),
  );
  const next = await Promise.race([child.lines.next(), timeout]);
  if (next.done) throw new Error(`${what} exited before it was ready (${String(await child.exited)})`);
  return JSON.parse(next.value) as T;
}

/** Reads the station's lines in the background: whether it is ready, and its warnings. */
function follow(child: Child, log: NodeJS.WritableStream): { ready: Promise<boolean>; warnings: string[] } {
  const warnings: string[] = [];
  let markReady: (ready: boolean) => void = () => undefined;
  const ready = new Promise<boolean>((resolve) => (markReady = resolve));
  void (async () => {
    for (;;) {
      const next = await child.lines.next();
      if (next.done) break;
      log.write(`station: ${next.value}\n`);
      const line = JSON.parse(next.value) as StationLine;
      if (line.kind === 'ready') markReady(true);
      if (line.kind === 'log' && line.level !== 'info') warnings.push(`${line.level}: ${line.text}`);
    }
    markReady(false);
  })();
  return { ready, warnings };
}

async function stopGently(child: Child, ms = 15_000): Promise<void> {
  if (child.proc.exitCode !== null || child.proc.signalCode !== null) return;
  child.proc.kill('SIGTERM');
  const late = setTimeout(() => child.proc.kill('SIGKILL'), ms);
  await child.exited;
  clearTimeout(late);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function control<T>(base: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await res.json()) as T & { error?: string };
  if (!res.ok) throw new Error(`control ${path}: ${json.error ?? res.status}`);
  return json;
}

// ---- One iteration ------------------------------------------------------------------------------

interface Incoming {
  from: string;
  text: string;
  parts: number;
}

interface Outgoing {
  id: number;
  to: string;
  text: string;
  parts: number;
}

interface IterationResult {
  kill: string;
  inMessages: number;
  inParts: number;
  inOk: number;
  inDuplicates: number;
  inLost: number;
  inIncomplete: number;
  inUnexpected: number;
  /** Texts from handsets the rule never decided on (a lost answer), and extra decisions. */
  rulesMissed: number;
  rulesTwice: number;
  outMessages: number;
  outParts: number;
  outSent: number;
  outDelivered: number;
  outFailed: number;
  outUnconfirmed: number;
  /** Unconfirmed messages whose every part did reach the network. */
  outUnconfirmedWentOut: number;
  /** Parts submitted more than once, of messages not marked unconfirmed (a bug). */
  outDuplicates: number;
  /** Parts submitted more than once, of messages marked unconfirmed. */
  outUnconfirmedDuplicates: number;
  /** Marked sent or delivered, but a part never reached the network (a bug). */
  outFalselySent: number;
  /** Still queued or sending at the end (a loss). */
  outLost: number;
  leftOnModem: number;
  /**
   * Jobs the restarted station found claimed with a part begun and not answered. One modem
   * sends one part at a time, so more than one per kill means two sends were in flight at once.
   */
  inFlightAtKill: number;
  /** From the restart until everything was settled. */
  finishSeconds: number;
  seconds: number;
  problems: string[];
  warnings: number;
}

async function iteration(n: number, random: () => number): Promise<IterationResult> {
  const t0 = performance.now();
  const dir = mkdtempSync(join(tmpdir(), `smsdesk-crash-${n}-`));
  const log = createWriteStream(join(dir, 'processes.log'));
  const problems: string[] = [];
  let notable = false;
  const network = start('crash-test-network.ts', ['--dir', join(dir, 'pty'), '--handsets', String(HANDSETS)], log);
  let station: Child | undefined;
  const db = join(dir, 'archive.sqlite');
  let archive: Archive | undefined;
  try {
    const world = await firstLine<NetworkReady>(network, 'the network process');
    // The archive exists (and is migrated) before the station opens it; this connection queues
    // outgoing texts as `smsdesk send --db` would, and reads the outcome at the end.
    archive = openArchive(db, { defaultCountry: 'DE' });
    // A rule hears every text. Each handset already had its hour's automatic message, so every
    // decision is "held back by the cap": the traffic compared below stays the same, and the
    // rules' ledger must hold exactly one decision per text from a handset, crash or not.
    const rule = archive.rules.add({ kind: 'auto-reply', text: 'Thanks, we got it.', perHour: 1 });
    const seedHit = archive.db.prepare(
      `INSERT INTO rule_hits (rule_id, trigger_message_id, trigger_peer, peer, outcome, message_id, at) VALUES (?, NULL, ?, ?, 'queued', NULL, ?)`,
    );
    for (const h of world.handsets) seedHit.run(rule.id, h, archive.addresses.normalise(h), Date.now());

    // The workload: incoming texts from handsets and one alphanumeric sender, outgoing to handsets.
    const incoming: Incoming[] = Array.from({ length: INCOMING }, (_, i) => {
      const body = randomText(random, `i${n}-in${i}`, 5);
      const from = i % 4 === 3 ? 'CrashBank' : (world.handsets[i % world.handsets.length] as string);
      return { from, text: body, parts: encodeSubmit({ to: world.msisdn, text: body }).parts.length };
    });
    const outgoingTexts = Array.from({ length: OUTGOING }, (_, i) => ({
      to: world.handsets[i] as string,
      text: randomText(random, `i${n}-out${i}`, 4),
    }));
    const inParts = incoming.reduce((s, m) => s + m.parts, 0);
    const outPartsPlanned = outgoingTexts.reduce((s, m) => s + encodeSubmit({ to: m.to, text: m.text }).parts.length, 0);

    // A kill during start-up now and then; otherwise once a random share of the parts is in the archive.
    const duringStartup = random() < 0.15;
    const killAfterMs = 100 + Math.floor(random() * 2_500);
    const killAtParts = 1 + Math.floor(random() * (inParts + outPartsPlanned - 1));
    const jitterMs = Math.floor(random() * 150);

    station = start('crash-test-station.ts', ['--db', db, '--port', world.port], log);
    const first = follow(station, log);

    // The burst: everything at once, some outgoing texts before the station is up, some after.
    const outgoing: Outgoing[] = [];
    const queueSome = (from: number, to: number) => {
      for (const o of outgoingTexts.slice(from, to)) {
        const { message } = queueText(archive!, o);
        outgoing.push({ id: message.id, to: message.peer, text: o.text, parts: message.partCount });
      }
    };
    queueSome(0, Math.ceil(OUTGOING / 2));
    const sends = incoming.map((m) =>
      m.from === 'CrashBank'
        ? control(world.control, '/sms', { to: world.msisdn, from: m.from, text: m.text })
        : control(world.control, '/handsets/send', { from: m.from, to: world.msisdn, text: m.text }),
    );
    const later = sleep(300 + Math.floor(random() * 700)).then(() => queueSome(Math.ceil(OUTGOING / 2), OUTGOING));

    const partsInArchive = archive.db.prepare(`SELECT count(*) FROM parts`).pluck();
    let kill: string;
    if (duringStartup) {
      await sleep(killAfterMs);
      kill = `start-up +${killAfterMs} ms${(await Promise.race([first.ready, sleep(0).then(() => false)])) ? ' (was ready)' : ''}`;
    } else {
      const until = Date.now() + 60_000;
      while ((partsInArchive.get() as number) < killAtParts && Date.now() < until) await sleep(15);
      await sleep(jitterMs);
      kill = `at ${partsInArchive.get() as number}/${inParts + outPartsPlanned} parts +${jitterMs} ms`;
    }
    station.proc.kill('SIGKILL');
    await station.exited;
    await Promise.all([...sends, later]);
    await sleep(Math.floor(random() * 1_000));

    // The successor: it must recover the dead one's claims, sweep the SIM and finish.
    station = start('crash-test-station.ts', ['--db', db, '--port', world.port], log);
    const second = follow(station, log);
    if (!(await Promise.race([second.ready, sleep(30_000).then(() => false)]))) problems.push('the restarted station never became ready');

    const inboxRows = archive.db.prepare<[], { peer: string; body: string; status: string }>(
      `SELECT peer, body, status FROM messages WHERE direction = 'in'`,
    );
    const outStatus = archive.db.prepare<[number], { status: string }>(`SELECT status FROM messages WHERE id = ?`);
    const normalised = incoming.map((m) => ({ ...m, peer: archive!.addresses.normalise(m.from) }));
    const finished = (): boolean => {
      const rows = inboxRows.all();
      const have = new Set(rows.filter((r) => r.status === 'received').map((r) => `${r.peer}\u0000${r.body}`));
      if (!normalised.every((m) => have.has(`${m.peer}\u0000${m.text}`))) return false;
      return outgoing.every((o) => !['queued', 'sending', 'sent'].includes(outStatus.get(o.id)?.status ?? 'queued'));
    };
    const restartedAt = performance.now();
    const end = Date.now() + FINISH_MS;
    while (!finished() && Date.now() < end) await sleep(250);
    const finishSeconds = (performance.now() - restartedAt) / 1000;
    await sleep(1_500); // late duplicates would show up now
    const status = await control<{ modems: { stores: Record<string, { used: number }> }[] }>(world.control, '/status');
    const stores = status.modems[0]?.stores ?? {};
    const leftOnModem = Object.values(stores).reduce((s, u) => s + u.used, 0);
    await stopGently(station);
    const events = (await control<{ events: NetworkEvent[] }>(world.control, '/events')).events;

    // ---- The comparison ----
    const rows = inboxRows.all();
    let inOk = 0;
    let inDuplicates = 0;
    let inLost = 0;
    let inIncomplete = 0;
    const matched = new Set<number>();
    for (const m of normalised) {
      const same = rows.flatMap((r, i) => (r.peer === m.peer && r.body === m.text ? [i] : []));
      for (const i of same) matched.add(i);
      const complete = same.filter((i) => rows[i]!.status === 'received').length;
      if (complete === 1 && same.length === 1) inOk++;
      else if (complete > 1 || same.length > 1) {
        inDuplicates += same.length - 1;
        problems.push(`incoming "${m.text.slice(0, 16)}…" from ${m.from} is in the archive ${same.length} times`);
      } else {
        const partial = rows.some((r) => r.peer === m.peer && r.status === 'incomplete' && r.body.startsWith(m.text.slice(0, 10)));
        if (partial) inIncomplete++;
        else inLost++;
        problems.push(`incoming "${m.text.slice(0, 16)}…" from ${m.from} is ${partial ? 'incomplete' : 'missing'}`);
      }
    }
    const inUnexpected = rows.length - matched.size;
    if (inUnexpected > 0) problems.push(`${inUnexpected} incoming row(s) match no text that was sent`);

    // The rule's decisions: one per text from a handset (an alphanumeric sender is not answered).
    const decisions = archive.db.prepare<[string, string], { n: number }>(
      `SELECT count(h.id) AS n FROM messages m LEFT JOIN rule_hits h ON h.trigger_message_id = m.id
       WHERE m.direction = 'in' AND m.status = 'received' AND m.peer = ? AND m.body = ?`,
    );
    let rulesMissed = 0;
    let rulesTwice = 0;
    for (const m of normalised) {
      if (m.from === 'CrashBank') continue;
      const n = decisions.get(m.peer, m.text)?.n ?? 0;
      if (n === 0) {
        rulesMissed++;
        problems.push(`no rule decision for "${m.text.slice(0, 16)}…" from ${m.from}`);
      } else if (n > 1) {
        rulesTwice += n - 1;
        problems.push(`${n} rule decisions for "${m.text.slice(0, 16)}…" from ${m.from}`);
      }
    }

    // What the network saw the modem submit, by recipient (one message per recipient) and part.
    const submits = new Map<string, Map<number, string[]>>();
    for (const e of events) {
      if (e.kind !== 'submit' || e.from !== world.msisdn) continue;
      const pdu = decodePdu(e.tpdu, { smsc: 'absent' });
      if (pdu.type !== 'submit') continue;
      const byPart = submits.get(e.to) ?? new Map<number, string[]>();
      const seq = pdu.userData.concat?.part ?? 1;
      byPart.set(seq, [...(byPart.get(seq) ?? []), pdu.userData.text ?? '']);
      submits.set(e.to, byPart);
    }
    const counts = {
      outSent: 0,
      outDelivered: 0,
      outFailed: 0,
      outUnconfirmed: 0,
      outUnconfirmedWentOut: 0,
      outDuplicates: 0,
      outUnconfirmedDuplicates: 0,
      outFalselySent: 0,
      outLost: 0,
    };
    for (const o of outgoing) {
      const state = outStatus.get(o.id)?.status ?? 'missing';
      const byPart = submits.get(o.to) ?? new Map<number, string[]>();
      const seqs = Array.from({ length: o.parts }, (_, k) => k + 1);
      const allOut = seqs.every((s) => (byPart.get(s)?.length ?? 0) > 0);
      const twice = [...byPart.values()].reduce((s, texts) => s + Math.max(0, texts.length - 1), 0);
      const joined = seqs.map((s) => byPart.get(s)?.[0] ?? '').join('');
      switch (state) {
        case 'sent':
        case 'delivered':
          if (state === 'sent') counts.outSent++;
          else counts.outDelivered++;
          if (!allOut || joined !== o.text) {
            counts.outFalselySent++;
            problems.push(`message ${o.id} is ${state} but the network ${allOut ? 'got other text' : 'lacks parts'}`);
          }
          break;
        case 'unconfirmed':
          counts.outUnconfirmed++;
          if (allOut) counts.outUnconfirmedWentOut++;
          break;
        case 'failed':
          counts.outFailed++;
          problems.push(`message ${o.id} failed`);
          break;
        default:
          counts.outLost++;
          problems.push(`message ${o.id} is still ${state}`);
      }
      if (twice > 0) {
        if (state === 'unconfirmed') counts.outUnconfirmedDuplicates += twice;
        else {
          counts.outDuplicates += twice;
          problems.push(`message ${o.id} (${state}) had ${twice} part(s) submitted twice`);
        }
      }
    }
    if (leftOnModem > 0) problems.push(`${leftOnModem} message(s) left in the modem's stores`);
    const inFlightAtKill = archive.db
      .prepare(
        `SELECT count(*) FROM events WHERE kind = 'job-state' AND to_status = 'unconfirmed' AND detail LIKE 'The station stopped while sending%'`,
      )
      .pluck()
      .get() as number;
    // Not a failed check, but worth a look: the iteration's files are kept.
    notable = problems.length > 0 || inFlightAtKill > 1 || finishSeconds > 45;
    return {
      kill,
      inMessages: incoming.length,
      inParts,
      inOk,
      inDuplicates,
      inLost,
      inIncomplete,
      inUnexpected,
      rulesMissed,
      rulesTwice,
      outMessages: outgoing.length,
      outParts: outgoing.reduce((s, o) => s + o.parts, 0),
      ...counts,
      leftOnModem,
      inFlightAtKill,
      finishSeconds,
      seconds: (performance.now() - t0) / 1000,
      problems,
      warnings: first.warnings.length + second.warnings.length,
    };
  } finally {
    if (station) await stopGently(station);
    await stopGently(network);
    archive?.close();
    log.end();
    if (!args.keep && !notable) rmSync(dir, { recursive: true, force: true });
    else console.log(`  kept ${dir}`);
  }
}

// ---- The run ------------------------------------------------------------------------------------

async function main(): Promise<void> {
  console.log(
    `SMSDesk crash test: ${ITERATIONS} iterations, seed ${SEED}, ${INCOMING} incoming and ${OUTGOING} outgoing texts each, one SIGKILL each`,
  );
  const random = rng(SEED);
  const results: IterationResult[] = [];
  for (let n = 1; n <= ITERATIONS; n++) {
    let r: IterationResult;
    try {
      r = await iteration(n, random);
    } catch (error) {
      console.log(`#${n} did not run: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
      continue;
    }
    results.push(r);
    const bad = r.problems.length > 0;
    console.log(
      `#${String(n).padStart(2)} kill ${r.kill.padEnd(28)} in ${r.inMessages}/${r.inParts}p ok ${r.inOk} dup ${r.inDuplicates} lost ${r.inLost + r.inIncomplete}` +
        ` rules missed ${r.rulesMissed} twice ${r.rulesTwice}` +
        ` | out ${r.outMessages}/${r.outParts}p delivered ${r.outDelivered} sent ${r.outSent} unconfirmed ${r.outUnconfirmed} (went out ${r.outUnconfirmedWentOut})` +
        ` dup ${r.outDuplicates} lost ${r.outLost} false-sent ${r.outFalselySent} | in flight ${r.inFlightAtKill}` +
        ` | finished ${r.finishSeconds.toFixed(1)} s after the restart, ${r.seconds.toFixed(1)} s in all${bad ? '  FAIL' : ''}`,
    );
    if (bad || args.verbose) for (const p of r.problems) console.log(`      ${p}`);
    if (bad) process.exitCode = 1;
  }
  const sum = (k: keyof IterationResult) => results.reduce((s, r) => s + (r[k] as number), 0);
  const summary = {
    seed: SEED,
    iterations: results.length,
    kills: results.length,
    messagesIn: sum('inMessages'),
    partsIn: sum('inParts'),
    messagesOut: sum('outMessages'),
    partsOut: sum('outParts'),
    duplicatesIn: sum('inDuplicates'),
    lostIn: sum('inLost'),
    incompleteIn: sum('inIncomplete'),
    unexpectedIn: sum('inUnexpected'),
    rulesMissed: sum('rulesMissed'),
    rulesTwice: sum('rulesTwice'),
    delivered: sum('outDelivered'),
    sentNotDelivered: sum('outSent'),
    failed: sum('outFailed'),
    unconfirmed: sum('outUnconfirmed'),
    unconfirmedWentOut: sum('outUnconfirmedWentOut'),
    unconfirmedDuplicateParts: sum('outUnconfirmedDuplicates'),
    duplicatePartsOut: sum('outDuplicates'),
    falselySent: sum('outFalselySent'),
    lostOut: sum('outLost'),
    leftOnModem: sum('leftOnModem'),
    inFlightAtKill: sum('inFlightAtKill'),
    killsWithTwoInFlight: results.filter((r) => r.inFlightAtKill > 1).length,
    stationWarnings: sum('warnings'),
    failedIterations: results.filter((r) => r.problems.length > 0).length,
    seconds: Math.round(sum('seconds')),
  };
  console.log('\nSummary');
  console.log(`  iterations ${summary.iterations}, kills ${summary.kills}, ${summary.seconds} s`);
  console.log(
    `  incoming  ${summary.messagesIn} messages (${summary.partsIn} parts): duplicates ${summary.duplicatesIn}, lost ${summary.lostIn}, incomplete ${summary.incompleteIn}, unexpected ${summary.unexpectedIn}`,
  );
  console.log(
    `  rules     decisions missed ${summary.rulesMissed}, made twice ${summary.rulesTwice} (one per text from a handset expected)`,
  );
  console.log(
    `  outgoing  ${summary.messagesOut} messages (${summary.partsOut} parts): delivered ${summary.delivered}, sent ${summary.sentNotDelivered}, failed ${summary.failed}, ` +
      `duplicate parts ${summary.duplicatePartsOut}, falsely sent ${summary.falselySent}, lost ${summary.lostOut}`,
  );
  console.log(
    `  unconfirmed ${summary.unconfirmed} (all parts had reached the network: ${summary.unconfirmedWentOut}; duplicate parts among them: ${summary.unconfirmedDuplicateParts})`,
  );
  console.log(
    `  sends in flight at the kill ${summary.inFlightAtKill} (kills with more than one: ${summary.killsWithTwoInFlight}); left on the modem ${summary.leftOnModem}`,
  );
  console.log(`  station warnings ${summary.stationWarnings}; failed iterations ${summary.failedIterations}`);
  console.log(JSON.stringify(summary));
}

void main();
