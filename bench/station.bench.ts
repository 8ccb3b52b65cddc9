/**
 * Station benchmark: CPU time per SMS sent and per SMS received by the whole station (driver,
 * station core, archive) through the in-process emulator at unlimited network speed, next to
 * baselines measured in the same run:
 *   - the least any station must do per SMS: the PDU codec (encode + decode) and one archive
 *     insert of the message (autocommit, like the station's own writes);
 *   - the emulator's own share: the same AT exchange (AT+CMGS and its status report read and
 *     deleted, or +CMTI → AT+CMGR → AT+CMGD) over a bare AtChannel on a second virtual modem,
 *     no driver or station. The emulator runs in this process, so its CPU time is in the
 *     station's figure too.
 * The ratio station / (codec + insert) is the station's overhead; the one against codec +
 * insert + emulator is what the driver and the station core add on top of the floor.
 *
 *   npx tsx bench/station.bench.ts [--messages 1000] [--rounds 3]
 *   npm run bench -- --only station [--quick]      (--quick: 200 messages, 2 rounds)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AtChannel, openSerialTransport, type SerialBinding } from '../modem/at/index';
import { Modem, type PortOpener } from '../modem/driver/index';
import { Emulator, deliversFor } from '../modem/emulator';
import { decodePdu, encodeSubmit } from '../modem/pdu/index';
import { openArchive, type Archive } from '../main/archive/index';
import { Station } from '../main/station/index';

// Not strict: `npm run bench` passes the same arguments to every benchmark.
const { values: args } = parseArgs({
  strict: false,
  options: { quick: { type: 'boolean', default: false }, messages: { type: 'string' }, rounds: { type: 'string' } },
});
const N = Number(args.messages ?? (args.quick ? 200 : 1000));
const ROUNDS = Number(args.rounds ?? (args.quick ? 2 : 3));

const STATION_NUMBER = '+4915550000001';
const BARE_NUMBER = '+4915550000002';
const PEER = '+4915550012345';
/** A single-part GSM 7-bit text of 120 characters, different each time. */
const text = (i: number) =>
  `Bench message ${String(i).padStart(6, '0')}: the quick brown fox jumps over the lazy dog, twice over.`.padEnd(120, '.');

const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;

function until(done: () => boolean, what: string, ms = 120_000): Promise<void> {
  const end = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const check = () => {
      if (done()) return resolve();
      if (Date.now() > end) return reject(new Error(`Timed out waiting for ${what}`));
      setTimeout(check, 5);
    };
    check();
  });
}

interface World {
  emulator: Emulator;
  opener: PortOpener;
  dir: string;
}

/**
 * Per-SMS CPU ms of the whole station: sending N texts until every one is delivered (its status
 * report matched, as the station asks for reports by default), then receiving N.
 */
async function stationRound(
  world: World,
  round: number,
): Promise<{ send: number; receive: number; sendWall: number; receiveWall: number }> {
  const archive = openArchive(join(world.dir, `station-${round}.sqlite`), { defaultCountry: 'DE' });
  const station = new Station({ archive, ownsArchive: true, ratePerMinute: 1_000_000, pollMs: 1_000 });
  const vm = world.emulator.modems[0]!;
  const port = vm.ports.find((p) => p.urcs) ?? vm.ports[0]!;
  const modem = new Modem({
    path: port.name,
    opener: world.opener,
    syncQuietMs: 20,
    syncTimeoutMs: 800,
    settleMs: 100,
    pollMs: 0,
    reconnectMs: 100,
    readTimeoutMs: 5_000,
    submitTimeoutMs: 5_000,
  });
  station.addModem(modem, { owned: true });
  await modem.open();
  const delivered = new Set<number>();
  let received = 0;
  let inject = (): void => undefined;
  station.onEvent((e) => {
    if (e.kind === 'message-status' && e.message.status === 'delivered') delivered.add(e.message.id);
    if (e.kind === 'message-received') {
      received++;
      inject();
    }
    if (e.kind === 'log' && e.level !== 'info') console.error(`  station ${e.level}: ${e.text}`);
  });

  let c0 = process.cpuUsage();
  let t0 = performance.now();
  for (let i = 0; i < N; i++) station.queue({ to: PEER, text: text(i) });
  await until(() => delivered.size >= N, 'the sent messages to be delivered');
  const send = cpuMs(process.cpuUsage(c0)) / N;
  const sendWall = (performance.now() - t0) / N;

  // Incoming texts from another phone, at most eight on their way at once: the SIM has room
  // for them, so the network never has to hold and retry (that would be the emulator's work).
  let injected = 0;
  inject = () => {
    while (injected < N && injected - received < 8) {
      world.emulator.network.injectText({ from: '+4915550099999', to: STATION_NUMBER, text: text(injected++) });
    }
  };
  c0 = process.cpuUsage();
  t0 = performance.now();
  inject();
  await until(() => received >= N, 'the incoming messages to be archived');
  const receive = cpuMs(process.cpuUsage(c0)) / N;
  const receiveWall = (performance.now() - t0) / N;
  await station.stop();
  return { send, receive, sendWall, receiveWall };
}

