/**
 * The bulk sends with their live progress (office.bulkChanged): sent, delivered, failed and
 * remaining, a progress bar, and pause, resume and cancel (cancel asks first: it cannot be undone).
 */
import { useId, useState } from 'react';
import type { BulkJobView } from '../../../../main/contract';
import { api } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { formatTime, t, tn } from '../../i18n';
import { errorWords, jobCounts } from './format';
import type { Listed } from './hooks';

type Action = 'pause' | 'resume' | 'cancel';

export function BulkJobs({ jobs }: { jobs: Listed<BulkJobView> & { put: (job: BulkJobView) => void } }): React.JSX.Element {
  const id = useId();
  const [confirming, setConfirming] = useState<BulkJobView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const act = async (job: BulkJobView, action: Action): Promise<void> => {
    setBusy(job.id);
    setError(null);
    const name = action === 'pause' ? 'office.bulkPause' : action === 'resume' ? 'office.bulkResume' : 'office.bulkCancel';
    const r = await api.call(name, { jobId: job.id });
    setBusy(null);
    if (r.ok) jobs.put(r.value);
    else setError(errorWords(r.error));
  };

  return (
    <section className="panel office-jobs" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('office.jobs.heading')}</h2>
      {jobs.items === undefined && <p className="muted">{t('office.jobs.loading')}</p>}
      {jobs.items?.length === 0 && <p className="muted">{t('office.jobs.empty')}</p>}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {jobs.error && (
        <p role="alert" className="error">
          {t('common.error', { reason: jobs.error })}
        </p>
      )}
      {jobs.items && jobs.items.length > 0 && (
        <ul className="office-job-list">
          {jobs.items.map((job) => (
            <JobRow
              key={job.id}
              job={job}
              busy={busy === job.id}
              onAction={(a) => (a === 'cancel' ? setConfirming(job) : void act(job, a))}
            />
          ))}
        </ul>
      )}
      {confirming && (
        <ConfirmDialog
          title={t('office.jobs.confirmCancel.title')}
          body={t('office.jobs.confirmCancel.body')}
          detail={confirming.name}
          confirmLabel={t('office.jobs.confirmCancel.ok')}
          danger
          onCancel={() => setConfirming(null)}
          onConfirm={() => {
            const job = confirming;
            setConfirming(null);
            void act(job, 'cancel');
          }}
        />
      )}
    </section>
  );
}

function JobRow({ job, busy, onAction }: { job: BulkJobView; busy: boolean; onAction: (a: Action) => void }): React.JSX.Element {
  const id = useId();
  const c = jobCounts(job.progress);
  const open = job.state === 'running' || job.state === 'paused';
  const counts: [string, string, number][] = [
    ['sent', t('office.jobs.sent'), c.sent],
    ['delivered', t('office.jobs.delivered'), c.delivered],
    ['failed', t('office.jobs.failed'), c.failed],
    ['remaining', t('office.jobs.remaining'), c.remaining],
  ];
  if (c.unconfirmed > 0) counts.push(['unconfirmed', t('office.jobs.unconfirmed'), c.unconfirmed]);
  if (c.cancelled > 0) counts.push(['cancelled', t('office.jobs.cancelledCount'), c.cancelled]);
  return (
    <li className="office-job" aria-labelledby={`${id}-name`} data-testid="bulk-job" data-state={job.state} data-job-id={job.id}>
      <div className="office-job-head">
        <span id={`${id}-name`} className="office-job-name">
          {job.name}
        </span>
        <span className={`state-badge office-state-${job.state}`} data-testid="bulk-job-state">
          {t(`office.jobs.state.${job.state}`)}
        </span>
        <span className="muted small">
          {t('office.jobs.started', { time: formatTime(job.createdAt, { dateStyle: 'medium', timeStyle: 'short' }) })}
        </span>
      </div>
      <progress max={Math.max(1, c.total)} value={c.finished} aria-label={t('office.jobs.progress', { name: job.name })} />
      <dl className="office-counts">
        {counts.map(([key, label, value]) => (
          <div key={key}>
            <dt>{label}</dt>
            <dd data-testid={`bulk-${key}`}>{value}</dd>
          </div>
        ))}
      </dl>
      {job.skipped > 0 && <p className="muted small">{tn('office.jobs.skipped', job.skipped)}</p>}
      {job.state === 'paused' && <p className="muted small">{t('office.jobs.pausedNote')}</p>}
      {open && (
        <div className="office-actions">
          {job.state === 'running' ? (
            <button
              type="button"
              disabled={busy}
              onClick={() => onAction('pause')}
              aria-label={t('office.jobs.pauseNamed', { name: job.name })}
              data-testid="bulk-pause"
            >
              {t('office.jobs.pause')}
            </button>
          ) : (
            <button
              type="button"
              disabled={busy}
              onClick={() => onAction('resume')}
              aria-label={t('office.jobs.resumeNamed', { name: job.name })}
              data-testid="bulk-resume"
            >
              {t('office.jobs.resume')}
            </button>
          )}
          <button
            type="button"
            disabled={busy}
            onClick={() => onAction('cancel')}
            aria-label={t('office.jobs.cancelNamed', { name: job.name })}
            data-testid="bulk-cancel"
          >
            {t('office.jobs.cancel')}
          </button>
        </div>
      )}
    </li>
  );
}
