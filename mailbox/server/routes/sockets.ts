import type { MailboxContext } from '../../domain/context';
import { requireSession, requireStation, sessionOf, stationOf } from '../identity';
import type { PushHub } from '../push-hub';
import type { StationHub } from '../station-hub';
import type { App } from './types';

/** The two WebSockets: user devices' push channel and gateway stations' job channel. */
export function socketRoutes(app: App, ctx: MailboxContext, push: PushHub, stations: StationHub): void {
  app.get(
    '/v1/push',
    {
      websocket: true,
      onRequest: requireSession(ctx),
      schema: { summary: 'WebSocket: pushes {v:1,type:"state",state} when the mailbox changes', security: [{ bearer: [] }] },
    },
    (socket, request) => {
      void push.attach(socket, sessionOf(request)).catch((err: unknown) => {
        request.log.error(err);
        socket.terminate();
      });
    },
  );

  app.get(
    '/v1/station',
    {
      websocket: true,
      onRequest: requireStation(ctx),
      schema: { summary: 'WebSocket: the gateway station job protocol (see mailbox/protocol/station.ts)', security: [{ bearer: [] }] },
    },
    (socket, request) => {
      stations.attach(socket, stationOf(request));
    },
  );
}
