import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runFromCommandLine } from '../main.ts';
import { createLogger } from '../logging/logger.ts';

// `npm start` builds only when the sources are newer than the last build, so a second start is fast.
const sourceDirs = ['client', 'shared', 'public'];
const builtIndex = join('dist', 'client', 'index.html');

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestMtime(join(path, entry))), stat.mtimeMs);
}

function buildIsStale(): boolean {
  if (!existsSync(builtIndex)) return true;
  const builtAt = statSync(builtIndex).mtimeMs;
  const inputs = [...sourceDirs.filter(existsSync), 'vite.config.ts', 'package-lock.json'].filter(existsSync);
  return inputs.some((path) => newestMtime(path) > builtAt);
}

if (buildIsStale()) {
  createLogger({ format: 'pretty' }).info('Membangun aplikasi (building the client)…');
  const { build } = await import('vite');
  // Vite's build sets NODE_ENV=production in this process; the server must see the user's own
  // setting (production turns off the development mailbox and requires real secrets).
  const userNodeEnv = process.env.NODE_ENV;
  await build({ logLevel: 'warn' });
  if (userNodeEnv === undefined) delete process.env.NODE_ENV;
  else process.env.NODE_ENV = userNodeEnv;
}
await runFromCommandLine();
