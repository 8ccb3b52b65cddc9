/**
 * The push channel for a user's devices: a WebSocket at /v1/push opened with
 * `Authorization: Bearer <session token>`. The server sends one kind of frame,
 * `{v: 1, type: 'state', state}`, on connect and whenever the mailbox has a new state; the
 * client then asks `GET /v1/changes?since=<its state>`. A push carries no message content, so
 * a missed push loses nothing: the next one, or the next pull, catches up. States only grow,
 * but frames may arrive out of order (the greeting races fresh pushes): keep the largest.
 */
export const PUSH_PROTOCOL_VERSION = 1;

export interface PushFrame {
  readonly v: 1;
  readonly type: 'state';
  readonly state: string;
}
