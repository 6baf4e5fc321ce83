import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Builds the client once unless the caller (CI) already did. In a child process with
 * NODE_ENV=production: Vitest sets NODE_ENV=test, which Vite keeps, and such a build has no
 * service-worker registration (import.meta.env.PROD is false), so the shell tests would wait forever.
 */
export default function setup() {
  if (process.env.E2E_SKIP_BUILD === '1' && existsSync('dist/client/index.html')) return;
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
}
