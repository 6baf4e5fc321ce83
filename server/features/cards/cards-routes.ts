import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../../app-env.ts';
import { describe } from '../../http/openapi/describe.ts';
import { PublicKeyResponseSchema } from '../../../shared/api/api-responses.ts';

/** GET /api/cards/public-key: what an office device needs to check digital cards offline. */
export function cardsRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/public-key', describe({ summary: 'Public key that checks digital card signatures offline', responses: { 200: PublicKeyResponseSchema } }), (c) => {
    c.header('Cache-Control', 'public, max-age=86400');
    return c.json({ algorithm: 'Ed25519', publicKey: deps.cardSigner.publicKey });
  });
}
