import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../../app-env.ts';
import { readSchemaVersion } from '../../db/database.ts';
import { describe } from '../../http/openapi/describe.ts';
import { HealthResponseSchema } from '../../../shared/api/api-responses.ts';

export function healthRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/', describe({ summary: 'Liveness, database kind and schema version', responses: { 200: HealthResponseSchema } }), async (c) => {
    const schemaVersion = await readSchemaVersion(deps.db);
    c.header('Cache-Control', 'no-store');
    return c.json({
      status: 'ok',
      database: deps.dbKind,
      schemaVersion,
      serverTime: deps.clock.now().toISOString(),
    });
  });
}
