import fc from 'fast-check';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { describe, expect, it } from 'vitest';
import { SbrXmlReader } from './sbr-reader';

/** Random files per property; SBR_READER_RUNS=100000 for a longer hunt. */
const RUNS = Number(process.env['SBR_READER_RUNS'] ?? 1000);
/** Time for each random-file property: generous, as the machines that run it are shared. */
const FUZZ_MS = Math.max(60_000, RUNS * 50);

type Event = ['tag', string, [string, string][], number, number] | ['error', string, number, number];

/** What the importer saw before the reader: saxes alone, positions at each event. */
function bySaxes(chunks: readonly string[]): Event[] {
  const events: Event[] = [];
  const parser = new SaxesParser({ position: true, xmlns: false });
  parser.on('error', (err) => events.push(['error', err.message, parser.line, parser.column]));
  parser.on('opentag', (tag: SaxesTagPlain) => events.push(['tag', tag.name, Object.entries(tag.attributes), parser.line, parser.column]));
  for (const c of chunks) parser.write(c);
  parser.close();
  return events;
}

function byReader(chunks: readonly string[]): Event[] {
  const events: Event[] = [];
  const reader: SbrXmlReader = new SbrXmlReader({
    tag: (name, attributes) => events.push(['tag', name, attributes.entries(), reader.line, reader.column]),
    error: (message) => events.push(['error', message, reader.line, reader.column]),
  });
  for (const c of chunks) reader.write(c);
  reader.close();
  return events;
}

