import { loginWithCode, loginWithPassword, requestLoginCode, setPassword } from '../../domain/auth';
import type { MailboxContext } from '../../domain/context';
import { MailboxError } from '../../domain/errors';
import { listDevices, revokeSession } from '../../domain/sessions';
import { CodeRequest, CodeRequested, DeviceList, DeviceParams, LoginRequest, LoginResponse, PasswordRequest } from '../../protocol/http';
import { requireSession, sessionOf } from '../identity';
import { forgetSession } from '../session-cache';
import type { App, RouteLimits } from './types';

const errors = { 400: { $ref: 'ErrorBody#' }, 401: { $ref: 'ErrorBody#' }, 429: { $ref: 'ErrorBody#' } };

/** The answer to every code request that was not refused by a cap. */
const CODE_ANSWER = 'If this number can receive SMS, a code is on its way.';

export function authRoutes(app: App, ctx: MailboxContext, limits: RouteLimits): void {
  const rateLimit = limits.authPerMinute === false ? false : { max: limits.authPerMinute, timeWindow: 60_000 };
  const session = requireSession(ctx);

  app.post(
    '/v1/auth/code',
    {
      config: { rateLimit },
      schema: {
        summary: 'Ask for a one-time login code by SMS',
        description: 'Answers the same whether or not the number has an account.',
        body: CodeRequest,
        response: { 202: CodeRequested, ...errors },
      },
    },
    async (request, reply) => {
      await requestLoginCode(ctx, request.body.number, request.ip);
      return reply.status(202).send({ message: CODE_ANSWER });
    },
  );

  app.post(
    '/v1/auth/login',
    {
      config: { rateLimit },
      schema: {
        summary: 'Open a device session with number + code, or number + password',
        body: LoginRequest,
        response: { 200: LoginResponse, ...errors },
      },
    },
    async (request) => {
      const { number, code, password, device } = request.body;
      if ((code === undefined) === (password === undefined)) {
        throw new MailboxError('bad-request', 'Give either a code or a password.');
      }
      return code !== undefined
        ? loginWithCode(ctx, number, code, device, request.ip)
        : loginWithPassword(ctx, number, password ?? '', device, request.ip);
    },
  );

  app.get(
    '/v1/devices',
    {
      onRequest: session,
      schema: { summary: 'The devices logged in to this account', security: [{ bearer: [] }], response: { 200: DeviceList, ...errors } },
    },
    async (request) => {
      const me = sessionOf(request);
      const devices = await listDevices(ctx.db, me.accountId);
      return { devices: devices.map((d) => ({ ...d, current: d.id === me.sessionId })) };
    },
  );

  app.delete(
    '/v1/devices/:id',
    {
      onRequest: session,
      schema: {
        summary: 'Log a device out (revoke its session)',
        security: [{ bearer: [] }],
        params: DeviceParams,
        response: { 204: { type: 'null' }, 404: { $ref: 'ErrorBody#' }, ...errors },
      },
    },
    async (request, reply) => {
      const me = sessionOf(request);
      if (!(await revokeSession(ctx.db, me.accountId, request.params.id, ctx.clock.now()))) {
        throw new MailboxError('not-found', 'No such device on this account.');
      }
      // Before answering: from the 204 on, this process refuses the token (others on NOTIFY).
      forgetSession(ctx, request.params.id);
      await ctx.notifier.publish([{ type: 'session-revoked', sessionId: request.params.id }]);
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/v1/account/password',
    {
      onRequest: session,
      schema: {
        summary: 'Set a password for later logins (argon2id)',
        security: [{ bearer: [] }],
        body: PasswordRequest,
        response: { 204: { type: 'null' }, ...errors },
      },
    },
    async (request, reply) => {
      await setPassword(ctx, sessionOf(request).accountId, request.body.password);
      return reply.status(204).send(null);
    },
  );
}
