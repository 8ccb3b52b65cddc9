import type { FastifyInstance, FastifyBaseLogger, RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';

/** The Fastify instance the routes are written against: TypeBox schemas type the handlers. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** Stricter per-address limits for the routes that cost an SMS or check a secret. */
export interface RouteLimits {
  /** Requests per minute per address to /v1/auth/*; false to turn the plugin off (benchmarks). */
  readonly authPerMinute: number | false;
}
