import type { FastifyError, FastifyInstance } from 'fastify';
import { HTTP_STATUS, MailboxError } from '../domain/errors';

/** Codes for failures Fastify itself detects before a handler runs. */
const BY_STATUS: Readonly<Record<number, { code: string; message: string }>> = {
  400: { code: 'bad-request', message: 'The request is not well formed.' },
  401: { code: 'unauthorized', message: 'Log in first.' },
  404: { code: 'not-found', message: 'There is nothing here.' },
  405: { code: 'bad-request', message: 'That method is not allowed here.' },
  413: { code: 'too-large', message: 'The request body is too large.' },
  415: { code: 'bad-request', message: 'Send JSON (Content-Type: application/json).' },
  429: { code: 'rate-limited', message: 'Too many requests. Slow down and try again.' },
};

/**
 * Every error leaves as `{error: {code, message}}` in JSON: clients switch on `code`, people
 * read `message`. No input is echoed back; a bug's details go to the log, not the client.
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | MailboxError, request, reply) => {
    if (err instanceof MailboxError) {
      return reply.status(HTTP_STATUS[err.code]).send({ error: { code: err.code, message: err.message } });
    }
    if (err.validation !== undefined) {
      const where = err.validationContext ?? 'request';
      return reply.status(400).send({ error: { code: 'bad-request', message: `The ${where} does not match the API: ${err.message}` } });
    }
    const known = err.statusCode !== undefined ? BY_STATUS[err.statusCode] : undefined;
    if (known !== undefined && err.statusCode !== undefined) {
      return reply.status(err.statusCode).send({ error: known });
    }
    request.log.error(err);
    return reply.status(500).send({ error: { code: 'internal', message: 'The server failed; it is logged.' } });
  });
  app.setNotFoundHandler((_request, reply) => reply.status(404).send({ error: BY_STATUS[404] }));
}
