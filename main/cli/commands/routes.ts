/** smsdesk routes list|add|remove: which modem sends to which numbers (prefix rules; see main/station/README.md, "Routing"). */
import { parseArgs } from 'node:util';
import type { Archive, Route } from '../../archive/index';
import type { Command } from '../command';
import { UsageError } from '../io';
import { DB_OPTION_HELP, recordId, withArchive } from './archive-db';
import { findModem, modemName } from './modems';

function describe(archive: Archive, route: Route): string {
  const modem = archive.modems.get(route.modemId);
  const numbers = route.prefix === '' ? 'every number' : `numbers starting ${route.prefix}`;
  return `${numbers} through ${modem ? modemName(modem) : `modem ${route.modemId}`} (priority ${route.priority})`;
}

function routeJson(archive: Archive, route: Route): Record<string, unknown> {
  const modem = archive.modems.get(route.modemId);
  return { ...route, imei: modem?.imei ?? null, ownNumber: modem?.ownNumber ?? null };
}

export const routesListCommand: Command = {
  path: ['routes', 'list'],
  summary: 'List the routes: which modem sends to which numbers',
  help: `Usage: smsdesk routes list [--db FILE] [--json]

Lists the routing rules in the order they are tried: the lowest priority whose
prefix matches the recipient and has a modem at the station decides; rules of
equal priority share the work. Numbers no rule matches go through any modem.

Options:
${DB_OPTION_HELP}
  --json         One JSON object: {routes: [...]}
`,
  async run(argv, io) {
    const { values } = parseArgs({ args: [...argv], options: { db: { type: 'string' }, json: { type: 'boolean' } }, strict: true });
    return withArchive(values.db, (archive) => {
      const routes = archive.modems.routes();
      if (values.json) io.stdout(`${JSON.stringify({ routes: routes.map((r) => routeJson(archive, r)) })}\n`);
      else if (routes.length === 0) io.stdout('No routes: every message goes through any modem.\n');
      else for (const r of routes) io.stdout(`${String(r.id).padStart(4)}  ${describe(archive, r)}\n`);
      return 0;
    });
  },
};

export const routesAddCommand: Command = {
  path: ['routes', 'add'],
  summary: 'Send numbers that start with a prefix through one modem',
  help: `Usage: smsdesk routes add --prefix PREFIX --modem IMEI|NUMBER [--priority N] [--db FILE] [--json]

Sends messages to numbers starting with PREFIX (e.g. +49, +4917; "" for every
number) through the modem with this IMEI or SIM number. A lower priority is
tried first (default 100). While that modem is only busy, its messages wait for
it; when it is not at the station, any modem sends them.

Options:
  --prefix PREFIX    The start of the numbers, in international form: +49, +4930
  --modem IMEI|NUMBER The modem ("smsdesk modems list" shows them)
  --priority N       Lower is tried first (default 100)
${DB_OPTION_HELP}
  --json             One JSON object: the route
`,
  async run(argv, io) {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        prefix: { type: 'string' },
        modem: { type: 'string' },
        priority: { type: 'string' },
        db: { type: 'string' },
        json: { type: 'boolean' },
      },
      strict: true,
    });
    if (values.prefix === undefined) throw new UsageError('Give the start of the numbers with --prefix, e.g. --prefix +49.');
    if (values.modem === undefined) throw new UsageError('Say which modem sends them with --modem IMEI or --modem NUMBER.');
    const priority = values.priority === undefined ? undefined : Number(values.priority);
    if (priority !== undefined && (values.priority?.trim() === '' || !Number.isSafeInteger(priority))) {
      throw new UsageError('--priority is a whole number; lower is tried first.');
    }
    const { prefix, modem: ref } = values;
    return withArchive(values.db, (archive) => {
      const modem = findModem(archive, ref);
      const route = archive.modems.addRoute({ prefix, modemId: modem.id, ...(priority !== undefined ? { priority } : {}) });
      io.stdout(values.json ? `${JSON.stringify(routeJson(archive, route))}\n` : `Route ${route.id} added: ${describe(archive, route)}.\n`);
      return 0;
    });
  },
};

export const routesRemoveCommand: Command = {
  path: ['routes', 'remove'],
  summary: 'Remove a route',
  help: `Usage: smsdesk routes remove ID [--db FILE]

Removes the route with this number ("smsdesk routes list" shows them). Messages
already waiting are routed again by the remaining rules.

Options:
${DB_OPTION_HELP}
`,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { db: { type: 'string' } },
      strict: true,
      allowPositionals: true,
    });
    const id = recordId(positionals, 'route', 'smsdesk routes remove');
    return withArchive(values.db, (archive) => {
      if (!archive.modems.removeRoute(id)) {
        io.stderr(`There is no route ${id}.\n`);
        return 1;
      }
      io.stdout(`Route ${id} removed.\n`);
      return 0;
    });
  },
};

export const routesCommands: readonly Command[] = [routesListCommand, routesAddCommand, routesRemoveCommand];
