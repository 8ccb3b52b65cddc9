import type { MailboxContext } from '../../domain/context';
import { Health } from '../../protocol/http';
import type { App } from './types';

export function metaRoutes(app: App, ctx: MailboxContext, schemaVersion: number): void {
  app.get(
    '/healthz',
    {
      config: { rateLimit: false },
      schema: { summary: 'Liveness and database reachability', response: { 200: Health } },
    },
    async () => {
      await ctx.db.one('SELECT 1 AS up');
      return { ok: true, schemaVersion };
    },
  );

  app.get('/v1/openapi.json', { config: { rateLimit: false }, schema: { hide: true } }, async () => app.swagger());
}
