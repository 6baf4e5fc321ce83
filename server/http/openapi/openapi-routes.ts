import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../../app-env.ts';
import { sessionCookieName } from '../../auth/session.ts';
import { describe } from './describe.ts';
import { buildOpenApiDocument, type RouteEntry } from './openapi-document.ts';

/** GET /api/openapi.json: built once, on first request, from the finished app's route table. */
export function openApiRoutes(deps: AppDeps, appRoutes: () => readonly RouteEntry[]) {
  let document: string | undefined;
  return new Hono<AppEnv>().get('/', describe({ summary: 'This OpenAPI 3.1 document', tags: ['meta'], responses: { 200: { description: 'OpenAPI 3.1 document' } } }), (c) => {
    document ??= JSON.stringify(buildOpenApiDocument(appRoutes(), { sessionCookieName: sessionCookieName(deps.config.secureCookies), version: '1' }));
    c.header('Cache-Control', 'no-cache');
    return c.body(document, 200, { 'Content-Type': 'application/json; charset=utf-8' });
  });
}
