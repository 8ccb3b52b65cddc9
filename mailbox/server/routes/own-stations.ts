import type { MailboxContext } from '../../domain/context';
import { MailboxError } from '../../domain/errors';
import { linkOwnStation, listOwnStations, unlinkOwnStation } from '../../domain/own-stations';
import { LinkStationRequest, LinkStationResponse, OwnStationList, StationParams } from '../../protocol/http';
import { requireSession, sessionOf } from '../identity';
import type { App } from './types';

const errors = { 400: { $ref: 'ErrorBody#' }, 401: { $ref: 'ErrorBody#' }, 429: { $ref: 'ErrorBody#' } };

/** A user links their own desktop station (their SIM) to send "from my number" and upload SMS. */
export function ownStationRoutes(app: App, ctx: MailboxContext): void {
  const session = requireSession(ctx);

  app.post(
    '/v1/stations',
    {
      onRequest: session,
      schema: {
        summary: 'Link your own station: returns its token; it proves your SIM by receiving a code',
        security: [{ bearer: [] }],
        body: LinkStationRequest,
        response: { 201: LinkStationResponse, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await linkOwnStation(ctx, sessionOf(request), request.body.name)),
  );

  app.get(
    '/v1/stations',
    {
      onRequest: session,
      schema: { summary: 'Your own stations', security: [{ bearer: [] }], response: { 200: OwnStationList, ...errors } },
    },
    async (request) => ({ stations: await listOwnStations(ctx.db, sessionOf(request).accountId) }),
  );

  app.delete(
    '/v1/stations/:id',
    {
      onRequest: session,
      schema: {
        summary: 'Unlink one of your own stations (its token stops working at once)',
        security: [{ bearer: [] }],
        params: StationParams,
        response: { 204: { type: 'null' }, 404: { $ref: 'ErrorBody#' }, ...errors },
      },
    },
    async (request, reply) => {
      if (!(await unlinkOwnStation(ctx, sessionOf(request), request.params.id))) {
        throw new MailboxError('not-found', 'No such station of yours.');
      }
      return reply.status(204).send(null);
    },
  );
}
