import { createServer } from 'vite';
import { loadConfig } from '../config.ts';
import { startServer } from '../main.ts';
import { createLogger } from '../logging/logger.ts';

// `npm run dev`: the API on 8787 (vite.config.ts proxies /api, /dev and /admin to it) and
// Vite's dev server with hot reload on PORT (default 5173). Same database as `npm start`.
const apiConfig = loadConfig({ ...process.env, PORT: '8787', HOST: '127.0.0.1' });
const log = createLogger({ format: apiConfig.logFormat });
const api = await startServer(apiConfig, log);
const vite = await createServer({ server: { port: Number(process.env.PORT ?? 5173) } });
await vite.listen();
vite.printUrls();
log.info(`API: ${api.url}`);

const stop = () => void Promise.all([vite.close(), api.close()]).then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
