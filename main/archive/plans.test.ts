import { describe, expect, it } from 'vitest';
import { queryPlan, testArchive } from './test-support';

/**
 * The hot queries must use their index: a full scan is fine on a test database and ruinous on
 * a million-message archive, and nothing else would notice.
 */
describe('query plans of the hot queries', () => {
  const archive = testArchive();

  it('conversation list pages walk conversations_recent', () => {
    const plan = queryPlan(
      archive,
      `SELECT id FROM conversations c WHERE c.message_count > 0 AND (c.last_message_at, c.id) < (?, ?) ORDER BY c.last_message_at DESC, c.id DESC LIMIT 50`,
      1,
      1,
    );
    expect(plan).toContain('USING INDEX conversations_recent');
    expect(plan).not.toContain('TEMP B-TREE');
  });

  it('thread pages walk messages_thread', () => {
    const plan = queryPlan(
      archive,
      `SELECT * FROM messages WHERE conversation_id = ? AND (sort_at, id) < (?, ?) ORDER BY sort_at DESC, id DESC LIMIT 50`,
      1,
      1,
      1,
    );
    expect(plan).toContain('USING INDEX messages_thread (conversation_id=? AND sort_at<?)');
    expect(plan).not.toContain('TEMP B-TREE');
  });

  it('status-report matching uses parts_tp_mr', () => {
    const plan = queryPlan(
      archive,
      `SELECT p.* FROM parts p JOIN messages m ON m.id = p.message_id
       WHERE p.tp_mr = ? AND p.submitted_at BETWEEN ? AND ? AND m.direction = 'out' AND m.peer = ?`,
      1,
      0,
      1,
      'x',
    );
    expect(plan).toContain('USING INDEX parts_tp_mr (tp_mr=? AND submitted_at>? AND submitted_at<?)');
  });

  it('the outbox finds due jobs through outbox_jobs_due, a page at a time, in order', () => {
    // outbox.ts names the index (INDEXED BY): without statistics SQLite would take the state
    // equality of outbox_jobs_state_recent and sort every queued job.
    const plan = queryPlan(
      archive,
      `SELECT j.*, m.peer, m.part_count FROM outbox_jobs j INDEXED BY outbox_jobs_due JOIN messages m ON m.id = j.message_id
       WHERE j.state = 'queued' AND j.not_before <= ? AND (j.modem_id IS NULL OR j.modem_id IN (SELECT value FROM json_each(?)))
         AND (j.not_before, j.id) > (?, ?) ORDER BY j.not_before, j.id LIMIT 100`,
      0,
      '[1]',
      0,
      0,
    );
    expect(plan).toContain('USING INDEX outbox_jobs_due (not_before>? AND not_before<?)');
    expect(plan).toContain('USING INTEGER PRIMARY KEY');
    expect(plan).not.toContain('TEMP B-TREE');
  });

  it('jobs waiting for a modem are found through outbox_jobs_pinned', () => {
    const plan = queryPlan(
      archive,
      `SELECT * FROM outbox_jobs INDEXED BY outbox_jobs_pinned WHERE state = 'queued' AND modem_id IS NOT NULL AND not_before <= ?
         AND modem_id NOT IN (SELECT value FROM json_each(?)) ORDER BY modem_id, not_before LIMIT 100`,
      0,
      '[1]',
    );
    expect(plan).toContain('USING INDEX outbox_jobs_pinned');
    expect(plan).not.toContain('TEMP B-TREE');
  });

  it('message and outbox lists walk their status indexes backwards without sorting', () => {
    const messages = queryPlan(
      archive,
      `SELECT * FROM messages WHERE status = ? AND (sort_at, id) < (?, ?) ORDER BY sort_at DESC, id DESC LIMIT 51`,
      'received',
      1,
      1,
    );
    expect(messages).toContain('USING INDEX messages_status_recent (status=? AND sort_at<?)');
    expect(messages).not.toContain('TEMP B-TREE');
    const jobs = queryPlan(
      archive,
      `SELECT * FROM outbox_jobs WHERE state = ? AND (created_at, id) < (?, ?) ORDER BY created_at DESC, id DESC LIMIT 51`,
      'failed',
      1,
      1,
    );
    expect(jobs).toContain('USING INDEX outbox_jobs_state_recent (state=? AND created_at<?)');
    expect(jobs).not.toContain('TEMP B-TREE');
  });

  it('a stored PDU is found by its hash, an open group by its key', () => {
    expect(queryPlan(archive, `SELECT id, group_id FROM parts WHERE pdu_hash = ?`, Buffer.alloc(32))).toContain(
      'USING INDEX parts_pdu_hash (pdu_hash=?)',
    );
    expect(
      queryPlan(
        archive,
        `SELECT g.id FROM inbound_groups g WHERE g.modem_id = ? AND g.originator = ? AND g.concat_ref IS ? AND g.total = ? AND g.complete = 0`,
        1,
        'x',
        1,
        2,
      ),
    ).toMatch(/USING (COVERING )?INDEX inbound_groups_open/);
  });

  it('a contact is found by address through contact_addresses_address', () => {
    expect(queryPlan(archive, `SELECT contact_id FROM contact_addresses WHERE address = ?`, '+49')).toContain(
      'USING COVERING INDEX contact_addresses_address',
    );
  });

  it('search walks the full-text index newest first without sorting', () => {
    const plan = queryPlan(
      archive,
      `SELECT m.id FROM messages_fts JOIN messages m ON m.id = messages_fts.rowid
       WHERE messages_fts MATCH ? AND messages_fts.rowid < ? ORDER BY messages_fts.rowid DESC LIMIT 10`,
      '"x"',
      10,
    );
    expect(plan).toContain('VIRTUAL TABLE INDEX');
    expect(plan).not.toContain('TEMP B-TREE');
  });
});
