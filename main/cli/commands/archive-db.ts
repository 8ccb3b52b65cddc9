/** The archive for CLI commands: --db FILE, else the user's data folder (created on first use). */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { openArchive, type Archive, type Message } from '../../archive/index';
import { defaultArchivePath } from '../../station/index';
import { UsageError } from '../io';

export const DB_OPTION_HELP = `  --db FILE      The archive (default: ${defaultArchivePath().replace(process.env['HOME'] ?? '\0', '~')})`;

export function openCliArchive(file: string | undefined): Archive {
  const path = file ?? defaultArchivePath();
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  return openArchive(path);
}

/** Opens the archive, runs `job`, and closes it whatever happens. */
export async function withArchive<T>(file: string | undefined, job: (archive: Archive) => T | Promise<T>): Promise<T> {
  const archive = openCliArchive(file);
  try {
    return await job(archive);
  } finally {
    archive.close();
  }
}

export function formatTime(ms: number | null): string {
  return ms === null ? '-' : new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

/** One line per message for a terminal: time, direction, peer, status, text on one line. */
export function messageLine(m: Message): string {
  const text = m.body.replace(/\s+/g, ' ');
  const shown = text.length > 70 ? `${text.slice(0, 69)}…` : text;
  return `${formatTime(m.sortAt)}  ${m.direction === 'in' ? '<-' : '->'} ${m.peer.padEnd(14)}  ${m.status.padEnd(11)}  ${shown}`;
}

/** A message as JSON for scripts: the archive's fields, times as ISO 8601. */
export function messageJson(m: Message): Record<string, unknown> {
  const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
  return {
    uid: m.uid,
    id: m.id,
    direction: m.direction,
    peer: m.peer,
    body: m.body,
    status: m.status,
    statusReason: m.statusReason,
    parts: m.partCount,
    flash: m.flash,
    at: iso(m.sortAt),
    sentAt: iso(m.sentAt),
    deliveredAt: iso(m.deliveredAt),
    receivedAt: iso(m.receivedAt),
  };
}

/**
 * The one record number a command takes (smsdesk rules remove 3), or a usage error that
 * names what was expected: `what` is the record ("rule"), `example` the command line up to it.
 */
export function recordId(positionals: readonly string[], what: string, example: string): number {
  const id = positionals.length === 1 ? Number(positionals[0]) : NaN;
  if (!Number.isInteger(id) || id < 1) throw new UsageError(`Give the number of the ${what}, e.g. ${example} 3.`);
  return id;
}
