/**
 * Archive benchmark (issue 7): import of a generated SMS Backup & Restore XML file next to a
 * raw SQLite bulk insert of the same rows in the same run, full-text search latency for rare
 * and common words, and opening a 100,000-message thread. Import and inserts are timed in wall
 * time and in CPU time (process.cpuUsage): on a shared machine the CPU ratio is the steadier one.
 *
 *   npx tsx bench/archive.bench.ts [--messages 1000000] [--thread 100000] [--peers 2000] [--dir /tmp/x] [--keep]
 *   npm run bench -- --only archive [--quick]     (--quick: 100,000 messages, a 10,000-message thread)
 */
import Database from 'better-sqlite3';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SaxesParser } from 'saxes';
import { importSbrXml, openArchive, type Archive } from '../main/archive';
import { SbrXmlReader } from '../main/archive/io/sbr-reader';

// Not strict: `npm run bench` passes the same arguments to every benchmark.
const { values: args } = parseArgs({
  strict: false,
  options: {
    quick: { type: 'boolean', default: false },
    messages: { type: 'string' },
    thread: { type: 'string' },
    peers: { type: 'string', default: '2000' },
    dir: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const MESSAGES = Number(args.messages ?? (args.quick ? 100_000 : 1_000_000));
const THREAD = Math.min(Number(args.thread ?? (args.quick ? 10_000 : 100_000)), MESSAGES);
const PEERS = Math.max(2, Number(args.peers));
const dir = typeof args.dir === 'string' ? args.dir : mkdtempSync(join(tmpdir(), 'archive-bench-'));

// Deterministic text: a Zipf-like vocabulary of common words plus rare words, each used in
// about ten messages, so "rare" and "common" searches have a known number of hits.
const COMMON = [
  'ok',
  'the',
  'you',
  'see',
  'meeting',
  'tomorrow',
  'thanks',
  'call',
  'home',
  'love',
  'time',
  'later',
  'yes',
  'no',
  'where',
  'today',
];
const FILLER = Array.from({ length: 5000 }, (_, i) => `w${(i * 7919).toString(36)}`);
const RARE_COUNT = Math.max(1, Math.floor(MESSAGES / 10));

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

interface Row {
  address: string;
  date: number;
  type: number;
  body: string;
  read: number;
  dateSent: number;
}

const START = Date.UTC(2021, 0, 1);
function row(i: number): Row {
  const r = rng(i + 1);
  const inThread = i % Math.ceil(MESSAGES / THREAD) === 0;
  const peer = inThread ? 0 : 1 + Math.floor(r() * (PEERS - 1));
  const words: string[] = [];
  const n = 4 + Math.floor(r() * 20);
  for (let k = 0; k < n; k++) {
    const x = r();
    words.push(
      x < 0.5 ? (COMMON[Math.floor(r() * r() * COMMON.length)] as string) : (FILLER[Math.floor(r() * r() * FILLER.length)] as string),
    );
  }
  // Rare word k appears in messages k, k + RARE_COUNT, …: about ten messages each.
  words.splice(Math.floor(r() * words.length), 0, `rare${(i % RARE_COUNT).toString(36)}x`);
  const date = START + i * 60_000 + Math.floor(r() * 30_000);
  const type = r() < 0.55 ? 1 : 2;
  return {
    address: `+4917${String(10_000_000 + peer).padStart(8, '0')}`,
    date,
    type,
    body: words.join(' '),
    read: 1,
    dateSent: type === 1 ? date - 2000 : 0,
  };
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}

/** Records first … first + count − 1 (row(i) for i ≥ MESSAGES: newer messages, the same peers). */
async function writeBackup(path: string, first = 0, count = MESSAGES): Promise<void> {
  const out = createWriteStream(path);
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  await write(`<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<smses count="${count}" type="full">\n`);
  let buf = '';
  for (let i = first; i < first + count; i++) {
    const m = row(i);
    buf += `  <sms protocol="0" address="${m.address}" date="${m.date}" type="${m.type}" subject="null" body="${escapeXml(m.body)}" toa="null" sc_toa="null" service_center="+491770610000" read="${m.read}" status="-1" locked="0" date_sent="${m.dateSent}" readable_date="" contact_name="(Unknown)" />\n`;
    if (buf.length > 1 << 20) {
      await write(buf);
      buf = '';
    }
  }
  await write(`${buf}</smses>\n`);
  out.end();
  await once(out, 'finish');
}

/** Wall and CPU milliseconds of `run`. */
interface Timed {
  wall: number;
  cpu: number;
}

async function timed(run: () => unknown): Promise<Timed> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await run();
  const c = process.cpuUsage(c0);
  return { wall: performance.now() - t0, cpu: (c.user + c.system) / 1000 };
}

/** The XML alone: every <sms> start tag and its body, no archive. */
async function parseOnly(path: string, parser: 'reader' | 'saxes'): Promise<number> {
  let bodies = 0;
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 256 * 1024 });
  if (parser === 'saxes') {
    const p = new SaxesParser({ position: true, xmlns: false });
    p.on('opentag', (tag) => {
      if (tag.name === 'sms' && tag.attributes['body'] !== undefined) bodies++;
    });
    for await (const chunk of stream) p.write(chunk as string);
    p.close();
  } else {
    const r = new SbrXmlReader({
      tag: (name, attributes) => {
        if (name === 'sms' && attributes.get('body') !== undefined) bodies++;
      },
      error: () => undefined,
    });
    for await (const chunk of stream) r.write(chunk as string);
    r.close();
  }
  return bodies;
}

