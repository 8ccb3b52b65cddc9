/**
 * The Office calls through the core (schema check, handler, error mapping), on an in-memory
 * archive; the sending ones with the demo's virtual modem and network.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CallArgs, CallName, CallResult, ContractError } from '../../contract';
import { DEMO_HANDSET_NUMBER, DEMO_MODEM_NUMBER } from '../../../modem/emulator/index';
import { StationCore } from '../core';
import { closeCores, demoCore, nextEvent } from '../testing';

afterEach(closeCores);

async function call<K extends CallName>(core: StationCore, name: K, args: CallArgs<K>): Promise<CallResult<K>> {
  const r = await core.call(name, args);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as CallResult<K>;
}

async function refusal(core: StationCore, name: CallName, args: unknown): Promise<ContractError> {
  const r = await core.call(name, args);
  if (r.ok) throw new Error(`${name} was expected to fail`);
  return r.error;
}

const CSV = ['name;number;code', 'Anna;+4915112345001;A1', 'Ben;0151 12345002;B2', 'Cleo;12ab;C3', 'Dana;+4915112345004;', ''].join('\n');

async function readyDemo(core: StationCore): Promise<void> {
  await call(core, 'station.startDemo', null);
  await nextEvent(core, 'station.status', (s) => s.state === 'ready');
}

describe('office: bulk sends', () => {
  it('previews a CSV: merged text and parts per recipient, bad rows flagged in words', async () => {
    const core = demoCore();
    const preview = await call(core, 'office.bulkPreview', {
      template: 'Hi {Name}, your code is {code}.',
      source: { kind: 'csv', text: CSV, name: 'codes.csv' },
    });
    expect(preview.source).toBe('file codes.csv');
    expect(preview.fields).toEqual(['name', 'number', 'code']);
    expect(preview.problems).toEqual([]);
    expect(preview.recipients).toEqual([
      { row: 2, to: '+4915112345001', text: 'Hi Anna, your code is A1.', parts: 1, encoding: 'gsm7', nonGsmChars: [] },
      { row: 3, to: '+4915112345002', text: 'Hi Ben, your code is B2.', parts: 1, encoding: 'gsm7', nonGsmChars: [] },
    ]);
    expect(preview.errors).toEqual([
      { row: 4, code: 'bad-number', message: '"12ab" is not a phone number.', field: null },
      { row: 5, code: 'missing-field', message: 'The field "code" is empty.', field: 'code' },
    ]);
    expect(preview.totalParts).toBe(2);

    const long = await call(core, 'office.bulkPreview', {
      template: `Grüße {name} ✓ ${'x'.repeat(70)}`,
      source: { kind: 'csv', text: 'name,phone\nAnna,+4915112345001\n' },
    });
    expect(long.recipients[0]).toMatchObject({ parts: 2, encoding: 'ucs2', nonGsmChars: ['✓'] });

    const unknownField = await call(core, 'office.bulkPreview', { template: 'Hi {nickname}', source: { kind: 'csv', text: CSV } });
    expect(unknownField.problems).toEqual(['The template uses {nickname}, but the list has no field "nickname".']);
    expect(unknownField.recipients).toEqual([]);
  });

  it('previews a contact group and lists the groups', async () => {
    const core = demoCore();
    const archive = core.station!.archive;
    archive.contacts.upsert({ displayName: 'Anna Berg', addresses: [{ value: '+4915112345001', kind: 'mobile' }], groups: ['Customers'] });
    archive.contacts.upsert({ displayName: 'Ben Kurz', addresses: [{ value: '+4915112345002' }], groups: ['Customers', 'Staff'] });
    expect(await call(core, 'office.groups', null)).toEqual([
      { name: 'Customers', members: 2 },
      { name: 'Staff', members: 1 },
    ]);
    const preview = await call(core, 'office.bulkPreview', { template: 'Dear {name}', source: { kind: 'group', name: 'customers' } });
    expect(preview.source).toBe('group Customers');
    expect(preview.recipients.map((r) => [r.to, r.text])).toEqual([
      ['+4915112345001', 'Dear Anna Berg'],
      ['+4915112345002', 'Dear Ben Kurz'],
    ]);
    const none = await call(core, 'office.bulkPreview', { template: 'Hi', source: { kind: 'group', name: 'Nobody' } });
    expect(none.problems).toEqual(['There is no group "Nobody".']);
  });

  it('refuses a list with bad rows unless they are left out, then pauses, resumes and cancels with events', async () => {
    const core = demoCore();
    const request = { template: 'Hi {name}, code {code}', source: { kind: 'csv' as const, text: CSV, name: 'codes.csv' } };
    const refused = await refusal(core, 'office.bulkStart', request);
    expect(refused.code).toBe('bad-request');
    expect(refused.message).toBe('2 row(s) have errors: row 4: "12ab" is not a phone number. (and 1 more) Fix them, or leave them out.');
    expect(await call(core, 'office.bulkList', null)).toEqual([]);

    const job = await call(core, 'office.bulkStart', { ...request, skipInvalid: true, name: ' May codes ' });
    expect(job).toMatchObject({ name: 'May codes', source: 'file codes.csv', state: 'running', skipped: 2, flash: false });
    expect(job.progress).toMatchObject({ total: 2, pending: 2, sent: 0 });
    expect(core.events.latest('office.bulkChanged')).toEqual(job);

    const paused = await call(core, 'office.bulkPause', { jobId: job.id });
    expect(paused.state).toBe('paused');
    expect(core.events.latest('office.bulkChanged')?.state).toBe('paused');
    expect((await call(core, 'office.bulkList', null)).map((j) => [j.id, j.state])).toEqual([[job.id, 'paused']]);
    expect((await call(core, 'office.bulkResume', { jobId: job.id })).state).toBe('running');
    const cancelled = await call(core, 'office.bulkCancel', { jobId: job.id });
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.finishedAt).not.toBeNull();
    expect(cancelled.progress.pending + cancelled.progress.queued).toBe(0);

    expect(await refusal(core, 'office.bulkResume', { jobId: job.id })).toEqual({
      code: 'bad-request',
      message: expect.stringMatching(/is cancelled and cannot be resumed/) as unknown as string,
    });
    expect((await refusal(core, 'office.bulkPause', { jobId: 'no-such-job' })).code).toBe('not-found');
    expect((await refusal(core, 'office.bulkStart', { template: 'Hi', source: { kind: 'csv', text: 'a,b\n1,2' } })).message).toMatch(
      /holds the numbers/,
    );
    expect((await refusal(core, 'office.bulkPreview', { template: '', source: { kind: 'csv', text: CSV } })).code).toBe('bad-request');
    expect((await refusal(core, 'office.bulkStart', { ...request, window: 0 })).code).toBe('bad-request');
  });

  it('sends a bulk job through the demo modem and reports its progress to the end', async () => {
    const core = demoCore();
    await readyDemo(core);
    const numbers = ['+4915112345101', '+4915112345102', '+4915112345103'];
    const handsets = numbers.map((n) => core.demoEmulator!.addHandset(n));
    const csv = ['number,name', ...numbers.map((n, i) => `${n},Guest ${i + 1}`)].join('\n');
    const job = await call(core, 'office.bulkStart', { template: 'Welcome {name}!', source: { kind: 'csv', text: csv } });

    const done = await nextEvent(core, 'office.bulkChanged', (j) => j.id === job.id && j.state === 'done', 40_000);
    expect(done.progress.sent + done.progress.delivered).toBe(3);
    expect(done.progress.pending + done.progress.queued + done.progress.sending + done.progress.failed).toBe(0);
    // "Sent" is the network's acceptance; the handsets have them a moment later.
    await expect
      .poll(() => handsets.map((h) => h.inbox.map((m) => [m.from, m.text])), { timeout: 10_000 })
      .toEqual(numbers.map((_, i) => [[DEMO_MODEM_NUMBER, `Welcome Guest ${i + 1}!`]]));
  }, 60_000);
});

describe('office: rules', () => {
  it('adds each kind, lists, turns off and on, removes; refusals in words', async () => {
    const core = demoCore();
    const reply = await call(core, 'office.rulesAdd', { kind: 'auto-reply', keyword: ' INFO ', text: 'Open 9 to 5' });
    expect(reply).toMatchObject({ kind: 'auto-reply', keyword: 'INFO', text: 'Open 9 to 5', enabled: true, perHour: 3, senders: null });
    const forward = await call(core, 'office.rulesAdd', { kind: 'forward', keyword: '', forwardTo: '0170 1234567' });
    expect(forward).toMatchObject({ kind: 'forward', keyword: null, forwardTo: '+491701234567', text: null, perHour: 30 });
    const missed = await call(core, 'office.rulesAdd', { kind: 'missed-call', text: 'Back at 2 pm', flash: true });
    expect(missed).toMatchObject({ kind: 'missed-call', flash: true, rejectCall: false, keyword: null });
    expect((await call(core, 'office.rulesList', null)).map((r) => r.id)).toEqual([reply.id, forward.id, missed.id]);

    expect(await call(core, 'office.rulesSetEnabled', { ruleId: forward.id, enabled: false })).toMatchObject({ enabled: false });
    expect(core.station!.archive.rules.enabled().map((r) => r.uid)).toEqual([reply.id, missed.id]);
    expect(await call(core, 'office.rulesSetEnabled', { ruleId: forward.id, enabled: true })).toMatchObject({ enabled: true });
    expect(await call(core, 'office.rulesRemove', { ruleId: reply.id })).toBeNull();
    expect((await call(core, 'office.rulesList', null)).map((r) => r.id)).toEqual([forward.id, missed.id]);

    expect(await refusal(core, 'office.rulesRemove', { ruleId: reply.id })).toEqual({
      code: 'not-found',
      message: 'That rule does not exist (any more).',
    });
    expect((await refusal(core, 'office.rulesSetEnabled', { ruleId: 'nope', enabled: true })).code).toBe('not-found');
    expect(await refusal(core, 'office.rulesAdd', { kind: 'auto-reply', keyword: 'OPEN HOURS', text: 'x' })).toEqual({
      code: 'bad-request',
      message: 'A keyword is one word, not "OPEN HOURS".',
    });
    expect(await refusal(core, 'office.rulesAdd', { kind: 'auto-reply', text: '   ' })).toEqual({
      code: 'bad-request',
      message: 'The rule needs a text to send.',
    });
    expect((await refusal(core, 'office.rulesAdd', { kind: 'forward', forwardTo: 'DHL' })).message).toBe(
      'Forward to a phone number (7 to 20 digits), not "DHL".',
    );
    // The schema: a forward has no text, a missed-call rule no keyword.
    expect((await refusal(core, 'office.rulesAdd', { kind: 'forward', forwardTo: '+491701234567', text: 'x' })).code).toBe('bad-request');
    expect((await refusal(core, 'office.rulesAdd', { kind: 'missed-call', keyword: 'A', text: 'x' })).code).toBe('bad-request');
    expect(await call(core, 'office.rulesList', null)).toHaveLength(2);
  });

  it('a rule added through the core answers the demo handset keyword', async () => {
    const core = demoCore();
    await readyDemo(core);
    await call(core, 'office.rulesAdd', { kind: 'auto-reply', keyword: 'HOURS', text: 'We are open 9 to 5.' });
    const handset = core.demoEmulator!.handsets[0]!;
    await handset.send(DEMO_MODEM_NUMBER, 'hours?');
    await expect.poll(() => handset.inbox.map((m) => m.text), { timeout: 20_000 }).toContain('We are open 9 to 5.');
    expect(handset.inbox.find((m) => m.text === 'We are open 9 to 5.')?.from).toBe(DEMO_MODEM_NUMBER);
    expect(handset.msisdn).toBe(DEMO_HANDSET_NUMBER);
  }, 40_000);
});

describe('office: outbox', () => {
  it('lists what waits or failed with the reason, and a cancelled message leaves it', async () => {
    const core = demoCore();
    const later = await call(core, 'messages.send', { to: '+4915112345678', text: 'Later', notBefore: Date.now() + 3_600_000 });
    const archive = core.station!.archive;
    const failing = archive.outbox.queue({ to: '+4915112345679', body: 'Broken', partCount: 1 });
    archive.outbox.claimNext('test', { claimMs: 60_000 });
    archive.outbox.fail(failing.job.id, 'The number does not exist.');

    const list = await call(core, 'office.outbox', {});
    expect(list.more).toBe(false);
    expect(list.items.map((e) => [e.message.body, e.state, e.message.status, e.message.canCancel, e.message.canRetry])).toEqual([
      ['Broken', 'failed', 'failed', false, true],
      ['Later', 'queued', 'queued', true, false],
    ]);
    expect(list.items[0]!.message.statusReason).toBe('The number does not exist.');
    expect(list.items[1]!.notBefore).toBe(new Date(Date.parse(list.items[1]!.notBefore)).toISOString());
    expect(list.items[1]!.bulk).toBe(false);

    expect((await call(core, 'office.outbox', { states: ['failed'] })).items.map((e) => e.message.body)).toEqual(['Broken']);
    expect((await call(core, 'office.outbox', { limit: 1 })).more).toBe(true);

    await call(core, 'messages.cancel', { messageId: later.id });
    expect((await call(core, 'office.outbox', {})).items.map((e) => e.message.body)).toEqual(['Broken']);
    expect((await refusal(core, 'office.outbox', { states: ['done'] })).code).toBe('bad-request');
  });
});

describe('office without an archive', () => {
  it('says it cannot, in words', async () => {
    const core = new StationCore({ log: () => undefined });
    try {
      expect(await refusal(core, 'office.bulkList', null)).toEqual({
        code: 'unavailable',
        message: 'This SMSDesk runs without an archive.',
      });
      expect((await refusal(core, 'office.bulkStart', { template: 'x', source: { kind: 'csv', text: CSV } })).code).toBe('unavailable');
    } finally {
      await core.close();
    }
  });
});
