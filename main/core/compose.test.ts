import { afterEach, describe, expect, it } from 'vitest';
import type { ComposeIntent } from '../contract';
import { closeCores, demoCore } from './testing';

afterEach(closeCores);

describe('StationCore.compose (sms: links)', () => {
  it('turns a link into a numbered draft for every window, and a bad link into words', () => {
    const core = demoCore();
    const seen: ComposeIntent[] = [];
    core.events.subscribe('app.compose', (intent) => seen.push(intent));
    core.compose('sms:+491701234567?body=See%20you%20at%208');
    core.compose('sms:not-a-number');
    expect(seen).toEqual([
      { id: 1, to: ['+491701234567'], body: 'See you at 8', problem: null },
      { id: 2, to: [], body: '', problem: '“not-a-number” in the sms: link is not a phone number.' },
    ]);
    // A window that opens later gets the latest draft (a link that started the app arrives before any window).
    const late: ComposeIntent[] = [];
    core.events.subscribe('app.compose', (intent) => late.push(intent), { replay: true });
    expect(late.map((i) => i.id)).toEqual([2]);
  });
});