function fileSize(path: string): number {
  return [path, `${path}-wal`, `${path}-shm`].filter(existsSync).reduce((n, p) => n + statSync(p).size, 0);
}

/** The baseline: the same rows into a plain table, one prepared INSERT, same batch size. */
async function rawInsert(path: string): Promise<Timed> {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE messages (id INTEGER PRIMARY KEY, address TEXT NOT NULL, date INTEGER NOT NULL, type INTEGER NOT NULL,
    body TEXT NOT NULL, read INTEGER NOT NULL, date_sent INTEGER NOT NULL, service_center TEXT)`);
  const insert = db.prepare(
    `INSERT INTO messages (address, date, type, body, read, date_sent, service_center) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const m = row(i);
      insert.run(m.address, m.date, m.type, m.body, m.read, m.dateSent, '+491770610000');
    }
  });
  const t = await timed(() => {
    for (let i = 0; i < MESSAGES; i += 5000) batch(i, Math.min(MESSAGES, i + 5000));
    db.pragma('wal_checkpoint(TRUNCATE)');
  });
  db.close();
  return t;
}

/**
 * A second baseline: the same rows inserted into the archive's own schema (its indexes,
 * full-text triggers and conversation triggers) by one prepared INSERT, with no XML, no
 * validation, no normalisation and no duplicate check. The import's overhead is what
 * remains above this line.
 */
async function schemaInsert(path: string): Promise<Timed> {
  const archive = openArchive(path, { defaultCountry: 'DE' });
  const db = archive.db;
  const conversations = new Map<string, number>();
  const insert = db.prepare(
    `INSERT INTO messages (uid, conversation_id, channel, direction, peer, body, status, read, sc_address, sc_at, received_at, sent_at,
       created_at, sort_at, origin) VALUES (?, ?, 'sms', ?, ?, ?, ?, ?, '+491770610000', ?, ?, ?, ?, ?, 'import')`,
  );
  let uid = 0;
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const m = row(i);
      let c = conversations.get(m.address);
      if (c === undefined) {
        c = archive.conversations.ensure('sms', m.address).id;
        conversations.set(m.address, c);
      }
      const incoming = m.type === 1;
      insert.run(
        `00000000-0000-7000-8000-${String(uid++).padStart(12, '0')}`,
        c,
        incoming ? 'in' : 'out',
        m.address,
        m.body,
        incoming ? 'received' : 'sent',
        m.read,
        incoming ? m.dateSent : null,
        incoming ? m.date : null,
        incoming ? null : m.date,
        m.date,
        incoming ? m.dateSent : m.date,
      );
    }
  });
  const t = await timed(() => {
    for (let i = 0; i < MESSAGES; i += 5000) batch(i, Math.min(MESSAGES, i + 5000));
    db.pragma('wal_checkpoint(TRUNCATE)');
  });
  archive.close();
  return t;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function timeQueries(archive: Archive, words: string[], repeat = 3): { p50: number; p95: number; hits: number } {
  const times: number[] = [];
  let hits = 0;
  for (let r = 0; r < repeat; r++) {
    for (const text of words) {
      const t0 = performance.now();
      hits += archive.search.messages({ text, limit: 50 }).items.length;
      times.push(performance.now() - t0);
    }
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), hits: hits / repeat / words.length };
}