function cut(text: string, points: readonly number[]): string[] {
  const at = [...new Set(points.map((p) => p % (text.length + 1)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let from = 0;
  for (const p of at) {
    chunks.push(text.slice(from, p));
    from = p;
  }
  chunks.push(text.slice(from));
  return chunks;
}

const T = 1768478400000;
const BACKUP = [
  `\uFEFF<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>`,
  `<!--File Created By SMS Backup & Restore v10.20.002-->`,
  `<?xml-stylesheet type="text/xsl" href="sms.xsl"?>`,
  `<smses count="4" backup_set="0b9e" type="full">`,
  `  <sms protocol="0" address="+49 170 1234567" date="${T}" type="1" subject="null" body="Hi &#128512; 😀 see you&#10;at 5 &amp; &lt;3 &quot;x&quot; &apos;y&apos; &#x20AC;" read="1" status="-1" />`,
  `  <sms address='01701234567' date='${T + 1}' type='2' body='single "quotes" &gt; and tabs\there' />`,
  `  <mms date="${T}" msg_box="1" address="+491709999999"><parts><part ct="text/plain" text="mms text" /></parts></mms>`,
  `  <sms\r\n   address="VODAFONE"\tdate="${T + 2}" type="1" body="line\r\nbreak and\rcr" />`,
  `</smses>`,
  ``,
].join('\r\n');

describe('SB&R reader', () => {
  it('reads a well-formed backup as saxes does: attributes, entities, positions', () => {
    const events = byReader([BACKUP]);
    expect(events).toEqual(bySaxes([BACKUP]));
    expect(events.map((e) => e[1])).toEqual(['smses', 'sms', 'sms', 'mms', 'parts', 'part', 'sms']);
    const first = events[1] as Extract<Event, ['tag', ...unknown[]]>;
    expect(Object.fromEntries(first[2])['body']).toBe('Hi 😀 😀 see you\nat 5 & <3 "x" \'y\' €');
    const last = events[6] as Extract<Event, ['tag', ...unknown[]]>;
    // CR LF is one line break, and saxes makes each line break in a value a space.
    expect(Object.fromEntries(last[2])['body']).toBe('line break and cr');
  });

  it('gives the same events however the text is cut into chunks', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 12 }), (points) => {
        expect(byReader(cut(BACKUP, points))).toEqual(bySaxes([BACKUP]));
      }),
      { numRuns: 300 },
    );
  });

  it('hands damaged XML to saxes and reports its errors where they are in the file', () => {
    const xml = `<?xml version="1.0"?>\n<smses>\n  <sms a="1" b="2" />\n  <sms a="1" a="2" b="x < y" />\n  <sms c="&nbsp;"/>\n  text\n<sms d="1"/></smses>\n`;
    const events = byReader([xml]);
    expect(events).toEqual(bySaxes([xml]));
    expect(events.filter((e) => e[0] === 'error').map((e) => [e[1], e[2], e[3]])).toEqual([
      ['4:25: disallowed character.', 4, 25],
      ['4:31: duplicate attribute: a.', 4, 31],
      ['5:16: undefined entity.', 5, 16],
    ]);
  });

  it('reports an unfinished file as saxes does', () => {
    for (const xml of [`<smses><sms a="1"`, `<smses>\n<sms a="1"/>`, `<smses><sms a="1`, `<smses>\n<sms a="1" />\r`, ``, `<x>`]) {
      expect(byReader(cut(xml, [3, 9]))).toEqual(bySaxes([xml]));
    }
  });

  it('leaves a file with a DOCTYPE, XML 1.1 or a damaged prolog to saxes', () => {
    for (const xml of [
      `<!DOCTYPE smses [<!ENTITY x "y">]><smses><sms a="&x;"/></smses>`,
      `<?xml version="1.1"?><smses><sms a="\u0085"/></smses>`,
      `<?xml version="2.0"?><smses><sms a="1"/></smses>`,
      `<smses a="1" a="2"><sms/></smses>`,
      `text<smses><sms/></smses>`,
      `<smses/>`,
    ]) {
      expect(byReader([xml])).toEqual(bySaxes([xml]));
    }
  });

  // Random backups of the SB&R shape, then damaged at random: every event and every error the
  // reader reports, with its position, is what saxes reports for the same file.
  const value = fc
    .array(
      fc.oneof(
        fc.string({ maxLength: 6 }),
        fc.constantFrom('&amp;', '&lt;', '&gt;', '&quot;', '&apos;', '&#10;', '&#x1F600;', '&#128512;', '&#55357;', '&#1;', '&#X41;'),
        fc.constantFrom('😀', '\uD83D', '\uDE00', '\t', '\n', '\r\n', '\r', '<', '&', '&bogus;', '>', "'", '€', '\u0001', '\uFFFE'),
      ),
      { maxLength: 6 },
    )
    .map((parts) => parts.join(''));
  const attribute = fc
    .tuple(fc.constantFrom('address', 'date', 'type', 'body', 'read', 'sc:x', '_a-b.c', 'body'), value, fc.constantFrom('"', "'"))
    .map(([name, v, q]) => ` ${name}=${q}${v.replaceAll(q, q === '"' ? '&quot;' : '&apos;')}${q}`);
  const space = fc.constantFrom('\n  ', '\r\n  ', '\r', '\n', ' ', '\t', '');
  const sms = fc.tuple(fc.array(attribute, { maxLength: 5 }), space).map(([attrs, s]) => `<sms${attrs.join('')}${s}/>`);
  const mms = fc
    .array(attribute, { maxLength: 2 })
    .map((attrs) => `<mms${attrs.join('')}><parts><part ct="text/plain"${attrs.join('')} /></parts><addrs/></mms>`);
  const record = fc.tuple(fc.oneof({ weight: 4, arbitrary: sms }, { weight: 1, arbitrary: mms }), space).map(([r, s]) => `${s}${r}`);
  const backup = fc
    .tuple(fc.constantFrom(`<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n`, '', '\uFEFF<!-- c -->\r\n'), fc.array(record))
    .map(([prolog, records]) => `${prolog}<smses count="${records.length}">${records.join('')}\n</smses>\n`);
  const damage = fc.oneof(
    fc.constantFrom(
      '<',
      '>',
      '&',
      '"',
      "'",
      '/',
      '=',
      '<!-- note -->',
      '<![CDATA[x]]>',
      '<?pi x?>',
      ']]>',
      '</sms>',
      '</smses>',
      '<smses>',
      'text',
      '\u0001',
      '\r',
      '\uD83D',
    ),
    fc.string({ maxLength: 4 }),
  );
  const damaged = fc.tuple(
    backup,
    fc.array(
      fc.tuple(
        fc.nat(),
        fc.oneof(
          damage.map((d) => ({ insert: d })),
          fc.nat({ max: 8 }).map((n) => ({ remove: n })),
        ),
      ),
      {
        maxLength: 3,
      },
    ),
  );

  const edited = damaged.map(([xml, edits]) => {
    let text = xml;
    for (const [at, edit] of edits) {
      const p = at % (text.length + 1);
      text = 'insert' in edit ? text.slice(0, p) + edit.insert + text.slice(p) : text.slice(0, p) + text.slice(p + edit.remove);
    }
    return text;
  });

  it(
    'agrees with saxes on random backups, damaged or not',
    () => {
      fc.assert(
        fc.property(edited, (text) => {
          expect(byReader([text])).toEqual(bySaxes([text]));
        }),
        { numRuns: RUNS },
      );
    },
    FUZZ_MS,
  );

  // How a file is cut into chunks changes what saxes alone reports in two cases, so those are
  // left out here (the test above has them): "text data outside of root node" comes once per
  // chunk that has such text, at that chunk's end; and a lone high surrogate at the end of a
  // chunk swallows the next chunk's first character.
  const inRoot = (events: Event[]) => events.filter((e) => !(e[0] === 'error' && e[1].endsWith('text data outside of root node.')));
  const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

  it(
    'agrees with saxes on random backups in random chunks',
    () => {
      fc.assert(
        fc.property(edited, fc.array(fc.nat(), { maxLength: 6 }), (text, points) => {
          fc.pre(!loneSurrogate.test(text));
          expect(inRoot(byReader(cut(text, points)))).toEqual(inRoot(bySaxes([text])));
        }),
        { numRuns: RUNS },
      );
    },
    FUZZ_MS,
  );
});