/** Per-SMS CPU ms of the least work: codec and one archive insert, for each direction. */
function baselineRound(world: World, round: number): { send: number; receive: number } {
  const archive: Archive = openArchive(join(world.dir, `baseline-${round}.sqlite`), { defaultCountry: 'DE' });
  const now = Date.now();
  let c0 = process.cpuUsage();
  for (let i = 0; i < N; i++) {
    const body = text(i);
    for (const part of encodeSubmit({ to: PEER, text: body, statusReport: true }).parts) decodePdu(part.hex);
    // The message row; its status report would be one more update, left out of the floor.
    archive.messages.insert({ direction: 'out', peer: PEER, body, status: 'sent', createdAt: now + i, sentAt: now + i });
  }
  const send = cpuMs(process.cpuUsage(c0)) / N;
  // The DELIVER PDUs a modem would hand over, made outside the timed part.
  const stamp = { scts: new Date(now), zoneMinutes: 60 };
  const delivers = Array.from({ length: N }, (_, i) => deliversFor({ from: PEER, to: STATION_NUMBER, text: text(i) }, stamp)[0]!);
  const hex = delivers.map((d) => `00${Buffer.from(d).toString('hex')}`);
  c0 = process.cpuUsage();
  for (let i = 0; i < N; i++) {
    const sms = decodePdu(hex[i]!);
    if (sms.type !== 'deliver') throw new Error('not a DELIVER');
    archive.messages.insert({ direction: 'in', peer: sms.address.text, body: sms.userData.text ?? '', status: 'received', scAt: now + i });
  }
  const receive = cpuMs(process.cpuUsage(c0)) / N;
  archive.close();
  return { send, receive };
}

/**
 * Per-SMS CPU ms of the emulator and the AT channel alone, on the second virtual modem: each
 * send with its status report read from the SR store and deleted, each incoming text read
 * from the SIM and deleted, as the driver does it, with nothing around it.
 */
