import type { JsonSchema } from '@valibot/to-json-schema';
import { requireAuth } from '../../auth/session.ts';
import { ApiErrorBodySchema } from '../../../shared/api/api-responses.ts';
import { routeDocOf, validationOf, type ResponseDoc, type RouteDoc } from './describe.ts';
import { toOpenApiSchema } from './json-schema.ts';

export interface RouteEntry {
  method: string;
  path: string;
  handler: unknown;
}

type Operation = Record<string, unknown>;

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const SESSION_SCHEME = 'sessionCookie';
const WEBHOOK_SCHEME = 'webhookSignature';

/**
 * The OpenAPI 3.1 document of every /api route, read off the app's own route table: request
 * schemas from the validators the routes run, auth from `requireAuth` in the chain, errors from
 * what the middleware and the route's `describe()` say it can answer.
 */
export function buildOpenApiDocument(routes: readonly RouteEntry[], options: { sessionCookieName: string; version: string }) {
  const apiRoutes = routes.filter((route) => route.path.startsWith('/api/'));
  const middleware = apiRoutes.filter((route) => route.method === 'ALL');
  const operations = new Map<string, RouteEntry[]>();
  for (const route of apiRoutes) {
    if (route.method === 'ALL') continue;
    const key = `${route.method} ${route.path}`;
    operations.set(key, [...(operations.get(key) ?? []), route]);
  }
  const paths: Record<string, Record<string, Operation>> = {};
  for (const [key, handlers] of operations) {
    const [method, path] = key.split(' ') as [string, string];
    const chain = [...middleware.filter((m) => covers(m.path, path)), ...handlers].map((h) => h.handler);
    (paths[openApiPath(path)] ??= {})[method.toLowerCase()] = operation(method, path, chain);
  }
  return {
    openapi: '3.1.0',
    info: { title: 'JMO Lite API', version: options.version, description: 'Generated from the valibot schemas the server validates with. Every refusal is `{code, message}` with an Indonesian message; `fields` names the fields of a refused body.' },
    servers: [{ url: '/' }],
    paths,
    components: {
      securitySchemes: {
        [SESSION_SCHEME]: { type: 'apiKey', in: 'cookie', name: options.sessionCookieName, description: 'Session cookie set by sign-in or registration (httpOnly, SameSite=Lax, 30 days sliding).' },
        [WEBHOOK_SCHEME]: { type: 'apiKey', in: 'header', name: 'X-Signature', description: 'HMAC-SHA256 over `X-Timestamp` + "." + raw body with the gateway secret; the timestamp must be within 5 minutes.' },
      },
    },
  };
}

function operation(method: string, path: string, chain: unknown[]): Operation {
  const doc: RouteDoc | undefined = chain.map(routeDocOf).find(Boolean);
  const validations = chain.map(validationOf).filter((found) => found !== undefined);
  const authenticated = chain.includes(requireAuth);
  const json = doc?.requestBody ?? validations.find((found) => found.target === 'json')?.schema;
  const query = validations.find((found) => found.target === 'query')?.schema;
  const param = validations.find((found) => found.target === 'param')?.schema;

  const errors: Record<number, Set<string>> = {};
  const add = (status: number, ...codes: readonly string[]) => codes.forEach((code) => (errors[status] ??= new Set()).add(code));
  for (const [status, codes] of Object.entries(doc?.errors ?? {})) add(Number(status), ...(codes ?? []));
  if (json) add(400, 'INVALID_INPUT', 'MALFORMED_JSON');
  if (query || param) add(400, 'INVALID_INPUT');
  if (STATE_CHANGING.has(method) && !doc?.signedWebhook) {
    add(403, 'CSRF_REJECTED');
    if (method !== 'DELETE') add(415, 'UNSUPPORTED_MEDIA_TYPE');
  }
  if (STATE_CHANGING.has(method)) add(413, 'PAYLOAD_TOO_LARGE');
  if (authenticated) add(401, 'UNAUTHENTICATED');
  add(500, 'INTERNAL_ERROR');

  const responses: Record<string, unknown> = {};
  for (const [status, response] of Object.entries(doc?.responses ?? {})) responses[status] = successResponse(response!);
  for (const [status, codes] of Object.entries(errors)) responses[status] = errorResponse([...codes]);

  return {
    operationId: operationId(method, path),
    summary: doc?.summary,
    tags: doc?.tags ?? [path.split('/')[2]],
    security: doc?.signedWebhook ? [{ [WEBHOOK_SCHEME]: [] }] : authenticated ? [{ [SESSION_SCHEME]: [] }] : [],
    parameters: [...pathParameters(path, param), ...queryParameters(query)],
    ...(json ? { requestBody: { required: true, content: { 'application/json': { schema: toOpenApiSchema(json, 'request') } } } } : {}),
    responses,
  };
}

function successResponse(response: ResponseDoc) {
  const { description, schema } = 'description' in response ? response : { description: 'OK', schema: response };
  return schema ? { description, content: { 'application/json': { schema: toOpenApiSchema(schema, 'response') } } } : { description };
}

function errorResponse(codes: string[]) {
  const schema = toOpenApiSchema(ApiErrorBodySchema, 'response');
  (schema.properties as Record<string, JsonSchema>).code = { type: 'string', enum: codes };
  return { description: `Refused: ${codes.join(', ')}`, content: { 'application/json': { schema } } };
}

function pathParameters(path: string, param: Parameters<typeof toOpenApiSchema>[0] | undefined) {
  const properties = param ? (toOpenApiSchema(param, 'request').properties as Record<string, JsonSchema>) : {};
  return [...path.matchAll(/:(\w+)/g)].map(([, name]) => ({ name, in: 'path', required: true, schema: properties[name!] ?? { type: 'string' } }));
}

function queryParameters(query: Parameters<typeof toOpenApiSchema>[0] | undefined) {
  if (!query) return [];
  const converted = toOpenApiSchema(query, 'request');
  const required = new Set((converted.required as string[] | undefined) ?? []);
  return Object.entries((converted.properties ?? {}) as Record<string, JsonSchema>).map(([name, schema]) => ({ name, in: 'query', required: required.has(name), schema }));
}

/** `/api/account/*` covers `/api/account` and everything under it. */
function covers(pattern: string, path: string): boolean {
  if (!pattern.endsWith('/*')) return pattern === path;
  const prefix = pattern.slice(0, -2);
  return path === prefix || path.startsWith(`${prefix}/`);
}

export function openApiPath(path: string): string {
  return path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}');
}

function operationId(method: string, path: string): string {
  const words = path.replace(/^\/api\//, '').split(/[/\-.:]+/).filter(Boolean);
  return method.toLowerCase() + words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join('');
}