const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(2)} ms`);
const both = (t: Timed) => `${fmt(t.wall)} (CPU ${fmt(t.cpu)})`;
const ratio = (a: Timed, b: Timed) => `${(a.wall / b.wall).toFixed(2)}x wall, ${(a.cpu / b.cpu).toFixed(2)}x CPU`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function main(): Promise<void> {
  console.log(
    `SMSDesk archive benchmark: ${MESSAGES.toLocaleString('en')} messages, ${PEERS} peers, one thread of ~${THREAD.toLocaleString('en')}`,
  );
  console.log(
    `dir ${dir}; SQLite ${new Database(':memory:').prepare('SELECT sqlite_version() AS v').pluck().get() as string}, Node ${process.version}`,
  );
  const xml = join(dir, 'backup.xml');
  let t0 = performance.now();
  await writeBackup(xml);
  console.log(`generated SB&R XML              ${mb(statSync(xml).size)} in ${fmt(performance.now() - t0)}`);

  const raw = await rawInsert(join(dir, 'raw.sqlite'));
  console.log(
    `raw SQLite bulk insert          ${both(raw)}  (${Math.round(MESSAGES / (raw.wall / 1000)).toLocaleString('en')} rows/s), ${mb(fileSize(join(dir, 'raw.sqlite')))}`,
  );

  const schema = await schemaInsert(join(dir, 'schema.sqlite'));
  console.log(
    `same rows, archive schema       ${both(schema)}  (${Math.round(MESSAGES / (schema.wall / 1000)).toLocaleString('en')} rows/s), ${mb(fileSize(join(dir, 'schema.sqlite')))}`,
  );

  let parsed = 0;
  const reader = await timed(async () => (parsed = await parseOnly(xml, 'reader')));
  const saxes = await timed(() => parseOnly(xml, 'saxes'));
  console.log(`XML parse alone (SbrXmlReader)  ${both(reader)}, ${parsed.toLocaleString('en')} records; saxes alone ${both(saxes)}`);

  const archivePath = join(dir, 'archive.sqlite');
  const archive = openArchive(archivePath, { defaultCountry: 'DE' });
  let report: Awaited<ReturnType<typeof importSbrXml>> | undefined;
  const imported = await timed(async () => {
    report = await importSbrXml(archive, xml);
    archive.db.pragma('wal_checkpoint(TRUNCATE)');
  });
  console.log(
    `SB&R XML import                 ${both(imported)}  (${Math.round(MESSAGES / (imported.wall / 1000)).toLocaleString('en')} msgs/s), ` +
      `${mb(fileSize(archivePath))}, imported ${report?.imported}, bad ${report?.bad}`,
  );
  // An import batch fills the full-text index itself (main/archive/bulk-load.ts): one docsize
  // row per indexed message says it missed none.
  const indexed = archive.db.prepare('SELECT count(*) FROM messages_fts_docsize').pluck().get() as number;
  const stored = archive.db.prepare('SELECT count(*) FROM messages').pluck().get() as number;
  console.log(`full-text index                 ${indexed.toLocaleString('en')} of ${stored.toLocaleString('en')} messages indexed`);
  console.log(`XML parse alone / raw insert    ${ratio(reader, raw)}  (saxes alone: ${ratio(saxes, raw)})`);
  console.log(`import / raw insert             ${ratio(imported, raw)}  (target ≤ 2x; plain table, no indexes, no full-text)`);
  console.log(`import / archive-schema insert  ${ratio(imported, schema)}  (the import pipeline's own overhead)`);
  let again: Awaited<ReturnType<typeof importSbrXml>> | undefined;
  const repeat = await timed(async () => (again = await importSbrXml(archive, xml)));
  console.log(`same file again (idempotent)    ${both(repeat)}, imported ${again?.imported}, duplicates ${again?.duplicates}`);

  // A small import into the big archive (new messages, the same peers) next to the same file
  // into an empty archive: the batch work must follow the batch, not the archive's size.
  const small = join(dir, 'small.xml');
  const SMALL = Math.min(10_000, MESSAGES);
  await writeBackup(small, MESSAGES, SMALL);
  const into = await timed(() => importSbrXml(archive, small));
  const empty = openArchive(join(dir, 'small.sqlite'), { defaultCountry: 'DE' });
  const alone = await timed(() => importSbrXml(empty, small));
  empty.close();
  console.log(
    `${SMALL.toLocaleString('en')} new into this archive      ${both(into)}; into an empty one ${both(alone)}  (${ratio(into, alone)})`,
  );

  const rare = Array.from({ length: 100 }, (_, k) => `rare${((k * 7919) % RARE_COUNT).toString(36)}x`);
  const common = COMMON.slice(0, 10);
  timeQueries(archive, [...rare.slice(0, 10), ...common], 1); // warm the page cache
  const r = timeQueries(archive, rare);
  const c = timeQueries(archive, common);
  const two = timeQueries(
    archive,
    common.slice(0, 5).map((w, i) => `${w} ${common[i + 5] as string}`),
  );
  console.log(`search rare word (~10 hits)     p50 ${fmt(r.p50)}  p95 ${fmt(r.p95)}  (${r.hits.toFixed(1)} results/query)`);
  console.log(`search common word (page of 50) p50 ${fmt(c.p50)}  p95 ${fmt(c.p95)}  (${c.hits.toFixed(1)} results/query)`);
  console.log(`search two common words         p50 ${fmt(two.p50)}  p95 ${fmt(two.p95)}  (${two.hits.toFixed(1)} results/query)`);

  const thread = archive.conversations.ensure('sms', `+4917${String(10_000_000).padStart(8, '0')}`);
  const opens: number[] = [];
  let page = archive.messages.thread(thread.id, { limit: 50 });
  for (let k = 0; k < 50; k++) {
    const t = performance.now();
    page = archive.messages.thread(thread.id, { limit: 50 });
    opens.push(performance.now() - t);
  }
  opens.sort((a, b) => a - b);
  t0 = performance.now();
  let pages = 1;
  let seen = page.items.length;
  while (page.next) {
    page = archive.messages.thread(thread.id, { limit: 200, after: page.next });
    seen += page.items.length;
    pages++;
  }
  const walk = performance.now() - t0;
  const lists: number[] = [];
  for (let k = 0; k < 50; k++) {
    const t = performance.now();
    archive.conversations.list({ limit: 50 });
    lists.push(performance.now() - t);
  }
  lists.sort((a, b) => a - b);
  console.log(
    `open thread of ${thread.messageCount.toLocaleString('en')} (first 50)  p50 ${fmt(percentile(opens, 50))}  p95 ${fmt(percentile(opens, 95))}`,
  );
  console.log(`scroll the whole thread         ${fmt(walk)} for ${seen.toLocaleString('en')} messages in ${pages} pages`);
  console.log(`conversation list (first 50)    p50 ${fmt(percentile(lists, 50))}  p95 ${fmt(percentile(lists, 95))}`);
  archive.close();
  if (!args.keep && !args.dir) rmSync(dir, { recursive: true, force: true });
}

void main();
