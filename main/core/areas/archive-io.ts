/** The Archive screen's calls: chunked import and export of message files, and the traffic dashboard. */
import { TrafficStore } from '../../archive/stats';
import type { ArchiveCallName, TrafficStatsView } from '../../contract';
import type { AreaHandlers, CoreContext } from '../area';
import { ExportSessions, type ExportSessionOptions } from './archive-export';
import { ImportSessions, type ImportSessionOptions } from './archive-import';

export interface ArchiveAreaOptions {
  imports?: ImportSessionOptions;
  exports?: ExportSessionOptions;
  now?: () => number;
}

export function archiveHandlers(ctx: CoreContext, options: ArchiveAreaOptions = {}): AreaHandlers<ArchiveCallName> {
  const imports = ctx.disposables.add(new ImportSessions(() => ctx.mustArchive(), { log: (m, e) => ctx.log(m, e), ...options.imports }));
  const exports = ctx.disposables.add(new ExportSessions(() => ctx.mustArchive(), options.exports));
  const now = options.now ?? Date.now;
  let traffic: TrafficStore | undefined;

  return {
    'archive.importBegin': (args) => imports.begin(args),
    'archive.importChunk': (args) => imports.chunk(args),
    'archive.importEnd': ({ importId }) => imports.end(importId),
    'archive.importCancel': ({ importId }) => imports.cancel(importId),
    'archive.exportBegin': ({ format }) => exports.begin(format),
    'archive.exportChunk': ({ exportId }) => exports.chunk(exportId),
    'archive.exportCancel': ({ exportId }) => {
      exports.cancel(exportId);
      return null;
    },
    'archive.traffic': ({ days, utcOffsetMinutes }): TrafficStatsView => {
      traffic ??= new TrafficStore(ctx.mustArchive().db);
      const stats = traffic.traffic({ days, utcOffsetMinutes, now: now() });
      return {
        days: stats.days.map((d) => ({ date: d.date, start: new Date(d.start).toISOString(), in: d.in, out: d.out })),
        modems: stats.modems.map((m) => ({
          channel: m.channel,
          imei: m.imei,
          name: m.name,
          in: m.in,
          out: m.out,
          delivered: m.delivered,
          withReport: m.withReport,
        })),
        totals: stats.totals,
      };
    },
  };
}
