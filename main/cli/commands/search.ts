import { parseArgs } from 'node:util';
import { HIT_END, HIT_START } from '../../archive/index';
import type { Command } from '../command';
import { UsageError } from '../io';
import { DB_OPTION_HELP, withArchive } from './archive-db';
import { parseLimit } from './inbox';

export const searchCommand: Command = {
  path: ['search'],
  summary: 'Search the text of every archived message',
  help: `Usage: smsdesk search QUERY [--limit N] [--db FILE] [--json]

Finds messages containing every word of QUERY (accents ignored: "cafe" finds
"café"), newest first. Hits are shown between [ and ].

Options:
  --limit N      How many (default 50)
${DB_OPTION_HELP}
  --json         One JSON object: {hits: [...]}; snippets mark hits with U+0001 … U+0002
`,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { limit: { type: 'string' }, db: { type: 'string' }, json: { type: 'boolean' } },
      strict: true,
      allowPositionals: true,
    });
    const text = positionals.join(' ').trim();
    if (text === '') throw new UsageError('Give the words to search for, e.g. smsdesk search invoice.');
    const limit = parseLimit(values.limit);
    return withArchive(values.db, (archive) => {
      const { items } = archive.search.messages({ text, limit });
      if (values.json) {
        io.stdout(`${JSON.stringify({ hits: items })}\n`);
        return 0;
      }
      if (items.length === 0) io.stdout('Nothing found.\n');
      for (const hit of items) {
        const snippet = hit.snippet.split(HIT_START).join('[').split(HIT_END).join(']').replace(/\s+/g, ' ');
        io.stdout(`${hit.at.slice(0, 16).replace('T', ' ')}  ${hit.direction === 'in' ? '<-' : '->'} ${hit.peer.padEnd(14)}  ${snippet}\n`);
      }
      return 0;
    });
  },
};
