import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../../app-env.ts';
import { readSchemaVersion } from '../../db/database.ts';

export function healthRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/', async (c) => {
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