async function bareRound(world: World): Promise<{ send: number; receive: number }> {
  const vm = world.emulator.modems[1]!;
  const port = await world.opener((vm.ports.find((p) => p.urcs) ?? vm.ports[0]!).name);
  const channel = new AtChannel(port);
  const stored: number[] = [];
  const notices = ['+CMTI:', '+CDSI:'].map((prefix) =>
    channel.onUrc(prefix, (urc) => {
      const index = /,\s*(\d+)\s*$/.exec(urc.line);
      if (index) stored.push(Number(index[1]));
    }),
  );
  const readAndDelete = async (what: string): Promise<void> => {
    await until(() => stored.length > 0, what, 10_000);
    const index = stored.shift()!;
    const read = await channel.send(`AT+CMGR=${index}`, { expect: '+CMGR:' });
    decodePdu(read.lines[1] ?? '');
    await channel.send(`AT+CMGD=${index}`);
  };
  for (const command of ['ATE0', 'AT+CMGF=0', 'AT+CPMS="SR","SM","SM"', 'AT+CNMI=2,1,0,2,0']) await channel.send(command);
  const parts = Array.from({ length: N }, (_, i) => encodeSubmit({ to: PEER, text: text(i), statusReport: true }).parts[0]!);
  let c0 = process.cpuUsage();
  for (const part of parts) {
    await channel.send(`AT+CMGS=${part.tpduLength}`, { payload: part.hex, expect: '+CMGS:' });
    await readAndDelete('a status report');
  }
  const send = cpuMs(process.cpuUsage(c0)) / N;

  await channel.send('AT+CPMS="SM","SM","SM"');
  c0 = process.cpuUsage();
  for (let i = 0; i < N; i++) {
    world.emulator.network.injectText({ from: '+4915550099999', to: BARE_NUMBER, text: text(i) });
    await readAndDelete('a +CMTI notice');
  }
  const receive = cpuMs(process.cpuUsage(c0)) / N;
  for (const n of notices) n.dispose();
  channel.dispose();
  await port.close();
  return { send, receive };
}

const best = (xs: number[]) => Math.min(...xs);
const us = (ms: number) => `${(ms * 1000).toFixed(0).padStart(6)} µs`;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'station-bench-'));
  const emulator = new Emulator({
    modems: [{ msisdn: STATION_NUMBER }, { msisdn: BARE_NUMBER }],
    handsets: [PEER],
    timing: 'unlimited',
    // A report that finds the SR store full is offered again soon, not after a real network's minute.
    network: { retryMs: 50 },
  });
  const binding = emulator.binding() as unknown as SerialBinding;
  const world: World = { emulator, opener: (path) => openSerialTransport(path, 115200, binding), dir };
  console.log(`SMSDesk station benchmark (Node ${process.version}; ${N} messages each way, best of ${ROUNDS} rounds, CPU time)`);
  const station: Awaited<ReturnType<typeof stationRound>>[] = [];
  const baseline: ReturnType<typeof baselineRound>[] = [];
  const bare: Awaited<ReturnType<typeof bareRound>>[] = [];
  try {
    // Interleaved, so a busy machine slows all three alike.
    for (let r = 0; r < ROUNDS; r++) {
      baseline.push(baselineRound(world, r));
      bare.push(await bareRound(world));
      station.push(await stationRound(world, r));
    }
  } finally {
    emulator.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
  const figures = (dir: 'send' | 'receive') => {
    const s = best(station.map((x) => x[dir]));
    const b = best(baseline.map((x) => x[dir]));
    const e = best(bare.map((x) => x[dir]));
    return { station: s, baseline: b, emulator: e, overhead: s / b, aboveFloor: s / (b + e) };
  };
  const send = figures('send');
  const receive = figures('receive');
  console.log(`                       station  codec+insert   emulator+AT   station/(codec+insert)   station/(codec+insert+emulator)`);
  for (const [name, f] of [
    ['per SMS sent', send],
    ['per SMS received', receive],
  ] as const) {
    console.log(
      `${name.padEnd(17)} ${us(f.station)}     ${us(f.baseline)}     ${us(f.emulator)}   ${f.overhead.toFixed(1).padStart(21)}x   ${f.aboveFloor.toFixed(1).padStart(30)}x`,
    );
  }
  console.log(
    `wall time per SMS (best round): sent ${best(station.map((x) => x.sendWall)).toFixed(2)} ms, received ${best(station.map((x) => x.receiveWall)).toFixed(2)} ms`,
  );
  const round = (x: number) => Number(x.toFixed(4));
  console.log(
    JSON.stringify({
      messages: N,
      rounds: ROUNDS,
      sendCpuMs: { station: round(send.station), codecAndInsert: round(send.baseline), emulatorAndAt: round(send.emulator) },
      receiveCpuMs: { station: round(receive.station), codecAndInsert: round(receive.baseline), emulatorAndAt: round(receive.emulator) },
      overhead: { send: round(send.overhead), receive: round(receive.overhead) },
    }),
  );
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
