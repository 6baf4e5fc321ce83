import type { MiddlewareHandler } from 'hono';
import { vValidator as validatorMiddleware } from '@hono/valibot-validator';
import type { GenericSchema } from 'valibot';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** What a route answers besides its errors: a body schema, or none (304, webhook text). */
export type ResponseDoc = GenericSchema | { description: string; schema?: GenericSchema };

export interface RouteDoc {
  summary: string;
  tags?: string[];
  /** Success answers by status; at least one 2xx. */
  responses: Partial<Record<number, ResponseDoc>>;
  /** Route-specific refusal codes by status; the generic ones (validation, auth, CSRF) are added from the route itself. */
  errors?: Partial<Record<ContentfulStatusCode, readonly string[]>>;
  /** Overrides the validator's body schema where the validator is looser than the contract (sync push args). */
  requestBody?: GenericSchema;
  /** Authenticated by an HMAC signature instead of the session cookie; exempt from the same-origin guard. */
  signedWebhook?: boolean;
}

export type ValidationTarget = 'json' | 'query' | 'param';

export const ROUTE_DOC = Symbol('openapi.route');
export const VALIDATED = Symbol('openapi.validated');

type Tagged<K extends symbol, T> = MiddlewareHandler & { [key in K]: T };

/** A pass-through middleware that carries the route's documentation for the OpenAPI document. */
export function describe(doc: RouteDoc): MiddlewareHandler {
  const middleware: MiddlewareHandler = async (_c, next) => {
    await next();
  };
  return Object.assign(middleware, { [ROUTE_DOC]: doc }) as Tagged<typeof ROUTE_DOC, RouteDoc>;
}

/**
 * `@hono/valibot-validator`'s vValidator, remembering its target and schema so the document is
 * generated from the very schema that validates the request.
 */
export const vValidator = ((target: ValidationTarget, schema: GenericSchema, hook?: Parameters<typeof validatorMiddleware>[2]) =>
  Object.assign(validatorMiddleware(target, schema, hook), { [VALIDATED]: { target, schema } })) as unknown as typeof validatorMiddleware;

export function routeDocOf(handler: unknown): RouteDoc | undefined {
  return (handler as Partial<Record<typeof ROUTE_DOC, RouteDoc>>)[ROUTE_DOC];
}

export function validationOf(handler: unknown): { target: ValidationTarget; schema: GenericSchema } | undefined {
  return (handler as Partial<Record<typeof VALIDATED, { target: ValidationTarget; schema: GenericSchema }>>)[VALIDATED];
}
