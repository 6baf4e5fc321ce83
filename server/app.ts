import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { bodyLimit } from 'hono/body-limit';
import type { AppDeps, AppEnv } from './app-env.ts';
import { apiError, handleUncaught } from './http/errors.ts';
import { guardStateChangingRequests } from './http/request-guard.ts';
import { allowOnlyKnownHosts } from './http/host-guard.ts';
import { inlineScriptHashes, staticClient } from './http/static-client.ts';
import { compressJson } from './http/compress-json.ts';
import { rememberClientIp } from './http/client-ip.ts';
import { loadSession } from './auth/session.ts';
import { healthRoutes } from './features/health/health-routes.ts';
import { clientHintsRoutes } from './features/health/client-hints-routes.ts';
import { officesRoutes } from './features/offices/offices-routes.ts';
import { MutationRegistry, type MutationDefinition } from './sync/mutation-registry.ts';
import { syncRoutes } from './sync/sync-routes.ts';
import { PullReaderRegistry } from './sync/pull-readers.ts';
import { profileUpdate } from './features/profile/profile-mutations.ts';
import { cardsRoutes } from './features/cards/cards-routes.ts';
import { claimSubmit } from './features/claims/claim-mutations.ts';
import { claimCancel } from './features/claims/claim-cancel.ts';
import { claimResubmit } from './features/claims/claim-resubmit.ts';
import { uploadRoutes, UPLOADS_PATH } from './features/uploads/upload-routes.ts';
import { lazyDocumentStore } from './features/uploads/document-store.ts';
import { backofficeRoutes } from './features/backoffice/backoffice-routes.ts';
import { paymentsRoutes } from './features/payments/payments-routes.ts';
import { authRoutes } from './features/auth/auth-routes.ts';
import { accountRoutes } from './features/auth/account-routes.ts';
import { devMailboxRoutes } from './messaging/dev-mailbox-routes.ts';
import { openApiRoutes } from './http/openapi/openapi-routes.ts';
import { gatewaySimulatorRoutes } from './features/payments/gateway-simulator.ts';
import { complaintFile } from './features/complaints/complaint-mutations.ts';
import { complaintReply } from './features/complaints/complaint-reply-mutation.ts';
import { notificationRead } from './features/notifications/notification-mutations.ts';
import { profileReader } from './features/profile/profile-reader.ts';
import { membershipReader } from './features/cards/membership-reader.ts';
import { balanceReader, contributionReader } from './features/contributions/contribution-readers.ts';
import { claimEventReader, claimReader } from './features/claims/claim-readers.ts';
import { complaintMessageReader, complaintReader } from './features/complaints/complaint-readers.ts';
import { paymentReader } from './features/payments/payment-reader.ts';
import { notificationReader } from './features/notifications/notification-reader.ts';

const MAX_BODY_BYTES = 256 * 1024;

/** Every mutation a phone may push; features add theirs here. */
export const appMutations: readonly MutationDefinition[] = [profileUpdate, claimSubmit, claimCancel, claimResubmit, complaintFile, complaintReply, notificationRead] as unknown as MutationDefinition[];

/** What a pull sends of each synced table; features add theirs here. */
function appPullReaders(deps: AppDeps): PullReaderRegistry {
  return new PullReaderRegistry()
    .register(profileReader)
    .register(membershipReader(deps.cardSigner))
    .register(balanceReader)
    .register(contributionReader)
    .register(claimReader)
    .register(claimEventReader)
    .register(complaintReader)
    .register(complaintMessageReader)
    .register(paymentReader)
    .register(notificationReader);
}

/**
 * Builds the whole HTTP app from its dependencies; tests call `app.request` on it.
 * `testMutations` lets a test register a mutation of its own (e.g. one whose handler throws).
 */
export function createApp(deps: AppDeps, options: { testMutations?: MutationDefinition[] } = {}) {
  const app = new Hono<AppEnv>();
  const documentStore = deps.documentStore ?? lazyDocumentStore(deps.config.documentStorage);

  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", ...inlineScriptHashes(deps.config.clientDir)],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      crossOriginEmbedderPolicy: false,
      // same-origin, not no-referrer: under no-referrer browsers send "Origin: null" with form posts,
      // which would make our own back-office forms indistinguishable from cross-site ones.
      referrerPolicy: 'same-origin',
      // A route that sets its own stricter header keeps it (the office's page bytes add `sandbox`).
      overwrite: false,
    }),
  );
  app.use('*', allowOnlyKnownHosts(deps.config));
  app.use('*', rememberClientIp(deps.config.trustProxy));

  const api = new Hono<AppEnv>();
  api.use('*', compressJson());
  api.use('*', guardStateChangingRequests({ exempt: ['/api/payments/webhook'], binaryPrefix: UPLOADS_PATH }));
  // tus bounds its own bodies by the upload's declared length (≤ one page).
  const jsonBodyLimit = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => apiError(c, 413, 'PAYLOAD_TOO_LARGE') });
  api.use('*', (c, next) => (isUnder(c.req.path, UPLOADS_PATH) ? next() : jsonBodyLimit(c, next)));
  api.use('*', loadSession(deps));
  api.route('/health', healthRoutes(deps));
  api.route('/offices', officesRoutes());
  api.route('/client-hints', clientHintsRoutes());
  // Feature routes are mounted here, one line each.
  const mutations = new MutationRegistry();
  for (const definition of [...appMutations, ...(options.testMutations ?? [])]) mutations.register(definition);
  api.route('/auth', authRoutes(deps));
  api.route('/account', accountRoutes(deps));
  api.route('/sync', syncRoutes(deps, mutations, appPullReaders(deps)));
  api.route('/cards', cardsRoutes(deps));
  api.route('/payments', paymentsRoutes(deps));
  api.route('/uploads', uploadRoutes(deps, documentStore));
  api.route('/openapi.json', openApiRoutes(deps, () => app.routes));
  api.all('*', (c) => apiError(c, 404, 'NOT_FOUND'));

  app.route('/api', api);
  app.route('/admin', backofficeRoutes(deps, documentStore));
  app.route('/dev', devMailboxRoutes(deps));
  app.route('/gateway', gatewaySimulatorRoutes(deps, (request) => Promise.resolve(app.fetch(request))));
  app.route('/', staticClient(deps.config.clientDir));
  app.notFound((c) => apiError(c, 404, 'NOT_FOUND'));
  app.onError((error, c) => handleUncaught(error, c, deps.log));
  return app;
}

function isUnder(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}

export type App = ReturnType<typeof createApp>;
