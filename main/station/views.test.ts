import { afterEach, describe, expect, it } from 'vitest';
import { openArchive, type Archive } from '../archive/index';
import { queueText } from './queue';
import { outboxEntries, recentMessages, threadWith } from './views';

let archive: Archive | undefined;
afterEach(() => {
  archive?.close();
  archive = undefined;
});

function seeded(): Archive {
  archive = openArchive(':memory:', { defaultCountry: 'DE' });
  const peers = ['+491701111111', '+491702222222', '+491703333333'];
  // 700 incoming messages over three conversations, one second apart; then three queued replies.
  for (let i = 0; i < 700; i++) {
    archive.messages.insert({ direction: 'in', peer: peers[i % 3]!, body: `in ${i}`, status: 'received', scAt: 1_000 * i });
  }
  for (const peer of peers) queueText(archive, { to: peer, text: `reply to ${peer}` });
  return archive;
}

describe('views', () => {
  it('recent messages: newest first across conversations, by direction, more than one archive page', () => {
    const archive = seeded();
    expect(recentMessages(archive, { direction: 'in', limit: 3 }).map((m) => m.body)).toEqual(['in 699', 'in 698', 'in 697']);
    const many = recentMessages(archive, { direction: 'in', limit: 600 });
    expect(many).toHaveLength(600);
    expect(many.at(-1)?.body).toBe('in 100');
    expect(recentMessages(archive, { direction: 'out' }).map((m) => m.status)).toEqual(['queued', 'queued', 'queued']);
    expect(recentMessages(archive, { status: 'incomplete' })).toEqual([]);
  });

  it('the outbox: jobs newest first with their messages, filtered by state', () => {
    const archive = seeded();
    const all = outboxEntries(archive);
    expect(all.map((e) => [e.message.body, e.job.state])).toEqual([
      ['reply to +491703333333', 'queued'],
      ['reply to +491702222222', 'queued'],
      ['reply to +491701111111', 'queued'],
    ]);
    archive.outbox.cancel(all[1]!.message.id);
    expect(outboxEntries(archive, 50, 'cancelled').map((e) => e.message.body)).toEqual(['reply to +491702222222']);
    expect(outboxEntries(archive, 1, 'queued').map((e) => e.message.body)).toEqual(['reply to +491703333333']);
  });

  it('a thread by number as typed, oldest first; none for a number never written to', () => {
    const archive = seeded();
    const thread = threadWith(archive, '0170 1111111', 3);
    expect(thread.map((m) => m.body)).toEqual(['in 696', 'in 699', 'reply to +491701111111']);
    expect(threadWith(archive, '+491709999999')).toEqual([]);
  });
});
