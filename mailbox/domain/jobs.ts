import type { Queryable } from '../store/db';
import { hit } from './counters';
import { MailboxError } from './errors';
import { WINDOW, type Policy } from './policy';

/** What an SMS job is for; a station may word or prioritise them differently. */
export type JobKind = 'login-code' | 'invite' | 'invite-answer' | 'link-code' | 'message' | 'notification';

export type JobState = 'queued' | 'leased' | 'done' | 'failed';

export interface NewJob {
  readonly kind: JobKind;
  readonly to: string;
  readonly body: string;
  /** Only this station may send it (a user's own SIM); gateway jobs leave it unset. */
  readonly targetStationId?: number;
  /** The delivery whose status this job's outcome moves. */
  readonly deliveryId?: number;
}

export interface EnqueueOptions {
  /**
   * Whether the server-wide cap per recipient applies. It does for every SMS the server
   * causes through gateways; a user's sends through their own SIM are capped per sender.
   */
  readonly recipientCap: boolean;
}

export interface JobRow {
  readonly id: number;
  readonly kind: JobKind;
  readonly to_number: string;
  readonly body: string;
  readonly target_station_id: number | null;
  readonly state: JobState;
  readonly station_id: number | null;
  readonly lease_until: number | null;
  readonly attempts: number;
  readonly delivery_id: number | null;
}

const JOB_COLUMNS = 'id, kind, to_number, body, target_station_id, state, station_id, lease_until, attempts, delivery_id';

/**
 * Queues an SMS job. Every SMS the server causes passes here, so the cap per recipient number
 * lives here: nobody can make the server flood a number, whoever asks.
 */
export async function enqueueJob(
  q: Queryable,
  policy: Policy,
  job: NewJob,
  now: number,
  options: EnqueueOptions = { recipientCap: true },
): Promise<number> {
  if (options.recipientCap && (await hit(q, 'sms-to', job.to, WINDOW.day, now)) > policy.smsPerRecipientPerDay) {
    throw new MailboxError('rate-limited', 'This number has had enough SMS from us today. Try tomorrow.');
  }
  const row = await q.one<{ id: number }>(
    `INSERT INTO jobs (kind, to_number, body, target_station_id, state, delivery_id, created_at, updated_at)
     VALUES ($1, $2, $3, $4, 'queued', $5, $6, $6) RETURNING id`,
    [job.kind, job.to, job.body, job.targetStationId ?? null, job.deliveryId ?? null, now],
  );
  if (row === undefined) throw new Error('job insert returned nothing');
  return row.id;
}

/** Jobs a station could take now: queued, or leased by a station whose lease ran out. */
export async function openJobs(q: Queryable, now: number, limit: number): Promise<JobRow[]> {
  return q.all<JobRow>(
    `SELECT ${JOB_COLUMNS} FROM jobs
     WHERE state = 'queued' OR (state = 'leased' AND lease_until < $1)
     ORDER BY id LIMIT $2`,
    [now, limit],
  );
}

export type ClaimOutcome =
  { readonly ok: true; readonly job: JobRow } | { readonly ok: false; readonly reason: 'taken' | 'not-yours' | 'gave-up' };

/**
 * A station claims a job. The guarded UPDATE is the whole protocol: under concurrent claims
 * (several stations, several server processes) exactly one sees a changed row.
 */
export async function claimJob(
  q: Queryable,
  policy: Policy,
  stationId: number,
  isGateway: boolean,
  jobId: number,
  now: number,
): Promise<ClaimOutcome> {
  const res = await q.one<JobRow>(
    `UPDATE jobs SET state = 'leased', station_id = $1, lease_until = $2, attempts = attempts + 1, updated_at = $3
     WHERE id = $4
       AND (state = 'queued' OR (state = 'leased' AND lease_until < $3))
       AND attempts < $5
       AND (target_station_id = $1 OR (target_station_id IS NULL AND $6 = 1))
     RETURNING ${JOB_COLUMNS}`,
    [stationId, now + policy.jobLeaseMs, now, jobId, policy.maxJobAttempts, isGateway ? 1 : 0],
  );
  if (res !== undefined) return { ok: true, job: res };
  const job = await q.one<JobRow>(`SELECT ${JOB_COLUMNS} FROM jobs WHERE id = $1`, [jobId]);
  if (job === undefined) return { ok: false, reason: 'taken' };
  if (job.target_station_id !== null ? job.target_station_id !== stationId : !isGateway) {
    return { ok: false, reason: 'not-yours' };
  }
  if (job.attempts >= policy.maxJobAttempts) return { ok: false, reason: 'gave-up' };
  return { ok: false, reason: 'taken' };
}

/** The station's outcome for a job it holds; a job it does not hold is left alone. */
export async function finishJob(
  q: Queryable,
  stationId: number,
  jobId: number,
  outcome: { readonly sent: true; readonly reference?: string } | { readonly sent: false; readonly error: string },
  now: number,
): Promise<JobRow | undefined> {
  return q.one<JobRow>(
    `UPDATE jobs SET state = $1, reference = $2, error = $3, lease_until = NULL, updated_at = $4
     WHERE id = $5 AND station_id = $6 AND state = 'leased'
     RETURNING ${JOB_COLUMNS}`,
    [
      outcome.sent ? 'done' : 'failed',
      outcome.sent ? (outcome.reference ?? null) : null,
      outcome.sent ? null : outcome.error,
      now,
      jobId,
      stationId,
    ],
  );
}

/** A job the station sent earlier, for matching its delivery report. */
export async function jobSentBy(q: Queryable, stationId: number, jobId: number): Promise<JobRow | undefined> {
  return q.one<JobRow>(`SELECT ${JOB_COLUMNS} FROM jobs WHERE id = $1 AND station_id = $2 AND state = 'done'`, [jobId, stationId]);
}

/**
 * A station connection went away: the jobs it claimed but did not finish go back to the queue
 * for another station. (If the SIM sent one just before the link broke, the recipient may get
 * it twice; for codes and notices that is the lesser harm than never.)
 */
export async function releaseJobs(q: Queryable, stationId: number, jobIds: Iterable<number>, now: number): Promise<number> {
  let released = 0;
  for (const jobId of jobIds) {
    const res = await q.run(
      `UPDATE jobs SET state = 'queued', station_id = NULL, lease_until = NULL, updated_at = $1
       WHERE id = $2 AND station_id = $3 AND state = 'leased'`,
      [now, jobId, stationId],
    );
    released += res.changes;
  }
  return released;
}

/** Jobs nobody could send within the allowed attempts; returns them so deliveries can fail. */
export async function failExhaustedJobs(q: Queryable, policy: Policy, now: number): Promise<JobRow[]> {
  return q.all<JobRow>(
    `UPDATE jobs SET state = 'failed', error = 'no station could send it', lease_until = NULL, updated_at = $1
     WHERE attempts >= $2 AND (state = 'queued' OR (state = 'leased' AND lease_until < $1))
     RETURNING ${JOB_COLUMNS}`,
    [now, policy.maxJobAttempts],
  );
}
