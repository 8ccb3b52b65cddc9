/** Archive records of the Office screen (bulk jobs, rules, outbox jobs) → the contract's views. */
import type { Archive, BulkJob, Rule, RuleInput as ArchiveRuleInput } from '../../archive/index';
import type { BulkJobView, BulkPreview, OutboxEntry, OutboxJobState, RuleInput, RuleView } from '../../contract';
import { outboxEntries, type BulkPreview as StationPreview } from '../../station/index';
import { messageView } from '../views';

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

export function bulkJobView(archive: Archive, job: BulkJob): BulkJobView {
  return {
    id: job.uid,
    name: job.name,
    source: job.source,
    template: job.template,
    flash: job.flash,
    state: job.state,
    skipped: job.skipped,
    progress: archive.bulkJobs.progress(job.id),
    createdAt: new Date(job.createdAt).toISOString(),
    updatedAt: new Date(job.updatedAt).toISOString(),
    finishedAt: iso(job.finishedAt),
  };
}

export function bulkPreviewView(preview: StationPreview): BulkPreview {
  return {
    source: preview.source,
    fields: [...preview.fields],
    recipients: preview.recipients.map((r) => ({ ...r, nonGsmChars: [...r.nonGsmChars] })),
    errors: preview.errors.map((e) => ({ row: e.row, code: e.code, message: e.message, field: e.field ?? null })),
    problems: [...preview.problems],
    totalParts: preview.totalParts,
  };
}

export function ruleView(rule: Rule): RuleView {
  return {
    id: rule.uid,
    kind: rule.kind,
    keyword: rule.keyword,
    senders: rule.senders,
    forwardTo: rule.forwardTo,
    text: rule.text,
    flash: rule.flash,
    rejectCall: rule.rejectCall,
    perHour: rule.perHour,
    enabled: rule.enabled,
    createdAt: new Date(rule.createdAt).toISOString(),
  };
}

/** The contract's rule input as the archive takes it; a blank keyword means "any text". */
export function archiveRuleInput(input: RuleInput): ArchiveRuleInput {
  const common = { senders: input.senders ?? null, ...(input.perHour !== undefined ? { perHour: input.perHour } : {}) };
  const keyword = (k: string | null | undefined): string | null => (k == null || k.trim() === '' ? null : k);
  switch (input.kind) {
    case 'auto-reply':
      return { kind: 'auto-reply', keyword: keyword(input.keyword), text: input.text, flash: input.flash ?? false, ...common };
    case 'forward':
      return { kind: 'forward', keyword: keyword(input.keyword), forwardTo: input.forwardTo, ...common };
    case 'missed-call':
      return { kind: 'missed-call', text: input.text, flash: input.flash ?? false, rejectCall: input.rejectCall ?? false, ...common };
  }
}

const OPEN_STATES: readonly OutboxJobState[] = ['queued', 'claimed', 'failed', 'unconfirmed'];

/**
 * Outgoing messages that are not done: one keyset walk per job state (each at most `limit + 1`
 * long), merged newest first, so the cost is the rows shown however large the outbox is.
 */
export function openOutbox(
  archive: Archive,
  states: readonly OutboxJobState[] = OPEN_STATES,
  limit = 100,
): { items: OutboxEntry[]; more: boolean } {
  const entries = [...new Set(states)].flatMap((state) => outboxEntries(archive, limit + 1, state));
  entries.sort((a, b) => b.job.createdAt - a.job.createdAt || b.job.id - a.job.id);
  const items = entries.slice(0, limit).map(({ message, job }): OutboxEntry => {
    const state = job.state as OutboxJobState;
    return {
      message: messageView(archive, message),
      state,
      attempts: job.attempts,
      maxAttempts: job.maxAttempts,
      notBefore: new Date(job.notBefore).toISOString(),
      lastError: job.lastError,
      bulk: archive.bulkJobs.jobIdOfMessage(message.uid) !== undefined,
    };
  });
  return { items, more: entries.length > limit };
}
