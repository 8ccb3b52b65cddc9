import { changesSince } from '../../domain/changes';
import type { MailboxContext } from '../../domain/context';
import { markReceipts, sendMessage } from '../../domain/messages';
import {
  BatchSendRequest,
  BatchSendResponse,
  ChangesQuery,
  ChangesResponse,
  ReceiptsRequest,
  ReceiptsResponse,
  SendRequest,
} from '../../protocol/http';
import { sendBatch } from '../batch-send';
import { requireSession, sessionOf } from '../identity';
import type { App } from './types';

export interface MessageLimits {
  /** Batch sends per minute per address; false when the app runs without HTTP limits (benchmarks). */
  readonly batchPerMinute: number | false;
}

const errors = { 400: { $ref: 'ErrorBody#' }, 401: { $ref: 'ErrorBody#' }, 429: { $ref: 'ErrorBody#' } };
const DEFAULT_PAGE = 100;

export function messageRoutes(app: App, ctx: MailboxContext, limits: MessageLimits): void {
  const session = requireSession(ctx);

  app.post(
    '/v1/messages',
    {
      onRequest: session,
      schema: {
        summary: 'Send a message to one or more numbers (idempotent by clientId)',
        security: [{ bearer: [] }],
        body: SendRequest,
        response: { 200: { $ref: 'MessageItem#' }, 409: { $ref: 'ErrorBody#' }, ...errors },
      },
    },
    async (request) => sendMessage(ctx, sessionOf(request), request.body),
  );

  app.post(
    '/v1/messages/batch',
    {
      onRequest: session,
      config: { rateLimit: limits.batchPerMinute === false ? false : { max: limits.batchPerMinute, timeWindow: 60_000 } },
      schema: {
        summary: 'Send several queued messages in order, each as POST /v1/messages would (idempotent by clientId), answered one by one',
        security: [{ bearer: [] }],
        body: BatchSendRequest,
        response: { 200: BatchSendResponse, ...errors },
      },
    },
    async (request) => ({ results: await sendBatch(ctx, sessionOf(request), request.body.messages) }),
  );

  app.get(
    '/v1/changes',
    {
      onRequest: session,
      schema: {
        summary: 'What changed in my mailbox since a state, oldest first, paginated',
        security: [{ bearer: [] }],
        querystring: ChangesQuery,
        response: { 200: ChangesResponse, ...errors },
      },
    },
    async (request) => {
      const since = Number(request.query.since ?? '0');
      const page = await changesSince(ctx.db, sessionOf(request).accountId, since, request.query.limit ?? DEFAULT_PAGE);
      return { items: page.items, state: String(page.state), more: page.more };
    },
  );

  app.post(
    '/v1/receipts',
    {
      onRequest: session,
      schema: {
        summary: 'Mark received messages delivered or read (moves status forward only)',
        security: [{ bearer: [] }],
        body: ReceiptsRequest,
        response: { 200: ReceiptsResponse, ...errors },
      },
    },
    async (request) => ({ updated: await markReceipts(ctx, sessionOf(request), request.body.receipts) }),
  );
}
