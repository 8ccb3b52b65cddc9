import type { FastifyReply, FastifyRequest } from 'fastify';
import type { MailboxContext } from '../domain/context';
import { MailboxError } from '../domain/errors';
import { tokenKind } from '../domain/secrets';
import type { SessionIdentity } from '../domain/sessions';
import { authenticateStation, type StationIdentity } from '../domain/stations';
import { authenticateCached } from './session-cache';

const sessions = new WeakMap<FastifyRequest, SessionIdentity>();
const stations = new WeakMap<FastifyRequest, StationIdentity>();

/** The bearer token of a request, if it has one of a sane length. */
function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header === undefined || header.length > 200) return undefined;
  const match = /^Bearer ([A-Za-z0-9_-]+)$/.exec(header);
  return match?.[1];
}

const unauthorized = (): MailboxError => new MailboxError('unauthorized', 'Log in first: this needs a valid session token.');

/** An onRequest hook (before the body is even read) that admits only live session tokens and remembers whose they are. */
export function requireSession(ctx: MailboxContext) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const token = bearer(request);
    if (token === undefined || tokenKind(token) !== 'session') throw unauthorized();
    const identity = await authenticateCached(ctx, token);
    if (identity === undefined) throw unauthorized();
    sessions.set(request, identity);
  };
}

/** An onRequest hook that admits only live station tokens. */
export function requireStation(ctx: MailboxContext) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const token = bearer(request);
    if (token === undefined || tokenKind(token) !== 'station') {
      throw new MailboxError('unauthorized', 'This needs a valid station token.');
    }
    const identity = await authenticateStation(ctx.db, token);
    if (identity === undefined) throw new MailboxError('unauthorized', 'This needs a valid station token.');
    stations.set(request, identity);
  };
}

export function sessionOf(request: FastifyRequest): SessionIdentity {
  const identity = sessions.get(request);
  if (identity === undefined) throw unauthorized();
  return identity;
}

export function stationOf(request: FastifyRequest): StationIdentity {
  const identity = stations.get(request);
  if (identity === undefined) throw new MailboxError('unauthorized', 'This needs a valid station token.');
  return identity;
}
