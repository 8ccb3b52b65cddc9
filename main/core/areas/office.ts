/**
 * The Office screen's calls: bulk sends (preview, start, pause, resume, cancel, progress),
 * the automatic-answer rules, and the open outbox. The work is the station's and the
 * archive's (main/station/bulk.ts, main/archive/bulk-jobs.ts, rules.ts); this module checks
 * what the screen asks, turns records into views, and emits `office.bulkChanged`.
 * Retry and cancel of an outbox message are messages.retry / messages.cancel (core.ts).
 */
import type { Archive, BulkJob, Rule } from '../../archive/index';
import type { BulkSourceInput, OfficeCallName } from '../../contract';
import { previewBulk, startBulk, type BulkSource } from '../../station/index';
import { CallError, type AreaHandlers, type CoreContext } from '../area';
import { BulkProgressWatch, type BulkWatchOptions } from './office-progress';
import { archiveRuleInput, bulkJobView, bulkPreviewView, openOutbox, ruleView } from './office-views';

function source(input: BulkSourceInput): BulkSource {
  if (input.kind === 'group') return { kind: 'group', name: input.name };
  return {
    kind: 'csv',
    text: input.text,
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.numberColumn !== undefined ? { numberColumn: input.numberColumn } : {}),
  };
}

function mustJob(archive: Archive, uid: string): BulkJob {
  const job = archive.bulkJobs.getByUid(uid);
  if (!job) throw new CallError('not-found', 'That bulk send is not in the archive.');
  return job;
}

function mustRule(archive: Archive, uid: string): Rule {
  const rule = archive.rules.getByUid(uid);
  if (!rule) throw new CallError('not-found', 'That rule does not exist (any more).');
  return rule;
}

export function officeHandlers(ctx: CoreContext, options: BulkWatchOptions = {}): AreaHandlers<OfficeCallName> {
  let watch: BulkProgressWatch | undefined;
  if (ctx.archive) {
    const archive = ctx.archive;
    watch = ctx.disposables.add(
      new BulkProgressWatch(archive, (view) => ctx.events.emit('office.bulkChanged', view), { log: ctx.log, ...options }),
    );
    ctx.disposables.add(
      ctx.events.subscribe('message.changed', ({ message }) => {
        if (message.direction === 'out') watch?.messageChanged(message.id);
      }),
    );
  }
  /** The job's view, said to every screen at once (the event) and returned to the caller. */
  const changed = (archive: Archive, job: BulkJob) => watch?.changed(job.id) ?? bulkJobView(archive, job);

  return {
    'office.groups': () =>
      ctx
        .mustArchive()
        .groups.list()
        .map((g) => ({ name: g.name, members: g.members })),
    'office.bulkPreview': ({ template, source: from, flash }) =>
      bulkPreviewView(previewBulk(ctx.mustArchive(), { template, source: source(from), flash: flash ?? false })),
    'office.bulkStart': (request) => {
      // Only a station sends it; without one the job would sit in the archive unseen.
      const archive = ctx.mustStation().archive;
      const { job } = startBulk(archive, {
        template: request.template,
        source: source(request.source),
        flash: request.flash ?? false,
        skipInvalid: request.skipInvalid ?? false,
        ...(request.name !== undefined && request.name.trim() !== '' ? { name: request.name.trim() } : {}),
        ...(request.window !== undefined ? { window: request.window } : {}),
      });
      return changed(archive, job);
    },
    'office.bulkList': () => {
      const archive = ctx.mustArchive();
      return archive.bulkJobs.list().map((job) => bulkJobView(archive, job));
    },
    'office.bulkPause': ({ jobId }) => {
      const archive = ctx.mustArchive();
      const { job } = archive.bulkJobs.pause(mustJob(archive, jobId).id);
      return changed(archive, job);
    },
    'office.bulkResume': ({ jobId }) => {
      const archive = ctx.mustArchive();
      return changed(archive, archive.bulkJobs.resume(mustJob(archive, jobId).id));
    },
    'office.bulkCancel': ({ jobId }) => {
      const archive = ctx.mustArchive();
      const { job } = archive.bulkJobs.cancel(mustJob(archive, jobId).id);
      return changed(archive, job);
    },
    'office.rulesList': () => ctx.mustArchive().rules.list().map(ruleView),
    'office.rulesAdd': (input) => ruleView(ctx.mustArchive().rules.add(archiveRuleInput(input))),
    'office.rulesSetEnabled': ({ ruleId, enabled }) => {
      const archive = ctx.mustArchive();
      const rule = mustRule(archive, ruleId);
      archive.rules.setEnabled(rule.id, enabled);
      return ruleView(mustRule(archive, ruleId));
    },
    'office.rulesRemove': ({ ruleId }) => {
      const archive = ctx.mustArchive();
      archive.rules.remove(mustRule(archive, ruleId).id);
      return null;
    },
    'office.outbox': ({ states, limit }) => openOutbox(ctx.mustArchive(), states, limit ?? 100),
  };
}
