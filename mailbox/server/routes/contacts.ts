import { uploadContacts } from '../../domain/contacts';
import type { MailboxContext } from '../../domain/context';
import { ContactsRequest, ContactsResponse } from '../../protocol/http';
import { requireSession, sessionOf } from '../identity';
import type { App } from './types';

const errors = { 400: { $ref: 'ErrorBody#' }, 401: { $ref: 'ErrorBody#' }, 429: { $ref: 'ErrorBody#' } };

export function contactRoutes(app: App, ctx: MailboxContext): void {
  app.put(
    '/v1/contacts',
    {
      onRequest: requireSession(ctx),
      schema: {
        summary: 'Replace your phone book (stored as keyed hashes) and learn which numbers are registered',
        security: [{ bearer: [] }],
        body: ContactsRequest,
        response: { 200: ContactsResponse, ...errors },
      },
    },
    async (request) => uploadContacts(ctx, sessionOf(request), request.body.numbers),
  );
}
