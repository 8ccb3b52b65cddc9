/**
 * Attention: notices for new incoming messages and the unread count, through the real
 * station and the demo (the handset answers every SMS), and bursts folded into one notice.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openArchive } from '../archive/index';
import type { MessageView, Result } from '../contract';
import { DEMO_HANDSET_NUMBER } from '../../modem/emulator/index';
import { EventHub } from './event-hub';
import { IncomingNotices, PREVIEW_LENGTH, type Notice } from './notices';
import { closeCores, demoCore, nextEvent } from './testing';
import { messageView } from './views';

afterEach(closeCores);

function noticeFrom(notices: IncomingNotices): Promise<Notice> {
  return new Promise((resolve) => {
    const sub = notices.onNotice((n) => {
      sub.dispose();
      resolve(n);
    });
  });
}

describe('notices and the unread count', () => {
  it('announces the handset’s answer once, by contact name, and counts it unread until it is read', async () => {
    const core = demoCore();
    const archive = core.station!.archive;
    archive.contacts.upsert({ displayName: 'Demo Phone', addresses: [{ value: DEMO_HANDSET_NUMBER }] });
    const notice = noticeFrom(core.notices!);
    const all: Notice[] = [];
    core.notices!.onNotice((n) => all.push(n));
    await core.call('station.startDemo', null);
    await nextEvent(core, 'station.status', (s) => s.state === 'ready');
    const sent = (await core.call('messages.send', { to: DEMO_HANDSET_NUMBER, text: 'Hello' })) as Result<MessageView>;
    if (!sent.ok) throw new Error(sent.error.message);

    const n = await notice;
    expect(n).toMatchObject({ conversationId: sent.value.conversationId, count: 1, from: ['Demo Phone'] });
    expect(n.preview).toContain('SMSDesk demo phone');
    await nextEvent(core, 'station.status', (s) => s.unread === 1);

    await core.call('conversations.markRead', { conversationId: sent.value.conversationId });
    await nextEvent(core, 'station.status', (s) => s.unread === 0);
    // Status changes of the outgoing message and the read mark announce nothing more.
    expect(all).toHaveLength(1);
  }, 40_000);

  it('folds a burst into one notice that counts the messages and names each sender once, newest first', async () => {
    const archive = openArchive(':memory:', { defaultCountry: 'DE' });
    const events = new EventHub();
    const notices = new IncomingNotices({ archive, events, coalesceMs: 50 });
    const got: Notice[] = [];
    notices.onNotice((n) => got.push(n));
    const arrive = (peer: string, body: string, at: number): MessageView => {
      const m = archive.messages.insert({ direction: 'in', peer, body, status: 'received', scAt: at, receivedAt: at })!;
      const view = messageView(archive, m);
      events.emit('message.changed', { message: view });
      return view;
    };
    arrive('+491701111111', 'one', 1);
    arrive('+491702222222', 'two', 2);
    const last = arrive('+491701111111', `${'x'.repeat(PREVIEW_LENGTH - 3)}😀😀😀😀`, 3);
    events.emit('message.changed', { message: last }); // the same message again (a status change) is not new
    await new Promise((r) => setTimeout(r, 200));
    expect(got).toEqual([
      {
        conversationId: last.conversationId,
        count: 3,
        from: ['+491701111111', '+491702222222'],
        // One code point over the limit: cut by code points, so the emoji kept are whole ones.
        preview: `${'x'.repeat(PREVIEW_LENGTH - 3)}😀😀…`,
      },
    ]);
    notices.dispose();
    expect(events.listenerCount).toBe(0);
    archive.close();
  });

  it('announces nothing for outgoing, read or incomplete messages', async () => {
    const archive = openArchive(':memory:', { defaultCountry: 'DE' });
    const events = new EventHub();
    const notices = new IncomingNotices({ archive, events, coalesceMs: 20 });
    const got: Notice[] = [];
    notices.onNotice((n) => got.push(n));
    const m = archive.messages.insert({ direction: 'in', peer: '+491701111111', body: 'x', status: 'received', scAt: 1, receivedAt: 1 })!;
    const view = messageView(archive, m);
    events.emit('message.changed', { message: { ...view, direction: 'out', status: 'sent' } });
    events.emit('message.changed', { message: { ...view, read: true } });
    events.emit('message.changed', { message: { ...view, status: 'incomplete', partsReceived: 1, partCount: 2 } });
    await new Promise((r) => setTimeout(r, 100));
    expect(got).toEqual([]);
    notices.dispose();
    archive.close();
  });
});
