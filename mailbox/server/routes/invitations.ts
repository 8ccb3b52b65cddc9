import type { MailboxContext } from '../../domain/context';
import { invite, listInvitations } from '../../domain/invitations';
import { InvitationList, InvitationT, InviteRequest } from '../../protocol/http';
import { requireSession, sessionOf } from '../identity';
import type { App } from './types';

const errors = {
  400: { $ref: 'ErrorBody#' },
  401: { $ref: 'ErrorBody#' },
  409: { $ref: 'ErrorBody#' },
  429: { $ref: 'ErrorBody#' },
};

/** Invitations by SMS: the invited person answers with a yes or no keyword by SMS reply. */
export function invitationRoutes(app: App, ctx: MailboxContext): void {
  const session = requireSession(ctx);

  app.post(
    '/v1/invitations',
    {
      onRequest: session,
      schema: {
        summary: 'Invite a number to SMSDesk by SMS; they reply yes or no (asking again while it waits sends nothing)',
        security: [{ bearer: [] }],
        body: InviteRequest,
        response: { 200: InvitationT, ...errors },
      },
    },
    async (request) => invite(ctx, sessionOf(request), request.body.number),
  );

  app.get(
    '/v1/invitations',
    {
      onRequest: session,
      schema: {
        summary: 'Your invitations, newest first, with their answers',
        security: [{ bearer: [] }],
        response: { 200: InvitationList, ...errors },
      },
    },
    async (request) => ({ invitations: await listInvitations(ctx, sessionOf(request)) }),
  );
}
