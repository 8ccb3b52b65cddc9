import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import websocket from '@fastify/websocket';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyServerOptions } from 'fastify';
import type { MailboxContext } from '../domain/context';
import { ErrorBody, LIMITS, MessageItem } from '../protocol/http';
import { MAX_STATION_FRAME_BYTES } from '../protocol/station';
import { installErrorHandling } from './errors';
import { PushHub } from './push-hub';
import { installSessionCache } from './session-cache';
import { authRoutes } from './routes/auth';
import { messageRoutes } from './routes/messages';
import { contactRoutes } from './routes/contacts';
import { invitationRoutes } from './routes/invitations';
import { metaRoutes } from './routes/meta';
import { notificationRoutes } from './routes/notifications';
import { ownStationRoutes } from './routes/own-stations';
import { socketRoutes } from './routes/sockets';
import type { App } from './routes/types';
import { StationHub } from './station-hub';

export interface AppOptions {
  /** Requests per minute per client address, all routes; false turns the limit off (benchmarks). */
  readonly requestsPerMinute: number | false;
  /** Requests per minute per address to /v1/auth/* (they cost SMS or test secrets). */
  readonly authPerMinute: number | false;
  /** Largest request body in bytes. */
  readonly bodyLimit: number;
  readonly logger: FastifyServerOptions['logger'];
  readonly schemaVersion: number;
}

export const DEFAULT_APP_OPTIONS: Omit<AppOptions, 'schemaVersion'> = {
  requestsPerMinute: 1200,
  authPerMinute: 20,
  // A 10,000-character message to 50 numbers is ~45 KB of JSON; 128 KiB leaves room and no more.
  bodyLimit: 128 * 1024,
  logger: false,
};

export interface MailboxApp {
  readonly app: App;
  readonly push: PushHub;
  readonly stations: StationHub;
  close(): Promise<void>;
}

/** The mailbox's HTTP and WebSocket surface over one context; not yet listening. */
export async function buildApp(ctx: MailboxContext, options: AppOptions): Promise<MailboxApp> {
  const app: App = Fastify({
    logger: options.logger,
    bodyLimit: options.bodyLimit,
    // On close, drop keep-alive and in-flight connections rather than wait on clients.
    forceCloseConnections: true,
    // Unknown properties are refused, not silently dropped: a client that sends them is wrong.
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  const push = new PushHub(ctx);
  const sessionCache = installSessionCache(ctx);
  const stations = new StationHub(ctx, { error: (err, what) => app.log.error({ err }, what) });
  installErrorHandling(app);
  app.addSchema(ErrorBody);
  app.addSchema(MessageItem);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'SMSDesk mailbox',
        version: '1',
        description:
          'A phone number is a mailbox. Log in with your number and a code sent by SMS. ' +
          'WebSockets (not listed below): /v1/push for user devices (frames {v:1,type:"state",state}) and ' +
          '/v1/station for gateway stations (the job protocol in mailbox/protocol/station.ts); both take ' +
          '`Authorization: Bearer <token>`.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
  });
  if (options.requestsPerMinute !== false) {
    await app.register(rateLimit, {
      global: true,
      max: options.requestsPerMinute,
      timeWindow: 60_000,
      errorResponseBuilder: (_request, context) => ({
        statusCode: 429,
        error: { code: 'rate-limited', message: `Too many requests. Try again in ${context.after}.` },
      }),
    });
  }
  await app.register(websocket, { options: { maxPayload: MAX_STATION_FRAME_BYTES } });
  metaRoutes(app, ctx, options.schemaVersion);
  authRoutes(app, ctx, { authPerMinute: options.requestsPerMinute === false ? false : options.authPerMinute });
  messageRoutes(app, ctx, {
    // A full batch spends the same per-minute message budget as single sends would.
    batchPerMinute: options.requestsPerMinute === false ? false : Math.max(1, Math.floor(options.requestsPerMinute / LIMITS.batchMessages)),
  });
  ownStationRoutes(app, ctx);
  contactRoutes(app, ctx);
  invitationRoutes(app, ctx);
  notificationRoutes(app, ctx);
  socketRoutes(app, ctx, push, stations);
  await app.ready();
  return {
    app,
    push,
    stations,
    async close() {
      // The hubs first: they terminate their sockets (a graceful WebSocket close would wait
      // up to 30 s on each silent peer) and let station releases finish on a live database.
      await push.close();
      await stations.close();
      await app.close();
      sessionCache.dispose();
    },
  };
}
