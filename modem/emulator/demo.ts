/**
 * The demo world behind `--demo`: one virtual modem (the user's "SIM") and a
 * handset that answers, so someone with no hardware can send, receive, see
 * delivery reports and try USSD within seconds.
 */
import { Emulator } from './emulator';
import type { ReceivedText } from './handset';
import type { ProfileId } from './profiles';
import type { NetworkOptions } from './network';
import type { Scheduler } from './scheduler';

/** Timings of the demo's network to override (tests that send many messages speed it up). */
export type DemoNetwork = Partial<Omit<NetworkOptions, 'scheduler'>>;

export const DEMO_MODEM_NUMBER = '+491555000001';
export const DEMO_HANDSET_NUMBER = '+491555012345';

/** What the demo handset answers: friendly, short, and it shows the message arrived whole. */
export function demoReply(message: ReceivedText): string {
  const words = message.text.trim().split(/\s+/).filter(Boolean).length;
  if (/^(hi|hello|hey|hallo)\b/i.test(message.text)) return 'Hi! This is the SMSDesk demo phone. Write me anything and I will answer.';
  if (message.parts > 1) return `Got your ${message.parts}-part message (${words} words) in one piece.`;
  return `Got it: "${message.text.length > 60 ? `${message.text.slice(0, 57)}...` : message.text}"`;
}

export function createDemo(options: { profile?: ProfileId; scheduler?: Scheduler; network?: DemoNetwork } = {}): Emulator {
  const emulator = new Emulator({
    modems: [{ profile: options.profile ?? 'generic', msisdn: DEMO_MODEM_NUMBER }],
    handsets: [DEMO_HANDSET_NUMBER],
    // Quick enough to feel alive, slow enough to show "sent" before "delivered".
    network: { submitLatencyMs: 600, deliveryDelayMs: 900, reportDelayMs: 700, ...options.network },
    ...(options.scheduler ? { scheduler: options.scheduler } : {}),
    portBase: 'demo',
  });
  const handset = emulator.handsets[0]!;
  handset.replyDelayMs = 1_500;
  handset.autoReply = demoReply;
  return emulator;
}
