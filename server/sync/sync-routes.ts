import { Hono } from 'hono';
import { describe, vValidator } from '../http/openapi/describe.ts';
import { PullResponseSchema, PushResponseSchema } from '../../shared/api/api-responses.ts';
import type { AppDeps, AppEnv } from '../app-env.ts';
import { requireAuth } from '../auth/session.ts';
import { rejectInvalid } from '../http/errors.ts';
import { PullQuerySchema, PushRequestSchema } from '../../shared/sync/protocol.ts';
import type { MutationRegistry } from './mutation-registry.ts';
import { pullPreferringReplica } from './replica-routing.ts';
import { DeviceEtags } from './pull.ts';
import type { PullReaderRegistry } from './pull-readers.ts';
import { pushMutations } from './push.ts';

/** GET /api/sync/pull and POST /api/sync/push: the one loop every feature's data goes through. */
export function syncRoutes(deps: AppDeps, registry: MutationRegistry, readers: PullReaderRegistry) {
  const etags = new DeviceEtags(deps.changes);
  return new Hono<AppEnv>()
    .use('*', requireAuth)
    .get('/pull', describe({ summary: 'Changes since the cursor (ETag; 304 when nothing changed)', responses: { 200: PullResponseSchema, 304: { description: 'Nothing changed since If-None-Match' } } }), vValidator('query', PullQuerySchema, rejectInvalid), async (c) => {
      const query = c.req.valid('query');
      const outcome = await pullPreferringReplica(
        deps.db,
        deps.readReplica,
        readers,
        c.get('auth')!,
        {
          cursor: query.cursor,
          deviceId: query.deviceId,
          lastMutationId: query.lastMutationId === undefined ? undefined : Number(query.lastMutationId),
          ifNoneMatch: c.req.header('If-None-Match'),
          now: deps.clock.now(),
        },
        { etags, mark: c.get('changesMark') },
        deps.log,
      );
      // Private: the answer is one person's data; no-cache: always revalidate, 304 is cheap.
      c.header('Cache-Control', 'private, no-cache');
      c.header('ETag', outcome.etag);
      if (outcome.kind === 'not-modified') return c.body(null, 304);
      return c.json(outcome.body);
    })
    .post('/push', describe({ summary: 'Deliver queued mutations in order, exactly once', responses: { 200: PushResponseSchema }, requestBody: registry.pushRequestSchema() }), vValidator('json', PushRequestSchema, rejectInvalid), async (c) => {
      const response = await pushMutations(deps.db, registry, c.get('auth')!, c.req.valid('json'), deps.clock.now(), deps.log);
      c.header('Cache-Control', 'no-store');
      return c.json(response);
    });
}
