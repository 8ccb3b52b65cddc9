import type { MailboxContext } from '../../domain/context';
import { getRules, setRules } from '../../domain/notifications';
import { NotificationRules } from '../../protocol/http';
import { requireSession, sessionOf } from '../identity';
import type { App } from './types';

const errors = { 400: { $ref: 'ErrorBody#' }, 401: { $ref: 'ErrorBody#' }, 429: { $ref: 'ErrorBody#' } };

/** SMS notification rules for new mailbox messages. */
export function notificationRoutes(app: App, ctx: MailboxContext): void {
  const session = requireSession(ctx);

  app.get(
    '/v1/notifications',
    {
      onRequest: session,
      schema: { summary: 'Your SMS notification rules', security: [{ bearer: [] }], response: { 200: NotificationRules, ...errors } },
    },
    async (request) => ({ rules: await getRules(ctx.db, sessionOf(request).accountId) }),
  );

  app.put(
    '/v1/notifications',
    {
      onRequest: session,
      schema: {
        summary: 'Replace your SMS notification rules',
        security: [{ bearer: [] }],
        body: NotificationRules,
        response: { 204: { type: 'null' }, ...errors },
      },
    },
    async (request, reply) => {
      await setRules(ctx, sessionOf(request), request.body.rules);
      return reply.status(204).send(null);
    },
  );
}
