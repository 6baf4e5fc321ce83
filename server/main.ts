import { serve, type ServerType } from '@hono/node-server';
import { createApp } from './app.ts';
import { loadConfig, type AppConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { readReplica } from './sync/replica-routing.ts';
import { systemClock } from './app-env.ts';
import { StartupError } from './startup-error.ts';
import { jakartaDate } from './jakarta-date.ts';
import { seedIfEmpty, type SeedSummary } from './seed/seed-database.ts';
import { DEMO_PASSWORD } from './seed/demo-people.ts';
import { createCardSigner, loadCardSigningKey } from './features/cards/card-signing.ts';
import { startClaimSimulator } from './features/backoffice/claim-simulator.ts';
import { createDocumentStore, type DocumentStore } from './features/uploads/document-store.ts';
import { startUploadCleanup } from './features/uploads/document-uploads.ts';
import { startMessageWorker } from './messaging/deliver-messages.ts';
import { databaseRateLimiter, redisRateLimiter } from './security/rate-limiter.ts';
import { sendersFromConfig } from './messaging/senders.ts';
import { createLogger, prettyTo, type Logger } from './logging/logger.ts';

export interface RunningServer {
  url: string;
  seed: SeedSummary;
  close(): Promise<void>;
}

/** Opens the database (migrating it), then listens. Rejects with StartupError on bad config. */
export async function startServer(config: AppConfig, log: Logger = createLogger({ format: config.logFormat })): Promise<RunningServer> {
  const database = await openDatabase(config.database);
  let documentStore: DocumentStore;
  try {
    documentStore = openDocumentStore(config);
  } catch (error) {
    await database.close();
    throw error;
  }
  const seed = await seedIfEmpty(database.db, { today: jakartaDate(systemClock.now()), extraParticipants: config.seedParticipants });
  const cardSigner = createCardSigner(loadCardSigningKey(config.dataDir, config.cardSigningKeyPem));
  const rateLimiter = config.redisUrl ? redisRateLimiter(config.redisUrl) : databaseRateLimiter(database.db);
  const app = createApp({ db: database.db, dbKind: database.kind, changes: database.changes, ...(database.readDb ? { readReplica: readReplica(database.readDb) } : {}), config, clock: systemClock, log, cardSigner, rateLimiter, documentStore });
  const stopUploadCleanup = startUploadCleanup({ db: database.db, store: documentStore, clock: systemClock, log });
  const stopMessages = startMessageWorker(database.db, sendersFromConfig(config, log), systemClock, log);
  const stopSimulator = config.claimSimulator ? startClaimSimulator({ db: database.db, clock: systemClock, log }) : () => undefined;
  const server = await listen(app.fetch, config).catch(async (error: unknown) => {
    stopSimulator();
    stopMessages();
    stopUploadCleanup();
    await rateLimiter.close();
    await database.close();
    throw error;
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return {
    url: `http://localhost:${port}`,
    seed,
    close: async () => {
      stopSimulator();
      stopMessages();
      stopUploadCleanup();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rateLimiter.close();
      await database.close();
    },
  };
}

function openDocumentStore(config: AppConfig) {
  try {
    return createDocumentStore(config.documentStorage);
  } catch (error) {
    const where = config.documentStorage.kind === 'file' ? config.documentStorage.directory : config.documentStorage.endpoint;
    throw new StartupError(`Penyimpanan dokumen ${where} tidak bisa dipakai (cannot use document storage: ${error instanceof Error ? error.message : String(error)})`);
  }
}

function listen(fetch: Parameters<typeof serve>[0]['fetch'], config: AppConfig): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port: config.port, hostname: config.host }, () => resolve(server));
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new StartupError(`Port ${config.port} sudah dipakai program lain (port in use); set PORT to another number`)
          : new StartupError(`Server tidak bisa mulai (cannot listen): ${error.code ?? error.message}`),
      );
    });
  });
}

/** The process entry: one clear line and exit 1 on bad configuration, never a stack dump. */
export async function runFromCommandLine(): Promise<void> {
  try {
    const config = loadConfig();
    const log = createLogger({ format: config.logFormat });
    const started = Date.now();
    const running = await startServer(config, log);
    log.info(`JMO Lite berjalan di ${running.url} (siap dalam ${Date.now() - started} ms)`);
    log.info(`Database: ${config.database.kind === 'postgres' ? `PostgreSQL (DATABASE_URL${config.database.readUrl ? ', pulls from DATABASE_READ_URL' : ''})` : `PGlite di ${config.dataDir}`}`);
    printDemoSignIn(running, config);
    const stop = () => {
      void running.close().then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (error) {
    // One readable line on stderr, never a stack: the configuration may be what failed.
    const message = error instanceof Error ? error.message : String(error);
    createLogger({ destination: prettyTo(process.stderr) }).fatal(`Gagal mulai: ${message}`);
    process.exit(1);
  }
}

/**
 * For the person who ran `npm start`, not a log: the demo people's NIKs and password are public
 * demo data (fictitious numbers), printed in full so they can be typed in. Never through the
 * logger, which would mask them.
 */
function printDemoSignIn(running: RunningServer, config: AppConfig): void {
  const { seed } = running;
  if (seed.demo.length === 0) return;
  const lines = [
    '',
    seed.seeded ? `Data demo dibuat: ${seed.participants} peserta, ${seed.contributions} bulan iuran.` : '',
    'Akun demo (masuk dengan email atau NIK, kata sandi sama untuk semua):',
    `  Kata sandi: ${DEMO_PASSWORD}`,
    ...seed.demo.map((person) =>
      person.email
        ? `  - ${person.fullName} (${person.story}): ${person.email} · NIK ${person.nik} · KPJ ${person.kpjs.join(', ')}`
        : `  - ${person.fullName} (${person.story}): NIK ${person.nik} · KPJ ${person.kpjs[0]} · nama "${person.fullName}" · lahir ${person.birthDate}`,
    ),
    config.devMailboxEnabled ? `Kotak surat pengembangan (kode email/SMS): ${running.url}/dev/mailbox` : '',
    '',
  ];
  process.stdout.write(`${lines.filter((line, index) => line !== '' || index === 0 || index === lines.length - 1).join('\n')}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runFromCommandLine();
}
